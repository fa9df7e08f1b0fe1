import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { fitReason, MAX_REASON_CHARS } from '../../lambdas/core/fleet/fleet-state-budget.js';
import { LEASE_CLOCK_SKEW_MS } from '../../lambdas/core/ports.js';
import type { FleetOutcome } from '../../lambdas/janitor/create-fleet-handler.js';
import { startLocalFleet, type LocalTenant, type TenantRunInput } from '../support/local-fleet.js';
import { startMoto, type MotoServer } from '../support/moto-server.js';
import { chaosRandom, type ChaosRandom } from './chaos-random.js';

/*
 * Night chaos: seeded faults on the locally executed state machine (the deployed definition, the
 * fleet function, the registry and its leases in moto) over a night of ticks, some overlapping.
 * The janitor is a stand-in that takes, checks and releases the real lease as the janitor does
 * (so the lease adapter's fencing is what is tested) and answers as the janitor answers; a run's
 * "write" happens only after the may-still-act check (checkLease) passes.
 *
 * Faults: Lambda throttles (a reserved concurrency below two ticks' worth), busy tenants (a CLI
 * run holds the lease for a while), slow tenants (a run still going when the next tick starts),
 * lease takeovers (another run takes the lease mid-run: the night's run must not write), over-cap
 * bodies (the run ends failed, naming the cap, as the janitor's bounded reader makes it).
 *
 * Invariants: every enabled tenant runs exactly once that local night, or a summary names it as
 * not run, with a reason; no write after a lost lease; no execution state over 256 KB.
 */

const NIGHT = new Date('2026-12-01T02:00:03Z');
const MINUTE = 60_000;
const CONCURRENCY = 4;
const TENANTS = 24;
const STATE_LIMIT_BYTES = 256 * 1024;
/** A run's lease, renewed as it works: longer than the ticks' jumps of this simulated clock (every run shares it). */
const LEASE_MS = 60 * MINUTE;
const SEEDS = [1, 2, 3];

type Fault = 'none' | 'busy' | 'slow' | 'takeover' | 'over-cap';

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());

interface NightWorld {
  readonly faults: Map<string, Fault>;
  /** Writes the night's runs made, each after its lease check passed. */
  readonly writes: { tenant: string; execution: string; fence: number }[];
  /** Tenants whose lease another run took while the night's run held it. */
  readonly takenOver: Set<string>;
  now: Date;
}

function standIn(world: NightWorld, random: ChaosRandom) {
  return async (input: TenantRunInput, leases: DynamoDbTenantLeases): Promise<unknown> => {
    const reasonChars = input.fleet.reasonChars ?? MAX_REASON_CHARS;
    const fault = world.faults.get(input.tenant) ?? 'none';
    const attempt = await leases.acquire(input.tenant, { holder: `nightly run ${input.fleet.execution}`, now: world.now, ttlMs: LEASE_MS });
    if (!attempt.acquired) {
      const reason = attempt.reason === 'held' ? `Tenant ${input.tenant} is already being run by ${attempt.heldBy}` : attempt.reason;
      return { tenant: input.tenant, outcome: 'deferred', reason: fitReason(reason, reasonChars), runDay: input.fleet.runDay };
    }
    const lease = attempt.lease;
    try {
      // A slow run yields for a while, so later ticks start while it holds its lease.
      for (let turn = fault === 'slow' ? random.int(20, 60) : random.int(0, 3); turn > 0; turn -= 1) await new Promise((resolve) => setImmediate(resolve));
      if (fault === 'over-cap') {
        return { tenant: input.tenant, outcome: 'failed', reason: fitReason('GET /v3/oauth-clients: the response body is over 64 MB (--max-response-mb, ISC_MAX_RESPONSE_MB)', reasonChars) };
      }
      if (fault === 'takeover') {
        // Another run judges the lease expired (a clock far ahead) and takes it.
        const other = await leases.acquire(input.tenant, { holder: 'cli jane@laptop', now: new Date(lease.expiresAt.getTime() + LEASE_CLOCK_SKEW_MS + 1), ttlMs: MINUTE });
        if (other.acquired) {
          world.takenOver.add(input.tenant);
          await leases.release(other.lease);
        }
      }
      // The janitor renews its lease while it works (at a third of its life): a slow run keeps it, a taken one is lost.
      const renewed = await leases.renew(lease, { now: world.now, ttlMs: LEASE_MS });
      if (renewed === 'lost' || !(await leases.checkLease(renewed, world.now))) {
        return { tenant: input.tenant, outcome: 'lease-lost', reason: fitReason('the lease was taken over; nothing more was done', reasonChars) };
      }
      world.writes.push({ tenant: input.tenant, execution: input.fleet.execution, fence: renewed.fence });
      return { tenant: input.tenant, outcome: 'ok' };
    } finally {
      // As the janitor does: a release that fails is logged, never the run's error (the lease expires).
      await leases.release(lease).catch(() => undefined);
    }
  };
}

async function night(seed: number) {
  const random = chaosRandom(seed);
  const times = ['02:00', '02:15', '02:30'];
  const tenants: LocalTenant[] = Array.from({ length: TENANTS }, (_, index) => ({
    entry: { name: `s${seed}-t${index}`, localTime: random.pick(times), timeZone: 'UTC', enabled: random.chance(0.9) },
    iscUrl: 'http://127.0.0.1:9',
    credentials: { clientId: 'unused', clientSecret: 'unused' },
  }));
  const faults: Fault[] = ['none', 'none', 'busy', 'slow', 'takeover', 'over-cap'];
  const world: NightWorld = { faults: new Map(tenants.map((t) => [t.entry.name, random.pick(faults)])), writes: [], takenOver: new Set(), now: NIGHT };
  const fleet = await startLocalFleet({
    moto,
    tenants,
    clock: () => world.now,
    maxConcurrency: CONCURRENCY,
    // Sometimes room for two ticks, sometimes less: throttles.
    reservedConcurrency: random.int(2, 2 * CONCURRENCY),
    runTenant: standIn(world, random),
  });
  // Busy tenants: a person's CLI run holds them for 20 to 50 minutes from the start of the night.
  for (const [tenant, fault] of world.faults) {
    if (fault === 'busy') await fleet.leases.acquire(tenant, { holder: 'cli jane@laptop', now: NIGHT, ttlMs: random.int(20, 50) * MINUTE });
  }
  const outcomes: Promise<FleetOutcome>[] = [];
  for (let minutes = 0; minutes <= 180; minutes += 15) {
    world.now = new Date(NIGHT.getTime() + minutes * MINUTE);
    const tick = fleet.tick(`s${seed}-tick-${minutes}`, world.now);
    outcomes.push(tick);
    // Half the ticks overlap the next one.
    if (random.chance(0.5)) await tick;
  }
  const summaries = await Promise.all(outcomes);
  return { tenants, world, summaries, largest: fleet.largestStateBytes() };
}

describe('the night under seeded faults', () => {
  it.each(SEEDS)('seed %i: each enabled tenant runs once or is named with a reason, no write after a lost lease, state under 256 KB', async (seed) => {
    const { tenants, world, summaries, largest } = await night(seed);

    const notRun = new Map<string, string>();
    for (const summary of summaries) {
      for (const note of [...summary.tenants.failed, ...summary.tenants.blocked, ...summary.tenants.deferred]) notRun.set(note.tenant, note.reason);
    }
    for (const { entry } of tenants) {
      expect(world.writes.filter((write) => write.tenant === entry.name).length, `${entry.name} ran more than once`).toBeLessThanOrEqual(1);
      const runs = world.writes.filter((write) => write.tenant === entry.name).length;
      if (entry.enabled === false) expect(runs, `${entry.name} is paused`).toBe(0);
      // The invariant: each enabled tenant runs once that night, or a summary names it with a reason.
      // (Whether a busy tenant gets its later tick depends on how the simulated clock's jumps meet
      // the run's timing; test/e2e/fleet-bad-night.test.ts runs 250 tenants over two overlapping ticks and holds each to once.)
      else if (runs === 0) expect(notRun.get(entry.name), `${entry.name} (${world.faults.get(entry.name)}) neither ran nor was reported`).toMatch(/\S/);
      else expect(runs, `${entry.name} ran ${runs} times`).toBe(1);
    }
    for (const tenant of world.takenOver) expect(world.writes.filter((write) => write.tenant === tenant), `${tenant} wrote after its lease was taken`).toEqual([]);
    expect(largest).toBeLessThan(STATE_LIMIT_BYTES);
    // The seed exercised the faults it was meant to.
    expect([...world.faults.values()].filter((fault) => fault !== 'none').length).toBeGreaterThan(0);
  }, 180_000);
});
