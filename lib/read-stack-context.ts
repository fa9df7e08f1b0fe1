import { Duration } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import type { JanitorStackProps } from './janitor-stack.js';
import { parseStackContext } from './stack-context.js';
import type { StackContextInput } from './stack-context.js';

/** The context keys the app reads; every other key belongs to the CDK itself. */
export const CONTEXT_KEYS = [
  'reportEmails',
  'alarmEmails',
  'chatTopicArn',
  'timeoutMinutes',
  'fleetConcurrency',
  'reservedConcurrency',
  'logRetentionDays',
  'rotationSecretPrefix',
  'credentialsSecretPrefix',
  'managedSecretsKmsKey',
  'archiveRetentionDays',
  'archiveLockMode',
  'archiveComplianceConfirm',
  'credentialsRotationDays',
] as const satisfies readonly (keyof StackContextInput)[];

/** Keys earlier versions read: looked at only to refuse them with a message that says what replaced them. */
const RETIRED_KEYS = ['tenants'] as const;

/**
 * Read and validate the janitor's context (cdk.json, `-c key=value`) into stack props.
 * Throws a ConfigError naming each bad field, e.g. `fleetConcurrency`.
 */
export function readStackContext(scope: IConstruct): Omit<JanitorStackProps, keyof StackProps> {
  const raw: Record<string, unknown> = {};
  for (const key of [...CONTEXT_KEYS, ...RETIRED_KEYS]) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value !== undefined) raw[key] = value;
  }
  const context = parseStackContext(raw);
  return {
    reportEmails: context.reportEmails,
    alarmEmails: context.alarmEmails,
    ...(context.chatTopicArn ? { chatTopicArn: context.chatTopicArn } : {}),
    timeout: Duration.minutes(context.timeoutMinutes),
    fleetConcurrency: context.fleetConcurrency,
    ...(context.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: context.reservedConcurrency === 'off' ? 'none' : context.reservedConcurrency }),
    // The schema admits only the values CloudWatch Logs accepts, which are the enum's values.
    logRetention: context.logRetentionDays as RetentionDays,
    rotationSecretPrefix: context.rotationSecretPrefix,
    credentialsSecretPrefix: context.credentialsSecretPrefix,
    managedSecretsKmsKey: context.managedSecretsKmsKey,
    archiveRetentionDays: context.archiveRetentionDays,
    archiveLockMode: context.archiveLockMode,
    credentialsRotationDays: context.credentialsRotationDays,
  };
}
