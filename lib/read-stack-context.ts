import { Duration } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import type { JanitorStackProps } from './janitor-stack.js';
import type { PolicyInput } from '../lambdas/core/model/policy.js';
import { CONTEXT_KEYS, parseStackContext, unknownContextKeys, unknownContextKeysError } from './stack-context.js';


/** Keys earlier versions read: looked at only to refuse them with a message that says what replaced them. */
const RETIRED_KEYS = ['tenants'] as const;

/**
 * Read and validate the janitor's context (cdk.json, `-c key=value`) into stack props.
 * Throws a ConfigError naming each bad field, e.g. `fleetConcurrency`, and each key in the
 * janitor's namespace that it does not read, with the key it probably meant.
 */
export function readStackContext(scope: IConstruct): Omit<JanitorStackProps, keyof StackProps> {
  const unknown = unknownContextKeys(Object.keys(scope.node.getAllContext()), RETIRED_KEYS);
  if (unknown.length > 0) throw unknownContextKeysError(unknown);
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
    ...(context.ownerNoticesIdentity ? { ownerNoticesIdentity: context.ownerNoticesIdentity } : {}),
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
    // Checked against the policy schema by parseStackContext.
    ...(context.basePolicy === undefined ? {} : { basePolicy: context.basePolicy as PolicyInput }),
    janitorMemoryMb: context.janitorMemoryMb,
  };
}
