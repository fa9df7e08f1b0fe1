import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { parseTenantEntry } from '../../lambdas/core/model/tenant-entry.js';
import { motoClientConfig, startMoto, type MotoServer } from './moto-server.js';
import { createRegistryTable } from './registry-table.js';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';

export interface LeaseRegistry {
  readonly ddb: DynamoDBClient;
  readonly table: string;
  readonly registry: DynamoDbTenantRegistry;
  readonly leases: DynamoDbTenantLeases;
  /** The `acme` item as the registry holds it now (a consistent read). */
  item(): Promise<Record<string, AttributeValue> | undefined>;
}

/**
 * For lease tests: moto for the file, and before each test a fresh registry table with tenant
 * `acme` registered. Read the returned object inside tests (its fields are set by the hooks).
 */
export function useLeaseRegistry(): LeaseRegistry {
  let moto: MotoServer;
  const state = {} as { -readonly [K in keyof LeaseRegistry]: LeaseRegistry[K] };
  beforeAll(async () => {
    moto = await startMoto();
    state.ddb = new DynamoDBClient(motoClientConfig(moto));
  });
  afterAll(() => moto?.stop());
  beforeEach(async () => {
    state.table = await createRegistryTable(state.ddb);
    state.registry = new DynamoDbTenantRegistry({ client: state.ddb, tableName: state.table });
    await state.registry.add(parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN }));
    state.leases = new DynamoDbTenantLeases({ client: state.ddb, tableName: state.table });
    state.item = async () => (await state.ddb.send(new GetItemCommand({ TableName: state.table, Key: { tenant: { S: 'acme' } }, ConsistentRead: true }))).Item;
  });
  return state;
}
