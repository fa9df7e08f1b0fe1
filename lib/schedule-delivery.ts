import { Aws, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.js';

export interface ScheduleDeliveryProps {
  /** The function the schedules invoke. */
  readonly function: IFunction;
}

/**
 * What every tenant's schedule shares to reach the function: the role EventBridge Scheduler
 * assumes (only for this account's default schedule group) and the queue for invocations it
 * could not deliver after its retries.
 */
export class ScheduleDelivery extends Construct {
  readonly role: Role;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ScheduleDeliveryProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      description: 'isc-oauth-janitor: lets the tenant schedules invoke the function',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule-group/default`,
          },
        },
      }),
    });
    this.deadLetterQueue = deadLetterQueue(this, 'Undelivered', 'the EventBridge Scheduler schedules (DeadLetterConfig)');
    // The LambdaInvoke target grants invoke on the function and on every version/alias.
    const functionLogicalId = Stack.of(this).getLogicalId(props.function.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason: "Added by CDK's LambdaInvoke target (grantInvoke covers versions and aliases); the schedules invoke the unqualified function, which is this one function only.",
    });
  }
}
