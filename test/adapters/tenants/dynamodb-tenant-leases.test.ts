import { describe, expect, it } from 'vitest';
import { LEASE_CLOCK_SKEW_MS, type LeaseAttempt, type TenantLease } from '../../../lambdas/core/ports.js';
import { useLeaseRegistry } from '../../support/lease-registry.js';

const NOW = new Date('2026-12-01T02:00:00Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const world = useLeaseRegistry();

function taken(attempt: LeaseAttempt): TenantLease {
  if (!attempt.acquired) throw new Error(`expected the lease, got ${attempt.reason}`);
  return attempt.lease;
}

describe('DynamoDbTenantLeases fencing', () => {
  it('bumps the fencing token on every take, releases included', async () => {
    const first = taken(await world.leases.acquire('acme', { holder: 'a', now: NOW, ttlMs: MINUTE }));
    await world.leases.release(first);
    const second = taken(await world.leases.acquire('acme', { holder: 'b', now: NOW, ttlMs: MINUTE }));
    const third = taken(await world.leases.acquire('acme', { holder: 'c', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE }));

    expect([first.fence, second.fence, third.fence]).toEqual([1, 2, 3]);
  });

  it('says a run may still act only while the registry holds its fence and its expiry has not passed', async () => {
    const lease = taken(await world.leases.acquire('acme', { holder: 'slow run', now: NOW, ttlMs: MINUTE }));
    expect(await world.leases.checkLease(lease, at(30_000))).toBe(true);
    // Past the expiry its own clock wrote: no more acting, even before anyone takes it.
    expect(await world.leases.checkLease(lease, at(MINUTE))).toBe(false);

    const other = taken(await world.leases.acquire('acme', { holder: 'other run', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: 10 * MINUTE }));

    // The old holder's clock says its lease is fresh (it lags): the fence still says no.
    expect(await world.leases.checkLease(lease, at(1))).toBe(false);
    expect(await world.leases.checkLease(other, at(MINUTE + LEASE_CLOCK_SKEW_MS + 2))).toBe(true);
  });

  it('renews its own lease, and reports a lease taken over as lost without touching it', async () => {
    const lease = taken(await world.leases.acquire('acme', { holder: 'long run', now: NOW, ttlMs: MINUTE }));

    const renewed = await world.leases.renew(lease, { now: at(20_000), ttlMs: MINUTE });
    expect(renewed).toEqual({ ...lease, expiresAt: at(80_000) });
    // Renewed: a taker whose clock is at the old expiry plus the allowance is refused.
    expect((await world.leases.acquire('acme', { holder: 'other', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE })).acquired).toBe(false);

    const other = taken(await world.leases.acquire('acme', { holder: 'other', now: at(80_000 + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE }));
    expect(await world.leases.renew(lease, { now: at(90_000), ttlMs: MINUTE })).toBe('lost');
    expect(await world.item()).toMatchObject({ leaseHolder: { S: 'other' }, leaseFence: { N: String(other.fence) }, leaseExpiresAt: { N: String(other.expiresAt.getTime()) } });
  });

  it('judges another run\'s expiry with the clock-skew allowance, so a clock that runs ahead takes nothing early', async () => {
    taken(await world.leases.acquire('acme', { holder: 'laptop', now: NOW, ttlMs: MINUTE }));

    expect(await world.leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + 1), ttlMs: MINUTE })).toMatchObject({ acquired: false, heldBy: 'laptop' });
    expect(await world.leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + LEASE_CLOCK_SKEW_MS), ttlMs: MINUTE })).toMatchObject({ acquired: false });
    expect((await world.leases.acquire('acme', { holder: 'fast clock', now: at(MINUTE + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE })).acquired).toBe(true);
  });

  it('checks and renews nothing of a removed tenant', async () => {
    const lease = taken(await world.leases.acquire('acme', { holder: 'a', now: NOW, ttlMs: MINUTE }));
    await world.registry.remove('acme', at(MINUTE + LEASE_CLOCK_SKEW_MS + 1));

    expect(await world.leases.checkLease(lease, at(1))).toBe(false);
    expect(await world.leases.renew(lease, { now: at(1), ttlMs: MINUTE })).toBe('lost');
  });
});
