import { Duration } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import type { JanitorStackProps } from './janitor-stack.js';
import { parseStackContext } from './stack-context.js';
import type { StackContextInput } from './stack-context.js';

/** The context keys the app reads; every other key belongs to the CDK itself. */
export const CONTEXT_KEYS = [
  'tenants',
  'reportEmails',
  'alarmEmails',
  'timeoutMinutes',
  'reservedConcurrency',
  'logRetentionDays',
  'rotationSecretPrefix',
  'managedSecretsKmsKey',
] as const satisfies readonly (keyof StackContextInput)[];

/**
 * Read and validate the janitor's context (cdk.json, `-c key=value`) into stack props.
 * Throws a ConfigError naming each bad field, e.g. `tenants[1].timeZone`.
 */
export function readStackContext(scope: IConstruct): Omit<JanitorStackProps, keyof StackProps> {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = scope.node.tryGetContext(key);
    if (value !== undefined) raw[key] = value;
  }
  const context = parseStackContext(raw);
  return {
    tenants: context.tenants,
    reportEmails: context.reportEmails,
    alarmEmails: context.alarmEmails,
    timeout: Duration.minutes(context.timeoutMinutes),
    reservedConcurrentExecutions: context.reservedConcurrency === 'off' ? 'none' : context.reservedConcurrency,
    // The schema admits only the values CloudWatch Logs accepts, which are the enum's values.
    logRetention: context.logRetentionDays as RetentionDays,
    rotationSecretPrefix: context.rotationSecretPrefix,
    managedSecretsKmsKey: context.managedSecretsKmsKey,
  };
}
