import { DAY_MS } from '../../lambdas/core/dates.js';
import type { PolicyInput } from '../../lambdas/core/model/policy.js';
import type { PatAnnouncements } from '../../lambdas/core/plan/pat-announcements.js';
import type { FaultMatch, SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';
import { seedPats } from '../../sandbox/seed-pats.js';
import { CHAOS_NOW } from './chaos-janitor.js';
import { chaosRandom } from './chaos-random.js';
import { faultStep, type FaultStep } from './chaos-scenario.js';

/** A chaos run for personal access tokens: a seeded tenant of tokens, earlier announcements, a policy and faults. */
export interface PatChaosScenario {
  readonly seed: number;
  readonly tokens: readonly SandboxPersonalAccessToken[];
  readonly policy: PolicyInput;
  /** What earlier runs announced, as the archive will hold it (token id -> UTC days, as instants). */
  readonly announcements: PatAnnouncements;
  /** The archive cannot be read: nothing may be deleted. */
  readonly archiveFails: boolean;
  /** Index of a seeded token posing as the janitor's own credential, or undefined (the sandbox's PAT). */
  readonly selfIndex: number | undefined;
  readonly concurrency: number;
  readonly timeBudgetActions: number | undefined;
  readonly steps: readonly FaultStep[];
}

// Mostly the deletes and the lists they depend on; the token endpoint too (a revoked token mid-run).
const PAT_TARGETS: readonly FaultMatch[] = [
  { route: 'pat-list' },
  { route: 'pat-delete', method: 'DELETE' },
  { route: 'pat-delete', method: 'DELETE' },
  { route: 'pat-delete', method: 'DELETE' },
  { route: 'token' },
];

export function patChaosScenario(seed: number): PatChaosScenario {
  const r = chaosRandom(seed ^ 0x7a7);
  const { identities, pats: tokens } = seedPats({ count: r.int(12, 40), seed, now: CHAOS_NOW });
  const mode = r.chance(0.15) ? 'report' : 'enforce';
  const warnDays = r.int(1, 30);
  const policy: PolicyInput = {
    mode,
    pats: {
      enabled: true,
      deleteAfterDays: r.int(30, 150),
      neverUsedDays: r.int(10, 60),
      warnDays,
      exempt: {
        ids: r.chance(0.2) ? [r.pick(tokens).id] : [],
        ownerIds: r.chance(0.3) ? [r.pick(identities).id] : [],
        names: r.chance(0.3) ? [r.pick(['^postman', 'cli', '\\(laptop\\)$'])] : [],
      },
    },
    ...((mode === 'report' ? r.chance(0.5) : r.chance(0.85)) ? { limits: { maxActions: 1_000, maxFraction: 1 } } : {}),
  };
  // Announcements within the archive's look-back (warnDays + 30 days), today's earlier runs included.
  const today = Math.floor(CHAOS_NOW.getTime() / DAY_MS);
  const announcements = new Map<string, number[]>();
  for (const token of tokens) {
    if (!r.chance(0.6)) continue;
    announcements.set(token.id, Array.from({ length: r.int(1, 2) }, () => (today - r.int(0, warnDays + 30)) * DAY_MS));
  }
  return {
    seed,
    tokens,
    policy,
    announcements,
    archiveFails: r.chance(0.1),
    selfIndex: r.chance(0.2) ? r.int(0, tokens.length - 1) : undefined,
    concurrency: r.int(1, 8),
    timeBudgetActions: r.chance(0.1) ? r.int(0, 4) : undefined,
    steps: Array.from({ length: r.int(1, 7) }, () => faultStep(r, PAT_TARGETS)),
  };
}
