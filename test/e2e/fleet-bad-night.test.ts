import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { fitReason, MAX_REASON_CHARS } from '../../lambdas/core/fleet/fleet-state-budget.js';
import { startLocalFleet, type LocalTenant, type TenantRunInput } from '../support/local-fleet.js';
import { defaultReservedConcurrency } from '../../lib/stack-context.js';
import { startMoto, type MotoServer } from '../support/moto-server.js';

/*
 * The night on a bad night, executed locally (the deployed definition, the fleet function, the
 * registry in moto), with a stand-in for the janitor so that a thousand tenants fit in a test:
 * the stand-in answers as the janitor does (its reason cut to the tick's share).
 */

const TICK = new Date('2026-12-01T02:00:03Z');
/** The execution state Step Functions allows is 256 KB; the night must stay well below it. */
const STATE_LIMIT_BYTES = 200 * 1024;
/** The registry's longest tenant name (tenant-fields.ts). */
const NAME_CHARS = 40;
/** The stack's default fleetConcurrency: tenant runs in flight per tick. */
const CONCURRENCY = 10;

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());

/** `count` tenants due at 02:00 UTC, each named with `nameLength` characters. */
function tenants(count: number, nameLength: number): LocalTenant[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `t${String(index).padStart(4, '0')}-`.padEnd(nameLength, 'x');
    return { entry: { name, localTime: '02:00', timeZone: 'UTC' }, iscUrl: 'http://127.0.0.1:9', credentials: { clientId: 'unused', clientSecret: 'unused' } };
  });
}

describe('a night with every tenant blocked', () => {
  it('summarizes 1,000 blocked tenants with the longest names the registry takes (40 characters) and 350-character reasons inside the state limit', async () => {
    const reason = `blast-radius guard: ${'the run would disable more clients than limits.maxFraction allows; '.repeat(6)}`.slice(0, 350);
    expect(reason).toHaveLength(350);
    const fleet = await startLocalFleet({
      moto,
      tenants: tenants(1_000, NAME_CHARS),
      clock: () => TICK,
      maxConcurrency: 40,
      setupConcurrency: 32,
      runTenant: async (input: TenantRunInput) => ({ tenant: input.tenant, outcome: 'blocked', reason: fitReason(reason, input.fleet.reasonChars ?? MAX_REASON_CHARS) }),
    });

    const outcome = await fleet.tick('tick-1', TICK);
    const largest = fleet.largestStateBytes();
    console.log(`1,000 blocked tenants: largest execution state ${largest} bytes (${(largest / 1024).toFixed(1)} KB)`);

    expect(outcome).toMatchObject({ run: 1_000, ok: 0, failed: 0, blocked: 1_000 });
    expect(outcome.tenants.blocked.map((note) => note.tenant)).toEqual(tenants(1_000, NAME_CHARS).map((tenant) => tenant.entry.name));
    expect(outcome.tenants.blocked.every((note) => note.reason.length > 0 && note.reason.length <= MAX_REASON_CHARS && reason.startsWith(note.reason.slice(0, -3)))).toBe(true);
    expect(largest).toBeLessThan(STATE_LIMIT_BYTES);
  }, 120_000);
});

/**
 * A stand-in janitor that takes and releases the tenant's lease as the janitor does (a held lease
 * is answered `deferred`, as the janitor answers it) and counts the runs that really ran.
 */
function leasedRuns(clock: () => Date) {
  const ran = new Map<string, number>();
  let holdBack: Promise<void> = Promise.resolve();
  let started = 0;
  const startedTen = gate();
  return {
    ran,
    startedTen: startedTen.promise,
    /** Runs wait on this before they end, so the test decides when the first tick may finish. */
    hold(gate: Promise<void>) {
      holdBack = gate;
    },
    async run(input: TenantRunInput, leases: DynamoDbTenantLeases): Promise<unknown> {
      const attempt = await leases.acquire(input.tenant, { holder: `nightly run ${input.fleet.execution}`, now: clock(), ttlMs: 600_000 });
      if (!attempt.acquired) {
        const busy = attempt.reason === 'held' ? `Tenant ${input.tenant} is already being run by ${attempt.heldBy}` : attempt.reason;
        return { tenant: input.tenant, outcome: 'deferred', reason: fitReason(busy, input.fleet.reasonChars ?? MAX_REASON_CHARS), runDay: input.fleet.runDay };
      }
      ran.set(input.tenant, (ran.get(input.tenant) ?? 0) + 1);
      if (++started === 10) startedTen.resolve();
      await holdBack;
      await leases.release(attempt.lease);
      return { tenant: input.tenant, outcome: 'ok' };
    },
  };
}

/** A promise the test resolves when it chooses. */
function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('ticks that overlap', () => {
  it('runs each of 250 due tenants exactly once that night when a tick starts while the one before still runs, a few of them busy at first', async () => {
    // 125 tenants due at 02:00 and 125 at 02:15 (UTC): the 02:00 tick is still running at 02:15.
    const fleetTenants = tenants(250, 12).map((tenant, index) => ({ ...tenant, entry: { ...tenant.entry, localTime: index % 2 === 0 ? '02:00' : '02:15' } }));
    let now = TICK;
    const stand = leasedRuns(() => now);
    const fleet = await startLocalFleet({
      moto,
      tenants: fleetTenants,
      clock: () => now,
      maxConcurrency: CONCURRENCY,
      reservedConcurrency: defaultReservedConcurrency(CONCURRENCY),
      setupConcurrency: 16,
      runTenant: (input, leases) => stand.run(input, leases),
    });
    const { leases } = fleet;
    // Three tenants of each half are held by a person's CLI run when their first tick comes.
    const busy = [0, 1, 2, 3, 4, 5].map((index) => fleetTenants[index]!.entry.name);
    const cli = await Promise.all(busy.map((name) => leases.acquire(name, { holder: 'cli jane@laptop', now, ttlMs: 20 * 60_000 })));

    const firstMayEnd = gate();
    stand.hold(firstMayEnd.promise);
    const first = fleet.tick('tick-0200', TICK);
    await stand.startedTen;
    now = new Date(TICK.getTime() + 15 * 60_000);
    stand.hold(Promise.resolve());
    const second = await fleet.tick('tick-0215', now);
    firstMayEnd.resolve();
    const outcomes = [await first, second];
    for (const attempt of cli) if (attempt.acquired) await leases.release(attempt.lease);
    // The later ticks of the night, inside the due window.
    for (let minutes = 30; minutes <= 240; minutes += 15) {
      now = new Date(TICK.getTime() + minutes * 60_000);
      outcomes.push(await fleet.tick(`tick-${minutes}`, now));
    }

    expect(outcomes.reduce((sum, outcome) => sum + outcome.failed, 0)).toBe(0);
    expect(outcomes[0]!.tenants.deferred.map((note) => note.tenant)).toEqual(expect.arrayContaining(busy.filter((_, index) => index % 2 === 0)));
    expect([...stand.ran.values()].every((count) => count === 1)).toBe(true);
    expect([...stand.ran.keys()].sort()).toEqual(fleetTenants.map((tenant) => tenant.entry.name).sort());
  }, 120_000);
});
