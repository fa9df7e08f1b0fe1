import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbTenantLeases } from '../adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../adapters/tenants/dynamodb-tenant-registry.js';
import type { TenantSource } from '../app/resolve-run-tenant.js';
import type { TenantLeases } from '../core/ports.js';

export interface TenantSettings {
  /** TENANT_REGISTRY_TABLE: switches the registry and the lease on. */
  readonly tenantRegistryTable?: string | undefined;
  /** ISC_CREDENTIALS_SECRET_ID and TENANT_NAME: the single tenant without a registry. */
  readonly credentialsSecretId?: string | undefined;
  readonly tenantName?: string | undefined;
}

export interface TenantSourceWithLeases {
  readonly source: TenantSource;
  /** Present with the registry only: single-tenant deployments run without a lease, as before. */
  readonly leases?: TenantLeases;
}

/**
 * Where every entry point (the janitor, the rotation function) finds its tenants: the registry
 * table when TENANT_REGISTRY_TABLE is set, else the one tenant of ISC_CREDENTIALS_SECRET_ID /
 * TENANT_NAME. The DynamoDB client is only built when the registry is on.
 */
export function tenantSourceFromEnvironment(settings: TenantSettings, dynamodb: () => DynamoDBClient): TenantSourceWithLeases {
  const tableName = settings.tenantRegistryTable;
  if (!tableName) {
    return { source: { kind: 'single', settings: { credentialsSecretId: settings.credentialsSecretId, tenantName: settings.tenantName } } };
  }
  const client = dynamodb();
  return {
    source: { kind: 'registry', registry: new DynamoDbTenantRegistry({ client, tableName }), tableName },
    leases: new DynamoDbTenantLeases({ client, tableName }),
  };
}
