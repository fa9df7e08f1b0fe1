import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { chaosScenario } from './chaos-scenario.js';
import { CHAOS_NOW, runChaosScenario } from './run-chaos-scenario.js';

/**
 * Chaos runs for cleanup: seeded tenants, policies and fault schedules against one
 * sandbox (reset between runs). `CHAOS_SEED=17 npx vitest run test/chaos` replays one seed.
 */
const RUNS = 200;
const only = process.env.CHAOS_SEED === undefined ? undefined : Number(process.env.CHAOS_SEED);
const seeds = only === undefined ? Array.from({ length: RUNS }, (_, index) => index + 1) : [only];

let sb: Sandbox;
beforeAll(async () => {
  // A tight real rate limit with fractional Retry-After: bursts of actions meet genuine 429s too.
  sb = await startSandbox({ now: () => CHAOS_NOW, rateLimit: { requests: 25, windowMs: 15 }, retryAfter: 'fractional' });
});
afterAll(async () => {
  await sb.close();
});

describe('runJanitor under chaos', () => {
  it(`keeps every safety invariant over ${seeds.length} seeded fault schedules`, async () => {
    const violations: string[] = [];
    let faults = 0;
    const outcomes = new Map<string, number>();
    const hostile = { stall: 0, redirect: 0, 'echo-secret': 0 };
    for (const seed of seeds) {
      const result = await runChaosScenario(sb, chaosScenario(seed));
      faults += result.faults;
      for (const name of result.faultNames) {
        const kind = name.split(':')[0] as keyof typeof hostile;
        if (kind in hostile) hostile[kind] += 1;
      }
      const outcome = result.report ? `${result.report.mode}:${result.report.outcome}` : 'threw';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      for (const violation of result.violations) violations.push(`seed ${seed}: ${violation}`);
    }
    console.log(`chaos: ${seeds.length} runs, ${faults} faults injected (${JSON.stringify(hostile)}), ${violations.length} invariant violations`);
    expect(violations).toEqual([]);
    // The schedules must really hurt: failed actions and aborted runs both occur, not only clean runs.
    if (only === undefined) {
      expect(outcomes.get('enforce:failed') ?? 0).toBeGreaterThan(5);
      expect(outcomes.get('threw') ?? 0).toBeGreaterThan(5);
      expect(outcomes.get('report:ok') ?? 0).toBeGreaterThan(5);
      expect(faults).toBeGreaterThan(RUNS * 2);
      // The hostile world is on the menu: stalled bodies, redirects elsewhere, echoed secrets.
      for (const count of Object.values(hostile)) expect(count).toBeGreaterThan(5);
    }
  // Hundreds of seeded runs, stalls among their faults: minutes on a loaded machine, not the default 30 s.
  }, 180_000);
});
