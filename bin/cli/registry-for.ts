import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import type { CliIo } from './cli-io.js';
import type { CliFlags } from './parse-cli-args.js';

export interface CliRegistry {
  readonly tableName: string;
  readonly registry: DynamoDbTenantRegistry;
  readonly leases: DynamoDbTenantLeases;
}

/** `--registry` beats TENANT_REGISTRY_TABLE; neither: undefined (one tenant from SAIL_* or --secret-id, no lease). */
export function registryTableOf(flags: CliFlags, env: CliIo['env']): string | undefined {
  return flags.registry ?? (env.TENANT_REGISTRY_TABLE?.trim() || undefined);
}

/** The registry and its leases over one DynamoDB client (the SDK's configuration, or the test's). */
export function registryFor(tableName: string, io: CliIo): CliRegistry {
  const client = new DynamoDBClient({ ...io.aws });
  return { tableName, registry: new DynamoDbTenantRegistry({ client, tableName }), leases: new DynamoDbTenantLeases({ client, tableName }) };
}
