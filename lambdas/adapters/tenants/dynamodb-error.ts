import { ConfigError } from '../../core/config-error.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * A registry call that failed, as an error naming the table and what to check. Missing tables
 * and denied calls are configuration (the table name or the role is wrong); anything else
 * keeps its name so callers can tell a throttle (worth a retry) from a bug.
 */
export function dynamoDbError(error: unknown, table: string, operation: string): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const requestId = (error as { $metadata?: { requestId?: string } } | undefined)?.$metadata?.requestId;
  const suffix = requestId ? ` (request id ${requestId})` : '';
  if (name === 'ResourceNotFoundException') {
    return new ConfigError(
      `Tenant registry table "${table}" was not found${suffix}: check TENANT_REGISTRY_TABLE / --registry (the stack output RegistryTableName) and the region`,
      ['TENANT_REGISTRY_TABLE'],
    );
  }
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException') {
    return new ConfigError(
      `${operation} on tenant registry table "${table}" was denied (${name})${suffix}: check that the caller may dynamodb:${operation} on the table and use its KMS key`,
      ['TENANT_REGISTRY_TABLE'],
    );
  }
  const wrapped = new Error(`Tenant registry ${operation} on "${table}" failed: ${errorMessage(error)}${suffix}`, { cause: error });
  wrapped.name = name;
  return wrapped;
}
