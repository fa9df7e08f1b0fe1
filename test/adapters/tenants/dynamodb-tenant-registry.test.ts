import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbTenantRegistry } from '../../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { DynamoDbTenantLeases } from '../../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { isConfigError } from '../../../lambdas/core/config-error.js';
import { parseTenantEntry } from '../../../lambdas/core/model/tenant-entry.js';
import { LEASE_CLOCK_SKEW_MS } from '../../../lambdas/core/ports.js';
import { motoClientConfig, startMoto, type MotoServer } from '../../support/moto-server.js';
import { createRegistryTable } from '../../support/registry-table.js';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';
const NOW = new Date('2026-12-01T02:00:00Z');
const MINUTE = 60_000;
const entry = (name: string, fields: Record<string, unknown> = {}) => parseTenantEntry({ name, credentialsSecretArn: ARN, ...fields });

let moto: MotoServer;
let ddb: DynamoDBClient;
let table: string;
let registry: DynamoDbTenantRegistry;
let leases: DynamoDbTenantLeases;

beforeAll(async () => {
  moto = await startMoto();
  ddb = new DynamoDBClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());

beforeEach(async () => {
  table = await createRegistryTable(ddb);
  registry = new DynamoDbTenantRegistry({ client: ddb, tableName: table });
  let tokens = 0;
  leases = new DynamoDbTenantLeases({ client: ddb, tableName: table, newToken: () => `token-${++tokens}` });
});

describe('DynamoDbTenantRegistry', () => {
  it('adds an entry once and reads it back exactly, policy included', async () => {
    const acme = entry('acme', { localTime: '03:15', timeZone: 'Europe/Berlin', policy: { mode: 'enforce', limits: { maxFraction: 0.5 } }, reportEmails: ['ops@example.com'] });

    expect(await registry.add(acme)).toBe('added');
    expect(await registry.add(entry('acme', { localTime: '04:00' }))).toBe('exists');

    expect(await registry.get('acme')).toEqual(acme);
    expect(await registry.get('nobody')).toBeUndefined();
  });

  it('replaces the fields of an existing entry and keeps its run state', async () => {
    await registry.add(entry('acme'));
    await leases.claim('acme', '2026-12-01', 'tick-1');

    expect(await registry.replace(entry('acme', { enabled: false, localTime: '05:00' }))).toBe('updated');
    expect(await registry.replace(entry('nobody'))).toBe('missing');

    const { tenants } = await registry.list();
    expect(tenants).toEqual([{ entry: entry('acme', { enabled: false, localTime: '05:00' }), lastRunDay: '2026-12-01', lastRunClaimant: 'tick-1', lease: undefined }]);
  });

  it('lists every tenant in name order across scan pages and names an entry that no longer validates', async () => {
    for (const name of ['gamma', 'alpha', 'beta']) await registry.add(entry(name));
    await ddb.send(new PutItemCommand({ TableName: table, Item: { tenant: { S: 'broken' }, credentialsSecretArn: { S: ARN }, timeZone: { S: 'Mars/Base' } } }));

    const listing = await registry.list();

    expect(listing.tenants.map((t) => t.entry.name)).toEqual(['alpha', 'beta', 'gamma']);
    expect(listing.invalid).toEqual([{ name: 'broken', message: expect.stringContaining('timeZone: "Mars/Base" is not an IANA time zone') }]);
    await expect(registry.get('broken')).rejects.toSatisfy(isConfigError);
  });

  it('removes an entry, but not while a run holds its lease', async () => {
    await registry.add(entry('acme'));
    await leases.acquire('acme', { holder: 'cli jane@host', now: NOW, ttlMs: 10 * MINUTE });

    expect(await registry.remove('acme', NOW)).toEqual({ leasedBy: 'cli jane@host', until: new Date(NOW.getTime() + 10 * MINUTE) });
    // Expired as the holder's clock had it is not enough: its clock may lag ours by the allowance.
    expect(await registry.remove('acme', new Date(NOW.getTime() + 11 * MINUTE))).toMatchObject({ leasedBy: 'cli jane@host' });
    expect(await registry.remove('acme', new Date(NOW.getTime() + 10 * MINUTE + LEASE_CLOCK_SKEW_MS + 1))).toBe('removed');
    expect(await registry.remove('acme', NOW)).toBe('missing');
  });

  it('names the table and the setting when the table does not exist', async () => {
    const absent = new DynamoDbTenantRegistry({ client: ddb, tableName: 'no-such-table' });
    await expect(absent.get('acme')).rejects.toThrow(/Tenant registry table "no-such-table" was not found.*: check TENANT_REGISTRY_TABLE/);
  });
});

describe('DynamoDbTenantLeases', () => {
  beforeEach(async () => {
    await registry.add(entry('acme'));
  });

  it('gives the lease to one run at a time and says who holds it until when', async () => {
    const first = await leases.acquire('acme', { holder: 'nightly run exec-1', now: NOW, ttlMs: 6 * MINUTE });
    const second = await leases.acquire('acme', { holder: 'cli jane@host', now: new Date(NOW.getTime() + MINUTE), ttlMs: 30 * MINUTE });

    expect(first).toEqual({ acquired: true, lease: { tenant: 'acme', holder: 'nightly run exec-1', token: 'token-1', fence: 1, expiresAt: new Date(NOW.getTime() + 6 * MINUTE) } });
    expect(second).toEqual({ acquired: false, reason: 'held', heldBy: 'nightly run exec-1', until: new Date(NOW.getTime() + 6 * MINUTE) });
  });

  it('frees the tenant on release, and after expiry for a run that never released', async () => {
    const first = await leases.acquire('acme', { holder: 'a', now: NOW, ttlMs: MINUTE });
    if (!first.acquired) throw new Error('expected the lease');
    await leases.release(first.lease);
    expect((await leases.acquire('acme', { holder: 'b', now: NOW, ttlMs: MINUTE })).acquired).toBe(true);

    expect((await leases.acquire('acme', { holder: 'c', now: new Date(NOW.getTime() + MINUTE + LEASE_CLOCK_SKEW_MS - 1), ttlMs: MINUTE })).acquired).toBe(false);
    expect((await leases.acquire('acme', { holder: 'c', now: new Date(NOW.getTime() + MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE })).acquired).toBe(true);
  });

  it('never releases a lease another run took over after expiry', async () => {
    const stale = await leases.acquire('acme', { holder: 'slow', now: NOW, ttlMs: MINUTE });
    const later = new Date(NOW.getTime() + 2 * MINUTE + LEASE_CLOCK_SKEW_MS);
    const current = await leases.acquire('acme', { holder: 'fresh', now: later, ttlMs: MINUTE });
    if (!stale.acquired || !current.acquired) throw new Error('expected both leases');

    await leases.release(stale.lease);

    expect(await leases.acquire('acme', { holder: 'third', now: later, ttlMs: MINUTE })).toMatchObject({ acquired: false, heldBy: 'fresh' });
  });

  it('refuses the lease of a tenant that is not registered', async () => {
    expect(await leases.acquire('nobody', { holder: 'a', now: NOW, ttlMs: MINUTE })).toEqual({ acquired: false, reason: 'not-registered' });
  });

  it('claims each local day once, never an earlier day after a later one, and never for a removed tenant', async () => {
    expect(await leases.claim('acme', '2026-12-01', 'tick-1')).toBe(true);
    expect(await leases.claim('acme', '2026-12-01', 'tick-2')).toBe(false);
    expect(await leases.claim('acme', '2026-11-30', 'tick-3')).toBe(false);
    expect(await leases.claim('acme', '2026-12-02', 'tick-4')).toBe(true);

    expect(await leases.claim('nobody', '2026-12-03', 'tick-5')).toBe(false);
    const item = await ddb.send(new GetItemCommand({ TableName: table, Key: { tenant: { S: 'acme' } } }));
    expect(item.Item?.lastRunDay).toEqual({ S: '2026-12-02' });
  });

  it('gives a retried tick back the tenants it claimed already, and no one else', async () => {
    expect(await leases.claim('acme', '2026-12-01', 'tick-1')).toBe(true);
    expect(await leases.claim('acme', '2026-12-01', 'tick-1')).toBe(true);
    expect(await leases.claim('acme', '2026-12-01', 'tick-2')).toBe(false);
  });
});
