import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenantLease } from '../../lambdas/app/with-tenant-lease.js';
import type { HeldLease } from '../../lambdas/app/keep-tenant-lease.js';
import { LEASE_CLOCK_SKEW_MS } from '../../lambdas/core/ports.js';
import { LEASE_LOST } from '../../lambdas/core/report/build-report.js';
import { silentLogger } from '../../lambdas/core/run-logger.js';
import { useLeaseRegistry } from '../support/lease-registry.js';

const START = new Date('2026-12-01T02:00:00Z').getTime();
const TTL = 9 * 60_000;

const world = useLeaseRegistry();
// Only the renewal timer is faked: the SDK's sockets keep real time.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

const expiresAt = async () => {
  const expiry = (await world.item())?.leaseExpiresAt?.N;
  return expiry === undefined ? undefined : Number(expiry);
};

/**
 * Waits (on real I/O, not on the faked timers: vi.waitFor would advance them) until the
 * registry's lease expiry is `expected`.
 */
async function untilExpiry(expected: number | undefined): Promise<void> {
  for (let polls = 0; polls < 500; polls += 1) {
    if ((await expiresAt()) === expected) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(await expiresAt()).toBe(expected);
}

/** withTenantLease around work that waits until the test lets it finish; the clock is the test's. */
function holdLease(clock: { now: number }) {
  let finish!: () => void;
  let held: HeldLease | undefined;
  const done = withTenantLease(
    world.leases,
    'acme',
    { holder: 'cli jane@laptop', now: new Date(clock.now), ttlMs: TTL },
    (lease) => {
      held = lease;
      return new Promise<void>((resolve) => (finish = resolve));
    },
    silentLogger,
    () => new Date(clock.now),
  );
  return { done, finish: () => finish(), held: () => held };
}

describe('withTenantLease', () => {
  it('renews the lease at a third of its life for as long as the work runs, then releases it', async () => {
    const clock = { now: START };
    const run = holdLease(clock);
    await untilExpiry(START + TTL);

    clock.now = START + TTL / 3;
    await vi.advanceTimersByTimeAsync(TTL / 3);
    await untilExpiry(START + TTL / 3 + TTL);
    clock.now = START + (2 * TTL) / 3;
    await vi.advanceTimersByTimeAsync(TTL / 3);
    await untilExpiry(START + (2 * TTL) / 3 + TTL);
    // Past the first expiry, and past it by the allowance: still held, so nobody else gets it.
    expect((await world.leases.acquire('acme', { holder: 'nightly run', now: new Date(START + TTL + LEASE_CLOCK_SKEW_MS + 1), ttlMs: TTL })).acquired).toBe(false);
    expect(await run.held()?.mayStillAct()).toEqual({ ok: true });

    run.finish();
    await run.done;
    expect(await expiresAt()).toBeUndefined();
  });

  it('stops acting for good once a renewal finds the lease taken over', async () => {
    const clock = { now: START };
    const run = holdLease(clock);
    await untilExpiry(START + TTL);
    // A run whose clock is far ahead takes the tenant over.
    const other = await world.leases.acquire('acme', { holder: 'nightly run', now: new Date(START + TTL + LEASE_CLOCK_SKEW_MS + 1), ttlMs: TTL });
    expect(other.acquired).toBe(true);

    clock.now = START + TTL / 3;
    await vi.advanceTimersByTimeAsync(TTL / 3);
    // Each poll is a registry read: real I/O paces the loop while the renewal's own call lands.
    for (let polls = 0; polls < 500 && run.held()?.lostReason() === undefined; polls += 1) await expiresAt();
    expect(run.held()?.lostReason()).toMatch(/lost its lease on tenant acme \(fence 1\): another run took it over/);
    expect(await run.held()?.mayStillAct()).toEqual({ ok: false, why: LEASE_LOST });

    run.finish();
    await run.done;
    // The release leaves the new holder's lease alone.
    expect(await expiresAt()).toBe(START + TTL + LEASE_CLOCK_SKEW_MS + 1 + TTL);
  });
});
