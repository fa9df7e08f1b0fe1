import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { parsePolicy } from '../lambdas/core/model/policy.js';
import type { PolicyInput } from '../lambdas/core/model/policy.js';
import { functionFailureAlarms } from './failure-alarm.js';
import { grantJanitorPermissions } from './grant-janitor-permissions.js';
import { JanitorFunction } from './janitor-function.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from './janitor-metric.js';
import { createTopicKey, NotificationTopic } from './notification-topic.js';
import { ScheduleDelivery } from './schedule-delivery.js';
import { parseStackContext } from './stack-context.js';
import { TenantDashboard } from './tenant-dashboard.js';
import { TenantJanitor } from './tenant-janitor.js';
import { addTenantOutputs } from './tenant-outputs.js';

/** One ISC tenant the janitor governs. */
export interface JanitorTenantProps {
  /** A label for the tenant, e.g. `acme` (letters, digits, inner hyphens). Names resources and metrics. */
  readonly name: string;
  /** @default - a secret `isc-oauth-janitor/credentials/{name}` is created with placeholders */
  readonly credentialsSecretArn?: string;
  /** EventBridge Scheduler `cron(m h dom mon dow year)` or `HH:MM`. @default 'cron(0 2 * * ? *)' */
  readonly schedule?: string;
  /** IANA time zone of the schedule. @default 'UTC' */
  readonly timeZone?: string;
  /** Partial policy sent with each scheduled run, merged over `basePolicy`. @default - none */
  readonly policy?: PolicyInput;
}

export interface JanitorStackProps extends StackProps {
  /** At least one tenant; the first one is the default for an on-demand invoke. */
  readonly tenants: readonly JanitorTenantProps[];
  /** Emails that receive every run report. @default - none (subscribe later in SNS) */
  readonly reportEmails?: readonly string[];
  /** Emails that receive alarms instead of the report topic. @default - alarms go to the report topic */
  readonly alarmEmails?: readonly string[];
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** `'none'` for accounts too small to reserve concurrency. @default 1 (runs never overlap) */
  readonly reservedConcurrentExecutions?: number | 'none';
  /** @default RetentionDays.THREE_MONTHS */
  readonly logRetention?: RetentionDays;
  /** Where rotated/created client secrets live; the function may write only there. @default 'isc-oauth-janitor/clients/' */
  readonly rotationSecretPrefix?: string;
  /** Create a customer-managed KMS key for those managed client secrets. @default false */
  readonly managedSecretsKmsKey?: boolean;
  /** The policy every run starts from (JANITOR_POLICY). @default {} (report mode, default limits) */
  readonly basePolicy?: PolicyInput;
}

/** The janitor: one function, a schedule, secret, alarms and dashboard per tenant, one report topic. */
export class JanitorStack extends Stack {
  readonly janitor: JanitorFunction;
  readonly reportTopic: NotificationTopic;
  readonly tenants: readonly TenantJanitor[];
  readonly dashboards: readonly TenantDashboard[];

  constructor(scope: Construct, id: string, props: JanitorStackProps) {
    super(scope, id, props);
    // Same checks as the CDK context, so a stack built in code cannot skip them.
    const config = parseStackContext(
      { tenants: props.tenants, rotationSecretPrefix: props.rotationSecretPrefix, reportEmails: props.reportEmails, alarmEmails: props.alarmEmails },
      'JanitorStack props',
    );
    parsePolicy(props.basePolicy ?? {}, 'JanitorStack basePolicy');
    const reserved = props.reservedConcurrentExecutions ?? 1;

    const topicKey = createTopicKey(this, 'TopicKey');
    this.reportTopic = new NotificationTopic(this, 'Reports', { key: topicKey, displayName: 'ISC OAuth janitor', emails: config.reportEmails });
    const alarmTopic = config.alarmEmails.length > 0
      ? new NotificationTopic(this, 'Alarms', { key: topicKey, displayName: 'ISC OAuth janitor alarms', emails: config.alarmEmails }).topic
      : this.reportTopic.topic;

    this.janitor = new JanitorFunction(this, 'Janitor', {
      timeout: props.timeout ?? Duration.minutes(5),
      reservedConcurrentExecutions: reserved === 'none' ? undefined : reserved,
      logRetention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      environment: {
        REPORT_TOPIC_ARN: this.reportTopic.topic.topicArn,
        JANITOR_POLICY: JSON.stringify(props.basePolicy ?? {}),
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ROTATION_SECRET_PREFIX: config.rotationSecretPrefix,
      },
    });
    const fn = this.janitor.function;
    grantJanitorPermissions(this, {
      janitor: this.janitor,
      reportTopic: this.reportTopic.topic,
      topicKey,
      rotationSecretPrefix: config.rotationSecretPrefix,
      managedSecretsKmsKey: props.managedSecretsKmsKey ?? false,
    });

    const delivery = new ScheduleDelivery(this, 'ScheduleDelivery', { function: fn });
    const failureAlarms = functionFailureAlarms(this, { janitor: this.janitor, delivery, topic: alarmTopic });

    const tenants: TenantJanitor[] = [];
    const dashboards: TenantDashboard[] = [];
    config.tenants.forEach((tenant, index) => {
      const tenantJanitor = new TenantJanitor(this, `Tenant-${tenant.name}`, {
        tenant,
        function: fn,
        functionRole: this.janitor.role,
        delivery,
        alarmTopic,
      });
      const dashboardName = `${this.stackName}-${tenant.name}`;
      dashboards.push(new TenantDashboard(this, `Dashboard-${tenant.name}`, {
        dashboardName,
        tenant: tenant.name,
        function: fn,
        alarms: [...tenantJanitor.alarms, ...failureAlarms],
      }));
      addTenantOutputs(this, { name: tenant.name, tenant: tenantJanitor, functionName: fn.functionName, dashboardName, isDefault: index === 0 });
      tenants.push(tenantJanitor);
    });
    this.tenants = tenants;
    this.dashboards = dashboards;
    // The default for an on-demand invoke that names no tenant: the first one.
    const [first] = tenants;
    if (first) {
      fn.addEnvironment('ISC_CREDENTIALS_SECRET_ID', first.secret.secretArn);
      fn.addEnvironment('TENANT_NAME', config.tenants[0]?.name ?? '');
    }

    new CfnOutput(this, 'FunctionName', { value: fn.functionName, description: 'The janitor Lambda function' });
    new CfnOutput(this, 'ReportTopicArn', { value: this.reportTopic.topic.topicArn, description: 'SNS topic receiving every run report' });
  }
}
