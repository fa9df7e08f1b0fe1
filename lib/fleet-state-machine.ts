import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { encryptedLogGroup } from './encrypted-log-group.js';
import { fleetDefinition } from './fleet-definition.js';
import type { JanitorFunction } from './janitor-function.js';

export interface FleetStateMachineProps {
  /** Runs one tenant (the janitor). */
  readonly janitor: JanitorFunction;
  /** Picks the due tenants and summarizes the night. */
  readonly fleet: JanitorFunction;
  /** Tenant runs in flight at once. */
  readonly maxConcurrency: number;
  /** The janitor's timeout: a tenant's task is given up a minute after it. */
  readonly janitorTimeout: Duration;
  readonly logRetention: RetentionDays;
  /** The customer key the execution log group is encrypted with (createLogsKey). */
  readonly logEncryptionKey: IKey;
}

/**
 * One tick of the night (see fleet-definition.ts). Standard, not Express: a tick may run for
 * longer than Express's five minutes, and each tenant's retries and outcome stay in the
 * execution history for the person investigating a failed night.
 */
export class FleetStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: FleetStateMachineProps) {
    super(scope, id);
    this.logGroup = encryptedLogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.logEncryptionKey });
    const definition = fleetDefinition({ maxConcurrency: props.maxConcurrency, janitorTimeoutSeconds: props.janitorTimeout.toSeconds() });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'isc-oauth-janitor: the night, every 15 minutes: runs each tenant due in its own time zone, once per local day',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
      definitionSubstitutions: { FleetFunctionArn: props.fleet.function.functionArn, JanitorFunctionArn: props.janitor.function.functionArn },
      // Every state transition, without the data: results carry tenant names and reasons only,
      // but the execution history keeps those already, and logs outlive executions.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      timeout: Duration.hours(12),
    });
    // The two functions themselves, unqualified: the definition invokes no version or alias.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.fleet.function.functionArn, props.janitor.function.functionArn] }),
    );
    Validations.of(this.stateMachine.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Added by CDK for Step Functions logging (logs:CreateLogDelivery and friends, which take no resource) and X-Ray tracing (xray:PutTraceSegments, which has no resource-level permissions).',
      },
    );
  }
}
