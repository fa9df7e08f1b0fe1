import { Aws, Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.js';

export interface FleetScheduleProps {
  readonly stateMachine: IStateMachine;
}

/** Every tenant's local time falls on a quarter hour of some tick; due-ness is decided per tenant. */
export const TICK_MINUTES = 15;

/**
 * The one schedule of the whole fleet: every 15 minutes it starts the state machine, which runs
 * whoever is due in their own time zone. The same resource serves 0 tenants or 1,000: adding,
 * pausing or rescheduling a tenant changes data in the registry, never this schedule. The role
 * is for this account's default schedule group only; starts it could not deliver after its
 * retries wait in a queue.
 */
export class FleetSchedule extends Construct {
  readonly schedule: Schedule;
  readonly role: Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: FleetScheduleProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      description: 'isc-oauth-janitor: lets the fleet schedule start the nightly state machine',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/default`,
          },
        },
      }),
    });
    this.deadLetterQueue = deadLetterQueue(this, 'Undelivered', 'the fleet schedule (DeadLetterConfig)');
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'isc-oauth-janitor: every 15 minutes, run the tenants due in their own time zone',
      schedule: ScheduleExpression.rate(Duration.minutes(TICK_MINUTES)),
      timeWindow: TimeWindow.off(),
      target: new StepFunctionsStartExecution(props.stateMachine, {
        input: ScheduleTargetInput.fromObject({}),
        // A tick that cannot start is worth little after the next one: retry briefly, then park it.
        retryAttempts: 3,
        maxEventAge: Duration.minutes(TICK_MINUTES),
        deadLetterQueue: this.deadLetterQueue,
        role: this.role,
      }),
    });
  }
}
