import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbTenantLeases } from '../../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { parseTenantEntry } from '../../../lambdas/core/model/tenant-entry.js';
import { LEASE_CLOCK_SKEW_MS, type LeaseAttempt, type TenantLease } from '../../../lambdas/core/ports.js';
import { motoClientConfig, startMoto, type MotoServer } from '../../support/moto-server.js';
import { createRegistryTable } from '../../support/registry-table.js';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';
const NOW = new Date('2026-12-01T02:00:00Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let moto: MotoServer;
let ddb: DynamoDBClient;
let table: string;
let leases: DynamoDbTenantLeases;

beforeAll(async () => {
  moto = await startMoto();
  ddb = new DynamoDBClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());

beforeEach(async () => {
  table = await createRegistryTable(ddb);
  await new DynamoDbTenantRegistry({ client: ddb, tableName: table }).add(parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN }));
  leases = new DynamoDbTenantLeases({ client: ddb, tableName: table });
});

function taken(attempt: LeaseAttempt): TenantLease {
  if (!attempt.acquired) throw new Error(`expected the lease, got ${attempt.reason}`);
  return attempt.lease;
}

describe('DynamoDbTenantLeases fencing', () => {
  it('bumps the fencing token on every take, releases included', async () => {
    const first = taken(await leases.acquire('acme', { holder: 'a', now: NOW, ttlMs: MINUTE }));
    await leases.release(first);
    const second = taken(await leases.acquire('acme', { holder: 'b', now: NOW, ttlMs: MINUTE }));
    const third = taken(await leases.acquire('acme', { holder: 'c', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE }));

    expect([first.fence, second.fence, third.fence]).toEqual([1, 2, 3]);
  });

  it('says a run may still act only while the registry holds its fence and its expiry has not passed', async () => {
    const lease = taken(await leases.acquire('acme', { holder: 'slow run', now: NOW, ttlMs: MINUTE }));
    expect(await leases.checkLease(lease, at(30_000))).toBe(true);
    // Past the expiry its own clock wrote: no more acting, even before anyone takes it.
    expect(await leases.checkLease(lease, at(MINUTE))).toBe(false);

    const other = taken(await leases.acquire('acme', { holder: 'other run', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: 10 * MINUTE }));

    // The old holder's clock says its lease is fresh (it lags): the fence still says no.
    expect(await leases.checkLease(lease, at(1))).toBe(false);
    expect(await leases.checkLease(other, at(MINUTE + LEASE_CLOCK_SKEW_MS + 2))).toBe(true);
  });

  it('renews its own lease, and reports a lease taken over as lost without touching it', async () => {
    const lease = taken(await leases.acquire('acme', { holder: 'long run', now: NOW, ttlMs: MINUTE }));

    const renewed = await leases.renew(lease, { now: at(20_000), ttlMs: MINUTE });
    expect(renewed).toEqual({ ...lease, expiresAt: at(80_000) });
    // Renewed: a taker whose clock is at the old expiry plus the allowance is refused.
    expect((await leases.acquire('acme', { holder: 'other', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE })).acquired).toBe(false);

    const other = taken(await leases.acquire('acme', { holder: 'other', now: at(80_000 + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE }));
    expect(await leases.renew(lease, { now: at(90_000), ttlMs: MINUTE })).toBe('lost');
    const item = await ddb.send(new GetItemCommand({ TableName: table, Key: { tenant: { S: 'acme' } }, ConsistentRead: true }));
    expect(item.Item).toMatchObject({ leaseHolder: { S: 'other' }, leaseFence: { N: String(other.fence) }, leaseExpiresAt: { N: String(other.expiresAt.getTime()) } });
  });

  it('judges another run\'s expiry with the clock-skew allowance, so a clock that runs ahead takes nothing early', async () => {
    taken(await leases.acquire('acme', { holder: 'laptop', now: NOW, ttlMs: MINUTE }));

    expect(await leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + 1), ttlMs: MINUTE })).toMatchObject({ acquired: false, heldBy: 'laptop' });
    expect(await leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + LEASE_CLOCK_SKEW_MS), ttlMs: MINUTE })).toMatchObject({ acquired: false });
    expect((await leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE })).acquired).toBe(true);
  });

  it('checks and renews nothing of a removed tenant', async () => {
    const lease = taken(await leases.acquire('acme', { holder: 'a', now: NOW, ttlMs: MINUTE }));
    await new DynamoDbTenantRegistry({ client: ddb, tableName: table }).remove('acme', at(MINUTE + LEASE_CLOCK_SKEW_MS + 1));

    expect(await leases.checkLease(lease, at(1))).toBe(false);
    expect(await leases.renew(lease, { now: at(1), ttlMs: MINUTE })).toBe('lost');
  });
});
