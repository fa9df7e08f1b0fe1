import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { REPORT_SUBSCRIPTION_ACTIONS } from '../lambdas/adapters/report/sns-report-subscriptions.js';
import { parsePolicy } from '../lambdas/core/model/policy.js';
import type { PolicyInput } from '../lambdas/core/model/policy.js';
import { fleetAlarms } from './failure-alarm.js';
import { FleetDashboard } from './fleet-dashboard.js';
import { FleetSchedule } from './fleet-schedule.js';
import { FleetStateMachine } from './fleet-state-machine.js';
import { grantJanitorPermissions } from './grant-janitor-permissions.js';
import { JanitorFunction } from './janitor-function.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from './janitor-metric.js';
import { createTopicKey, NotificationTopic } from './notification-topic.js';
import { RotationFunction } from './rotation-function.js';
import { defaultReservedConcurrency, maxResponseMbFor, parseStackContext } from './stack-context.js';
import { createLogsKey } from './encrypted-log-group.js';
import { Evidence } from './evidence.js';
import type { ArchiveLockMode } from './report-archive.js';
import { restrictKeyGrants } from './restrict-key-grants.js';
import { addStackOutputs } from './stack-outputs.js';
import { TenantRegistryTable } from './tenant-registry-table.js';

export interface JanitorStackProps extends StackProps {
  /** Emails that receive every run report. @default - none (subscribe later in SNS, with a filter policy per tenant) */
  readonly reportEmails?: readonly string[];
  /** Emails that receive alarms instead of the report topic. @default - alarms go to the report topic */
  readonly alarmEmails?: readonly string[];
  /**
   * An SNS topic of Amazon Q Developer in chat applications (the topic a Slack or Teams channel is
   * configured with): every run also posts a short notice there. @default - none
   */
  readonly chatTopicArn?: string;
  /**
   * The Amazon SES identity (verified email address or domain) owner notices (`owners.notices`
   * in the policy) are sent from; the function gets `ses:SendEmail` on it and nothing else.
   * @default - none: no notices are sent
   */
  readonly ownerNoticesIdentity?: string;
  /** One tenant run's limit. @default Duration.minutes(5) */
  readonly timeout?: Duration;
  /** Tenant runs in flight at once during the night. @default 10 */
  readonly fleetConcurrency?: number;
  /** `'none'` for accounts too small to reserve concurrency. @default twice fleetConcurrency (defaultReservedConcurrency) */
  readonly reservedConcurrentExecutions?: number | 'none';
  /** Every log group's; below a year only on purpose (the stack then acknowledges CT.CLOUDWATCH.PR.2 for it). @default RetentionDays.ONE_YEAR */
  readonly logRetention?: RetentionDays;
  /** Where rotated/created client secrets live; the function may write only there. @default 'isc-oauth-janitor/clients/' */
  readonly rotationSecretPrefix?: string;
  /** Where the tenants' ISC credentials secrets live; the function may read only there. @default 'isc-oauth-janitor/credentials/' */
  readonly credentialsSecretPrefix?: string;
  /** Create a customer-managed KMS key for those managed client secrets. @default true */
  readonly managedSecretsKmsKey?: boolean;
  /** Days between Secrets Manager rotations of the tenants' credentials secrets (cdk.json `credentialsRotationDays`). @default 60 */
  readonly credentialsRotationDays?: number;
  /** The janitor function's memory in MB (cdk.json `janitorMemoryMb`); its ISC response cap is an eighth of it. @default 512 */
  readonly janitorMemoryMb?: number;
  /** The policy every run starts from (JANITOR_POLICY); each tenant's registry policy goes over it. @default {} (report mode, default limits) */
  readonly basePolicy?: PolicyInput;
  /** Days each archived report is locked (S3 Object Lock default retention). @default 400 */
  readonly archiveRetentionDays?: number;
  /** Object Lock mode of the evidence archive. @default 'GOVERNANCE' */
  readonly archiveLockMode?: ArchiveLockMode;
}

/**
 * The janitor for any number of tenants, with the same resources for none or a thousand:
 * tenants are data in the registry. One schedule starts the nightly state machine every 15
 * minutes; it runs each tenant due in its own time zone through the one janitor function, then
 * summarizes. One report topic, one dashboard with a tenant selector, alarms over all tenants.
 */
/** The warning synth gives when no run report would reach anyone (acknowledge it by this id if that is meant). */
export const NO_REPORT_ADDRESS = 'isc-oauth-janitor:no-report-address';
const NO_REPORT_ADDRESS_MESSAGE =
  'No report address: reportEmails is empty and chatTopicArn is unset, so no report will reach anyone until a tenant lists ' +
  'report emails ("tenants add/set NAME --report-emails a@example.com"; the night subscribes them to its tenants\' reports) or someone ' +
  'subscribes to the ReportTopicArn output. Set -c reportEmails=you@example.com for every report (docs/deploy.md, step 2).';

export class JanitorStack extends Stack {
  readonly janitor: JanitorFunction;
  readonly fleetFunction: JanitorFunction;
  readonly reportTopic: NotificationTopic;
  readonly registry: TenantRegistryTable;
  readonly fleet: FleetStateMachine;
  readonly schedule: FleetSchedule;
  readonly dashboard: FleetDashboard;
  readonly evidence: Evidence;
  readonly rotation: RotationFunction;

  constructor(scope: Construct, id: string, props: JanitorStackProps = {}) {
    super(scope, id, props);
    // Same checks as the CDK context, so a stack built in code cannot skip them.
    const config = parseStackContext(
      {
        rotationSecretPrefix: props.rotationSecretPrefix,
        credentialsSecretPrefix: props.credentialsSecretPrefix,
        reportEmails: props.reportEmails,
        alarmEmails: props.alarmEmails,
        chatTopicArn: props.chatTopicArn,
        ownerNoticesIdentity: props.ownerNoticesIdentity,
        fleetConcurrency: props.fleetConcurrency,
        reservedConcurrency: props.reservedConcurrentExecutions,
        credentialsRotationDays: props.credentialsRotationDays,
        janitorMemoryMb: props.janitorMemoryMb,
      },
      'JanitorStack props',
    );
    parsePolicy(props.basePolicy ?? {}, 'JanitorStack basePolicy');
    if (config.reportEmails.length === 0 && !config.chatTopicArn) Annotations.of(this).addWarningV2(NO_REPORT_ADDRESS, NO_REPORT_ADDRESS_MESSAGE);
    const timeout = props.timeout ?? Duration.minutes(5);
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    restrictKeyGrants(this);
    const logEncryptionKey = createLogsKey(this, 'LogsKey');
    const reserved = config.reservedConcurrency ?? defaultReservedConcurrency(config.fleetConcurrency);

    const topicKey = createTopicKey(this, 'TopicKey');
    this.reportTopic = new NotificationTopic(this, 'Reports', { key: topicKey, displayName: 'ISC OAuth janitor', emails: config.reportEmails });
    const alarmTopic = config.alarmEmails.length > 0
      ? new NotificationTopic(this, 'Alarms', { key: topicKey, displayName: 'ISC OAuth janitor alarms', emails: config.alarmEmails }).topic
      : this.reportTopic.topic;
    this.registry = new TenantRegistryTable(this, 'Registry');
    const tableName = this.registry.table.tableName;

    this.janitor = new JanitorFunction(this, 'Janitor', {
      timeout,
      memorySize: config.janitorMemoryMb,
      reservedConcurrentExecutions: reserved === 'none' || reserved === 'off' ? undefined : reserved,
      logRetention,
      logEncryptionKey,
      environment: {
        REPORT_TOPIC_ARN: this.reportTopic.topic.topicArn,
        JANITOR_POLICY: JSON.stringify(props.basePolicy ?? {}),
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ROTATION_SECRET_PREFIX: config.rotationSecretPrefix,
        TENANT_REGISTRY_TABLE: tableName,
        CREDENTIALS_SECRET_PREFIX: config.credentialsSecretPrefix,
        // A body over the cap fails its request with a report, instead of the function running out of memory.
        ISC_MAX_RESPONSE_MB: String(maxResponseMbFor(config.janitorMemoryMb)),
        ...(config.chatTopicArn ? { CHAT_TOPIC_ARN: config.chatTopicArn } : {}),
        ...(config.ownerNoticesIdentity ? { OWNER_NOTICES_IDENTITY: config.ownerNoticesIdentity } : {}),
      },
    });
    // Publish only: the topic and its channel mapping belong to whoever runs the chat integration.
    if (config.chatTopicArn) Topic.fromTopicArn(this, 'ChatTopic', config.chatTopicArn).grantPublish(this.janitor.role);
    const managedSecretsKey = grantJanitorPermissions(this, {
      janitor: this.janitor,
      reportTopic: this.reportTopic.topic,
      topicKey,
      rotationSecretPrefix: config.rotationSecretPrefix,
      credentialsSecretPrefix: config.credentialsSecretPrefix,
      ...(config.ownerNoticesIdentity ? { ownerNoticesIdentity: config.ownerNoticesIdentity } : {}),
      managedSecretsKmsKey: props.managedSecretsKmsKey ?? true,
    });
    this.registry.grant(this.janitor.role, 'run');
    this.rotation = new RotationFunction(this, 'Rotation', {
      janitor: this.janitor,
      registry: this.registry,
      credentialsSecretPrefix: config.credentialsSecretPrefix,
      rotationSecretPrefix: config.rotationSecretPrefix,
      managedSecretsKey,
      credentialsRotationDays: config.credentialsRotationDays,
      logRetention,
      logEncryptionKey,
      alarmTopic,
    });

    this.fleetFunction = new JanitorFunction(this, 'Fleet', {
      entry: 'lambdas/janitor/fleet-handler.ts',
      description: 'isc-oauth-janitor nightly state machine steps: pick the tenants due now, summarize the night',
      roleDescription: 'isc-oauth-janitor fleet function: logs, tenant registry, per-tenant report subscriptions',
      asyncFailureQueue: false,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: undefined,
      logRetention,
      logEncryptionKey,
      environment: {
        TENANT_REGISTRY_TABLE: tableName,
        REPORT_TOPIC_ARN: this.reportTopic.topic.topicArn,
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
    this.registry.grant(this.fleetFunction.role, 'pick');
    // Each tick reconciles the tenants' reportEmails with the topic's email subscriptions
    // (SnsReportSubscriptions): exactly those calls, on the reports topic only.
    this.fleetFunction.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...REPORT_SUBSCRIPTION_ACTIONS], resources: [this.reportTopic.topic.topicArn] }),
    );

    this.fleet = new FleetStateMachine(this, 'Night', {
      janitor: this.janitor,
      fleet: this.fleetFunction,
      maxConcurrency: config.fleetConcurrency,
      janitorTimeout: timeout,
      logRetention,
      logEncryptionKey,
    });
    this.schedule = new FleetSchedule(this, 'FleetSchedule', { stateMachine: this.fleet.stateMachine });

    const dashboardName = `${this.stackName}-fleet`;
    this.evidence = new Evidence(this, 'Evidence', {
      janitor: this.janitor,
      alarmTopic,
      ...(props.archiveRetentionDays === undefined ? {} : { retentionDays: props.archiveRetentionDays }),
      ...(props.archiveLockMode === undefined ? {} : { lockMode: props.archiveLockMode }),
    });
    const alarms = fleetAlarms(this, { janitor: this.janitor, schedule: this.schedule, stateMachine: this.fleet, dashboardName, topic: alarmTopic });
    this.dashboard = new FleetDashboard(this, 'Dashboard', {
      dashboardName,
      function: this.janitor.function,
      stateMachine: this.fleet.stateMachine,
      alarms: [...alarms, this.evidence.alarm, ...this.rotation.alarms],
    });
    this.rotation.addTo(this.dashboard.dashboard);

    addStackOutputs(this, {
      functionName: this.janitor.function.functionName,
      reportTopicArn: this.reportTopic.topic.topicArn,
      registryTableName: tableName,
      stateMachineArn: this.fleet.stateMachine.stateMachineArn,
      dashboardName,
      credentialsSecretPrefix: config.credentialsSecretPrefix,
    });
  }
}
