import { describe, expect, it } from 'vitest';
import { useMoto } from '../janitor/rotation-harness.js';
import { runProtocolScenario } from './rotation-protocol-run.js';
import { protocolScenario, type ProtocolScenario } from './rotation-protocol-scenario.js';

useMoto();

/**
 * Chaos for Secrets Manager's rotation protocol: seeded runs rotate a managed client secret or
 * the janitor's own PAT on moto and the sandbox, with ISC faults (5xx, cut-off and dropped
 * answers, 429), Secrets Manager faults (before and after they apply) and container crashes at
 * every step, each step retried as Secrets Manager would, duplicates, and a successor someone
 * sabotaged. `ROTATION_PROTOCOL_SEED=7 npx vitest run test/chaos/rotation-protocol` replays one seed.
 */
const RUNS = 24;
const only = process.env.ROTATION_PROTOCOL_SEED === undefined ? undefined : Number(process.env.ROTATION_PROTOCOL_SEED);
const seeds = only === undefined ? Array.from({ length: RUNS }, (_, index) => index + 1) : [only];

describe('the rotation protocol under chaos', () => {
  it(`keeps AWSCURRENT working, leaves no orphan and finishes on a fault-free retry, over ${seeds.length} seeded fault schedules`, { timeout: 300_000 }, async () => {
    const violations: string[] = [];
    const tally = { failedAttempts: 0, finished: 0, rolledBack: 0, crashes: 0, crashLeftovers: 0, janitor: 0 };
    for (const seed of seeds) {
      const scenario = protocolScenario(seed);
      const outcome = await runProtocolScenario(scenario);
      tally.failedAttempts += outcome.failedAttempts;
      tally.finished += outcome.finished ? 1 : 0;
      tally.rolledBack += outcome.rolledBack ? 1 : 0;
      tally.crashes += outcome.crashes;
      tally.crashLeftovers += outcome.crashLeftovers;
      tally.janitor += scenario.kind === 'janitor-credentials' ? 1 : 0;
      for (const violation of outcome.violations) violations.push(`seed ${seed}: ${violation}`);
    }
    console.log(
      `rotation protocol chaos: ${seeds.length} runs (${tally.janitor} of the janitor's PAT), ${tally.failedAttempts} failed step attempts, ` +
        `${tally.crashes} crashes (${tally.crashLeftovers} PATs they left, named in the report), ${tally.rolledBack} roll-backs, ` +
        `${tally.finished} finished despite the faults, ${violations.length} invariant violations`,
    );
    expect(violations).toEqual([]);
    if (only === undefined) {
      // The schedules must really hurt, and both kinds of secret must meet them.
      expect(tally.failedAttempts).toBeGreaterThan(RUNS);
      expect(tally.crashes).toBeGreaterThan(2);
      expect(tally.finished).toBeGreaterThan(2);
      expect(tally.finished).toBeLessThan(RUNS);
      expect(tally.janitor).toBeGreaterThan(3);
    }
  });
});

describe('a crash between ISC creating the successor and Secrets Manager storing it', () => {
  const calm = { isc: [], secretsManager: [] };
  /** The container dies at createSecret's put, then Secrets Manager retries the step. */
  const crashAtPut = (kind: ProtocolScenario['kind']): ProtocolScenario => ({
    seed: 0,
    kind,
    attempts: 2,
    faults: { createSecret: [{ ...calm, crashAt: 'PutSecretValueCommand' }, calm], setSecret: [calm], testSecret: [calm], finishSecret: [calm] },
    sabotage: false,
    repeated: [],
  });

  it('leaves a client that the retried step deletes before it makes the successor, and the rotation finishes', async () => {
    const outcome = await runProtocolScenario(crashAtPut('managed-client'));
    expect(outcome.violations).toEqual([]);
    expect(outcome).toMatchObject({ crashes: 1, crashLeftovers: 0, finished: true });
  });

  it('leaves a PAT of the janitor\'s identity that no stage holds (the report names it), and the retried step finishes the rotation', async () => {
    const outcome = await runProtocolScenario(crashAtPut('janitor-credentials'));
    expect(outcome.violations).toEqual([]);
    expect(outcome).toMatchObject({ crashes: 1, crashLeftovers: 1, finished: true });
    expect(outcome.reportWarnings.filter((warning) => /is held by no version of the credentials secret/.test(warning))).toHaveLength(1);
  });
});
