import { ConfigError } from '../../core/config-error.js';
import { errorMessage } from '../../core/error-message.js';
import { knownSecrets } from '../../core/known-secrets.js';

/** The SDK's error name (`ResourceNotFoundException`, ...) or undefined for non-errors. */
export function awsErrorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/**
 * Turn a Secrets Manager failure into an error that names the secret and what to check.
 * `scrub` lists values that must never appear (the secret being written): AWS validation
 * messages can quote request fields, so they join the known secrets, the message is redacted
 * and the raw SDK error is not kept.
 */
export function secretsManagerError(error: unknown, secretId: string, operation: string, scrub: readonly string[] = []): Error {
  const name = awsErrorName(error) ?? 'Error';
  const requestId = (error as { $metadata?: { requestId?: string } } | undefined)?.$metadata?.requestId;
  const suffix = requestId ? ` (request id ${requestId})` : '';
  for (const value of scrub) knownSecrets.register(value);
  const message = knownSecrets.redact(errorMessage(error));
  const keepCause = scrub.length === 0 ? { cause: error } : {};
  switch (name) {
    case 'AccessDeniedException':
      return withCause(
        new ConfigError(
          `${operation} on secret "${secretId}" was denied (${name})${suffix}: check that the role's IAM policy allows ` +
            `secretsmanager:${operation} on this secret's ARN and kms:Decrypt/kms:GenerateDataKey on its KMS key`,
        ),
        keepCause,
      );
    case 'ResourceNotFoundException':
      return withCause(
        new ConfigError(
          `Secret "${secretId}" was not found (${name})${suffix}: check the secret name or full ARN, the region, and that it has a current value`,
        ),
        keepCause,
      );
    case 'DecryptionFailure':
      return withCause(
        new ConfigError(`Secret "${secretId}" could not be decrypted (${name})${suffix}: check kms:Decrypt on the secret's KMS key`),
        keepCause,
      );
    default:
      return new Error(`${operation} on secret "${secretId}" failed: ${name}: ${message}${suffix}`, keepCause);
  }
}

function withCause<E extends Error>(error: E, cause: { cause?: unknown }): E {
  if ('cause' in cause) error.cause = cause.cause;
  return error;
}
