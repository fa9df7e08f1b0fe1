import { Duration, SecretValue, TimeZone, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { failureAlarm } from './failure-alarm.js';
import { janitorMetric } from './janitor-metric.js';
import type { ScheduleDelivery } from './schedule-delivery.js';
import type { TenantConfig } from './stack-context.js';

export interface TenantJanitorProps {
  readonly tenant: TenantConfig;
  readonly function: IFunction;
  /** The function's role: gets read access to this tenant's credentials secret only. */
  readonly functionRole: IRole;
  /** The scheduler role and the queue for invocations it could not deliver. */
  readonly delivery: ScheduleDelivery;
  readonly alarmTopic: ITopic;
}

/** Everything one ISC tenant adds: its credentials secret, nightly schedule and alarms. */
export class TenantJanitor extends Construct {
  readonly secret: ISecret;
  /** True when the stack created the secret and the PAT still has to be put into it. */
  readonly secretCreated: boolean;
  readonly schedule: Schedule;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: TenantJanitorProps) {
    super(scope, id);
    const { tenant } = props;
    this.secretCreated = tenant.credentialsSecretArn === undefined;
    this.secret = this.credentialsSecret(tenant);
    // GetSecretValue only: the handler never describes, lists or writes its credentials.
    const secretResource = this.secret.secretFullArn ?? `${this.secret.secretArn}-??????`;
    props.functionRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretResource] }),
    );

    this.schedule = new Schedule(this, 'Schedule', {
      description: `isc-oauth-janitor nightly run for tenant ${tenant.name}`,
      schedule: ScheduleExpression.expression(tenant.schedule, TimeZone.of(tenant.timeZone)),
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(props.function, {
        input: ScheduleTargetInput.fromObject({
          tenant: tenant.name,
          credentialsSecretId: this.secret.secretArn,
          ...(tenant.policy === undefined ? {} : { policy: tenant.policy }),
        }),
        // Delivery retries (throttling, Lambda unavailable); the run's own failures are retried
        // by Lambda's async invoke config and end in the function's failed-runs queue.
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: props.delivery.deadLetterQueue,
        role: props.delivery.role,
      }),
    });

    this.alarms = [
      failureAlarm(this, 'ActionsFailedAlarm', {
        metric: janitorMetric('ActionsFailed', tenant.name, { period: Duration.hours(1) }),
        description: `isc-oauth-janitor: an action failed for tenant ${tenant.name}; see the run report email or the function logs`,
        topic: props.alarmTopic,
      }),
      failureAlarm(this, 'RunBlockedAlarm', {
        metric: janitorMetric('RunBlocked', tenant.name, { period: Duration.hours(1) }),
        description: `isc-oauth-janitor: the guard blocked the run for tenant ${tenant.name} (more actions planned than the limits allow); review the report`,
        topic: props.alarmTopic,
      }),
    ];
  }

  private credentialsSecret(tenant: TenantConfig): ISecret {
    const arn = tenant.credentialsSecretArn;
    if (arn !== undefined) {
      // A complete ARN ends in the 6-character suffix Secrets Manager appends to the name.
      return /-[A-Za-z0-9]{6}$/.test(arn)
        ? Secret.fromSecretCompleteArn(this, 'Credentials', arn)
        : Secret.fromSecretPartialArn(this, 'Credentials', arn);
    }
    // Placeholders only, never a credential: the user puts the PAT in after deploying. The
    // construct id is per tenant, so this template value never changes and CloudFormation
    // never overwrites the PAT on a later deploy.
    const secret = new Secret(this, 'Credentials', {
      secretName: `isc-oauth-janitor/credentials/${tenant.name}`,
      description: `ISC personal access token (PAT) the janitor uses for tenant ${tenant.name}`,
      secretStringValue: SecretValue.unsafePlainText(
        JSON.stringify({ baseUrl: `https://${tenant.name}.api.identitynow.com`, clientId: 'REPLACE_ME', clientSecret: 'REPLACE_ME' }),
      ),
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Holds an ISC personal access token; ISC offers no API a rotation Lambda could use to re-issue a PAT, so it is rotated by its owner in ISC.',
    });
    return secret;
  }
}
