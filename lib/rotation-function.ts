import { Aws, Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, GraphWidget, Stats, TreatMissingData, type Dashboard, type HorizontalAnnotation } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EXPIRY_WARN_DAYS } from '../lambdas/core/rules/credential-health-warnings.js';
import { failureAlarm } from './failure-alarm.js';
import { secretArnUnder } from './grant-janitor-permissions.js';
import { JanitorFunction } from './janitor-function.js';
import { janitorMetric, METRICS_NAMESPACE } from './janitor-metric.js';
import type { TenantRegistryTable } from './tenant-registry-table.js';

export interface RotationFunctionProps {
  /** The janitor function: it hands secrets to this function's rotation and reads their state. */
  readonly janitor: JanitorFunction;
  readonly registry: TenantRegistryTable;
  /** Where the tenants' credentials secrets (the janitor's PATs) live. */
  readonly credentialsSecretPrefix: string;
  /** Where managed client secrets live. */
  readonly rotationSecretPrefix: string;
  /** The managed client secrets' key, when the stack made one. @default - the account's aws/secretsmanager key */
  readonly managedSecretsKey?: IKey | undefined;
  /** Days between rotations of the credentials secrets. */
  readonly credentialsRotationDays: number;
  readonly logRetention: RetentionDays;
  /** The stack's logs key: the function's log group is encrypted with it. */
  readonly logEncryptionKey: IKey;
  readonly alarmTopic: ITopic;
}

/** The calls the rotation steps make on a secret they rotate (see SecretsManagerStagedStore). */
export const ROTATION_STEP_ACTIONS = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecretVersionStage',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
] as const;

/**
 * The rotation function: Secrets Manager invokes it with `{ Step, SecretId, ClientRequestToken }`
 * for managed client secrets and for the tenants' credentials secrets, which the janitor function
 * hands to it (RotateSecret, no immediate rotation): managed secrets when it stores them, the
 * credentials secrets on a tenant's first nightly run, every `credentialsRotationDays` days.
 * Tenants are registry data, so no secret is named here: access goes by the two prefixes.
 */
export class RotationFunction extends Construct {
  readonly function: JanitorFunction;
  /** A rotation step failed (the secret's tag and the next report name the step and reason). */
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: RotationFunctionProps) {
    super(scope, id);
    const rotation = new JanitorFunction(this, 'Function', {
      entry: 'lambdas/janitor/rotation-handler.ts',
      description: "Rotates managed OAuth client secrets and the janitor's own PATs with Secrets Manager's four-step protocol",
      roleDescription: 'isc-oauth-janitor rotation function: logs, tenant registry, the secrets it rotates',
      // Secrets Manager invokes it synchronously and records a failure itself.
      asyncFailureQueue: false,
      // testSecret gives ISC up to ~15 s to accept a new credential, on top of the ISC calls.
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: undefined,
      logRetention: props.logRetention,
      logEncryptionKey: props.logEncryptionKey,
      environment: { TENANT_REGISTRY_TABLE: props.registry.table.tableName, POWERTOOLS_SERVICE_NAME: 'isc-oauth-janitor-rotation' },
    });
    this.function = rotation;
    const fn = rotation.function;
    // Any secret of this account may name it (secrets are made at run time); no other account.
    fn.addPermission('SecretsManagerInvoke', { principal: new ServicePrincipal('secretsmanager.amazonaws.com'), sourceAccount: Aws.ACCOUNT_ID });
    Validations.of(fn.node.findChild('SecretsManagerInvoke')).acknowledge({
      id: 'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
      reason:
        'SourceAccount is set: this stack\'s own account (AWS::AccountId, resolved at deploy, since the stack names no account). The rule accepts only a literal account; no other account may invoke the function.',
    });
    props.registry.grant(rotation.role, 'read');
    const prefixes = [props.credentialsSecretPrefix, props.rotationSecretPrefix].map(secretArnUnder);
    rotation.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...ROTATION_STEP_ACTIONS], resources: prefixes }));
    props.managedSecretsKey?.grant(rotation.role, 'kms:GenerateDataKey', 'kms:Decrypt');
    for (const prefix of [props.credentialsSecretPrefix, props.rotationSecretPrefix]) {
      Validations.of(rotation.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${prefix}*]`,
        reason:
          'The secrets it rotates are created at run time (managed client secrets) or registered without a deploy (tenant credentials), so they cannot be named at deploy time; access is limited to their prefix.',
      });
    }

    // The janitor turns rotation on (RotateSecret needs lambda:InvokeFunction on the function)
    // and reads each secret's rotation state for the report.
    const janitor = props.janitor;
    janitor.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:RotateSecret', 'secretsmanager:DescribeSecret'], resources: prefixes }));
    // This function only, not its versions (`:*`): RotateSecret names the unqualified ARN.
    janitor.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
    janitor.function.addEnvironment('ROTATION_FUNCTION_ARN', fn.functionArn);
    janitor.function.addEnvironment('CREDENTIALS_ROTATION_DAYS', String(props.credentialsRotationDays));

    this.alarms = rotationAlarms(this, rotation, props.alarmTopic);
  }

  /** The credential health on the dashboard: days until the soonest PAT expiry, rotation failures. */
  addTo(dashboard: Dashboard): void {
    dashboard.addWidgets(
      new GraphWidget({
        title: "Janitor's PAT: days until it expires (the soonest over all tenants)",
        left: [janitorMetric('CredentialDaysToExpiry', undefined, { statistic: Stats.MINIMUM, label: 'Days to expiry' })],
        leftAnnotations: [{ value: EXPIRY_WARN_DAYS, label: 'report warns', color: '#d62728' } satisfies HorizontalAnnotation],
        width: 12,
        height: 6,
      }),
      new GraphWidget({
        title: 'Rotations',
        left: [
          janitorMetric('CredentialRotationFailures', undefined, { statistic: Stats.MAXIMUM, label: 'Secrets whose last rotation failed' }),
          this.function.function.metricErrors({ period: Duration.days(1), statistic: Stats.SUM, label: 'Rotation steps failed' }),
        ],
        width: 12,
        height: 6,
      }),
    );
  }
}

/**
 * A step failed (right away, from the function), a secret is left with a failed rotation (the
 * nightly run's count), or the janitor's PAT is about to expire: each says what to do.
 */
function rotationAlarms(scope: Construct, rotation: JanitorFunction, topic: ITopic): Alarm[] {
  const hourly = { period: Duration.hours(1) };
  const logs = rotation.logGroup.logGroupName;
  // Days left breach when low: the one alarm of the stack that reads downwards. No data (no run,
  // or a PAT that never expires) is not a breach.
  const expiring = new Alarm(scope, 'CredentialExpiryAlarm', {
    alarmDescription: `isc-oauth-janitor: a tenant's janitor PAT expires within ${EXPIRY_WARN_DAYS} days: its rotation is failing or off. The report's Credentials section names the tenant and the PAT; rotate it now with "npm run janitor -- rotate-secret --secret-id <credentials secret>" or put a new PAT into the secret.`,
    metric: janitorMetric('CredentialDaysToExpiry', undefined, { statistic: Stats.MINIMUM }),
    threshold: EXPIRY_WARN_DAYS,
    comparisonOperator: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  expiring.addAlarmAction(new SnsAction(topic));
  return [
    failureAlarm(scope, 'RotationStepFailedAlarm', {
      metric: rotation.function.metricErrors({ ...hourly, statistic: Stats.SUM }),
      description: `isc-oauth-janitor: a Secrets Manager rotation step failed; AWSCURRENT was left as it was. The log group ${logs} says which secret and step and why; the secret's tag isc-oauth-janitor:rotation-failure and the next report say it too.`,
      topic,
    }),
    failureAlarm(scope, 'RotationFailedAlarm', {
      metric: janitorMetric('CredentialRotationFailures', undefined, { period: Duration.days(1), statistic: Stats.MAXIMUM }),
      description: `isc-oauth-janitor: a secret's last rotation failed and no rotation has finished since. The report's Credentials section names the secret, the step and the reason (namespace ${METRICS_NAMESPACE}).`,
      topic,
    }),
    expiring,
  ];
}
