import { Arn, ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** A year: PCI DSS 10.5.1's audit history, and Control Tower's CT.CLOUDWATCH.PR.2. */
export const MIN_LOG_RETENTION_DAYS = 365;

/**
 * The customer-managed key the stack's log groups are encrypted with. CloudWatch Logs uses it as
 * the service itself, so the key policy lets the regional Logs service principal use it, but
 * only for log groups of this account and region (the encryption context names the log group).
 * Kept when the stack is deleted: retained logs stay readable.
 */
export function createLogsKey(scope: Construct, id: string): Key {
  const key = new Key(scope, id, {
    description: 'isc-oauth-janitor: encrypts the log groups',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  const stack = Stack.of(scope);
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccount',
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': Arn.format({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack),
        },
      },
    }),
  );
  return key;
}

export interface EncryptedLogGroupProps {
  /** Below a year only when an operator asks for it; the acknowledgement then records that choice. */
  readonly retention: RetentionDays;
  readonly encryptionKey: IKey;
}

/** A log group on the customer key, kept at least a year unless the operator chose otherwise. */
export function encryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): LogGroup {
  const logGroup = new LogGroup(scope, id, { retention: props.retention, encryptionKey: props.encryptionKey });
  if (props.retention !== RetentionDays.INFINITE && props.retention < MIN_LOG_RETENTION_DAYS) {
    Validations.of(logGroup).acknowledge({
      id: 'cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check',
      reason: `Log retention set to ${props.retention} days by the logRetentionDays context, below the one-year default on purpose (an operator's choice for this deployment).`,
    });
  }
  return logGroup;
}
