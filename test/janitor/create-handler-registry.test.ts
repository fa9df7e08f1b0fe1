import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { isConfigError } from '../../lambdas/core/config-error.js';
import { parseTenantEntry, type TenantEntryInput } from '../../lambdas/core/model/tenant-entry.js';
import { TenantBusyError } from '../../lambdas/core/tenant-busy-error.js';
import { JanitorRunError } from '../../lambdas/janitor/janitor-run-error.js';
import { motoClientConfig, startMoto, type MotoServer } from '../support/moto-server.js';
import { createRegistryTable } from '../support/registry-table.js';
import { envelopeOf, lambdaContext, NOW, rejectionOf, startHandlerHarness } from './handler-harness.js';

const ACME_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';
const FLEET = { runDay: '2026-03-01', execution: 'arn:aws:states:eu-west-1:123456789012:execution:Fleet:tick-1' };

let moto: MotoServer;
let dynamodb: DynamoDBClient;
let table: string;
let registry: DynamoDbTenantRegistry;
let leases: DynamoDbTenantLeases;

beforeAll(async () => {
  moto = await startMoto();
  dynamodb = new DynamoDBClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());

beforeEach(async () => {
  table = await createRegistryTable(dynamodb);
  registry = new DynamoDbTenantRegistry({ client: dynamodb, tableName: table });
  leases = new DynamoDbTenantLeases({ client: dynamodb, tableName: table });
});

async function register(fields: Partial<TenantEntryInput> = {}): Promise<void> {
  await registry.add(parseTenantEntry({ name: 'acme', credentialsSecretArn: ACME_SECRET, ...fields }));
}

/** The handler with the registry on and JANITOR_POLICY in report mode: only the entry's policy enforces. */
function registryHarness(env: Record<string, string | undefined> = {}) {
  return startHandlerHarness({
    env: {
      TENANT_REGISTRY_TABLE: table,
      ISC_CREDENTIALS_SECRET_ID: undefined,
      TENANT_NAME: undefined,
      JANITOR_POLICY: JSON.stringify({ limits: { maxActions: 50, maxFraction: 0.6 } }),
      ...env,
    },
    deps: { dynamodb },
  });
}

async function leaseAttributes(): Promise<Record<string, unknown>> {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { tenant: { S: 'acme' } } }));
  return { leaseHolder: Item?.leaseHolder?.S, leaseExpiresAt: Item?.leaseExpiresAt?.N };
}

describe('createHandler with the tenant registry', () => {
  it('runs a registered tenant with its entry\'s credentials secret and policy, and releases the lease', async () => {
    await register({ policy: { mode: 'enforce' } });
    const h = await registryHarness();

    const summary = await h.handler({ tenant: 'acme' }, lambdaContext());

    expect(summary).toMatchObject({ tenant: 'acme', mode: 'enforce', outcome: 'ok' });
    expect(h.secretReads().map((input) => input.SecretId)).toEqual([ACME_SECRET]);
    expect(h.sb.mutatingRequests().length).toBeGreaterThan(0);
    expect(await leaseAttributes()).toEqual({ leaseHolder: undefined, leaseExpiresAt: undefined });
  });

  it('refuses a second run while another holds the lease: nothing listed, nothing published, outcome blocked', async () => {
    await register({ policy: { mode: 'enforce' } });
    await leases.acquire('acme', { holder: 'cli jane@laptop', now: NOW, ttlMs: 30 * 60_000 });
    const h = await registryHarness();

    const error = await rejectionOf(h.handler({ tenant: 'acme' }, lambdaContext()));

    expect(error).toBeInstanceOf(TenantBusyError);
    expect(error.message).toBe(
      'Tenant acme is already being run by cli jane@laptop (its lease lasts until 2026-03-01T12:30:00.000Z at the latest); this run was refused and changed nothing. Run it again once the other run has ended.',
    );
    expect(h.requestCount()).toBe(0);
    expect(h.secretReads()).toEqual([]);
    expect(h.publishes()).toEqual([]);
    const [record] = h.output.metrics();
    expect(record).toMatchObject({ Tenant: 'acme', RunBlocked: 1 });
    expect(await leaseAttributes()).toMatchObject({ leaseHolder: 'cli jane@laptop' });
  });

  it('answers a nightly run with its outcome instead of throwing, and defers a busy tenant saying who holds it', async () => {
    await register({ policy: { mode: 'enforce' } });
    const h = await registryHarness();

    expect(await h.handler({ tenant: 'acme', fleet: FLEET }, lambdaContext({ awsRequestId: 'req-ok' }))).toEqual({ tenant: 'acme', outcome: 'ok' });

    await leases.acquire('acme', { holder: 'on-demand invoke req-other', now: NOW, ttlMs: 60_000 });
    expect(await h.handler({ tenant: 'acme', fleet: FLEET }, lambdaContext())).toEqual({
      tenant: 'acme',
      outcome: 'deferred',
      reason: expect.stringContaining('Tenant acme is already being run by on-demand invoke req-other'),
      runDay: FLEET.runDay,
    });
  });

  it('cuts a nightly answer\'s reason to the characters the tick gives each tenant', async () => {
    await register({ policy: { mode: 'enforce', limits: { maxFraction: 0.1 } } });
    const h = await registryHarness();

    const result = (await h.handler({ tenant: 'acme', fleet: { ...FLEET, reasonChars: 40 } }, lambdaContext())) as unknown as { reason: string };

    expect(result.reason).toHaveLength(40);
    expect(result.reason.endsWith('...')).toBe(true);
  });

  it('answers a nightly run the guard blocked with the guard\'s reason, after publishing its report', async () => {
    await register({ policy: { mode: 'enforce', limits: { maxFraction: 0.1 } } });
    const h = await registryHarness();

    const result = await h.handler({ tenant: 'acme', fleet: FLEET }, lambdaContext());

    expect(result).toMatchObject({ tenant: 'acme', outcome: 'blocked', reason: expect.stringContaining('limits.maxFraction 0.1') });
    expect(envelopeOf(h.publishes()[0]).report.outcome).toBe('blocked');
    expect(h.sb.mutatingRequests()).toEqual([]);
    // On demand, the same run still fails the invocation, as without the registry.
    expect(await rejectionOf(h.handler({ tenant: 'acme' }, lambdaContext()))).toBeInstanceOf(JanitorRunError);
  });

  it('refuses, by name, a tenant not in the registry, an event naming a secret, a missing tenant and a paused tenant', async () => {
    await register({ enabled: false });
    const h = await registryHarness();

    const unknown = await rejectionOf(h.handler({ tenant: 'beta' }, lambdaContext()));
    expect(unknown.message).toBe(`Tenant beta is not in the tenant registry ${table}; add it with "npm run janitor -- tenants add beta --credentials-secret-arn ARN"`);
    expect((await rejectionOf(h.handler({ tenant: 'acme', credentialsSecretId: ACME_SECRET }, lambdaContext()))).message).toMatch(/^credentialsSecretId: the tenant registry holds/);
    expect((await rejectionOf(h.handler({}, lambdaContext()))).message).toMatch(/^tenant: is required with the tenant registry/);
    const paused = await rejectionOf(h.handler({ tenant: 'acme' }, lambdaContext()));
    expect(isConfigError(paused) && paused.message).toMatch(/^Tenant acme is paused \(enabled: false in the tenant registry\)/);
    expect(await h.handler({ tenant: 'acme', fleet: FLEET }, lambdaContext())).toEqual({ tenant: 'acme', outcome: 'blocked', reason: 'paused' });
    expect(h.requestCount()).toBe(0);
    // Refused requests, not runs: nothing is reported.
    expect(h.publishes()).toEqual([]);
  });

  it('refuses an entry whose secret lies outside the credentials prefix the function may read', async () => {
    await register({ credentialsSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:elsewhere/acme' });
    const h = await registryHarness({ CREDENTIALS_SECRET_PREFIX: 'isc-oauth-janitor/credentials/' });

    const error = await rejectionOf(h.handler({ tenant: 'acme' }, lambdaContext()));

    expect(error.message).toMatch(/^Tenant acme: credentialsSecretArn: must name a secret under "isc-oauth-janitor\/credentials\/"/);
    expect(h.secretReads()).toEqual([]);
  });

  it('refuses a tenant policy that moves managed secrets outside the rotation prefix the function may write', async () => {
    await register({ policy: { rotation: { secretPrefix: 'elsewhere/' } } });
    const h = await registryHarness({ ROTATION_SECRET_PREFIX: 'isc-oauth-janitor/clients/' });

    const error = await rejectionOf(h.handler({ tenant: 'acme' }, lambdaContext()));

    expect(error.message).toMatch(/^Invalid policy: rotation.secretPrefix: must start with the stack's rotationSecretPrefix/);
  });
});
