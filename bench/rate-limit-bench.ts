import { parsePolicy } from '../lambdas/core/model/policy.js';
import { createIscClient } from '../lambdas/adapters/isc/index.js';
import { runJanitor } from '../lambdas/app/run-janitor.js';
import { round } from './median.js';
import { limitPerSecond, startStaleSandbox, type StaleScenario } from './stale-scenario.js';
import { summarizeRequests } from './summarize-requests.js';
import { doorKeyOf } from '../lambdas/app/door/door.js';
import { iscRemovalOf } from '../lambdas/adapters/isc/isc-removal.js';

export interface RateLimitFigures {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly wallS: number;
  /** API requests the sandbox received, 429s included (token calls excluded). */
  readonly requests: number;
  readonly rateLimited: number;
  readonly rateLimitedPct: number;
  /** Admitted API requests / wall time of the whole run (token, lists, evaluation, actions). */
  readonly achievedRps: number;
  /** achievedRps / the limit. The sliding window's first burst is free, so this can pass 1. */
  readonly efficiency: number;
  /** Admitted requests / limit: the wall time a client would need at exactly the limit, zero latency. */
  readonly boundS: number;
  /** Admitted requests per second between the first and the last PATCH: the paced phase alone. */
  readonly actionPhaseRps: number;
  readonly done: number;
  readonly failed: number;
}

/**
 * The janitor's own budget per window (95% of the limit, as in production): with that many actions
 * in flight, a whole window's budget can start at once, so the pacer alone sets the pace and
 * concurrency never holds a start back. Fewer would measure concurrency, not pacing: the first
 * window would be spent in several round trips instead of one. Production needs no more than its
 * default of 8: against ISC's 10 s window, 8 in flight at 200-500 ms already spend 95 requests in
 * 2.5-6 s; here the window is scaled down and latency is not.
 */
export function pacedBudget(limit: StaleScenario['limit']): number {
  return Math.floor(limit.requests * 0.95);
}

/**
 * One enforce run of the real orchestrator and ISC client against the sandbox: every stale
 * client is disabled (guard raised so it may be). The janitor paces itself with the production
 * ratio (95 of ISC's 100) over the same scaled window.
 */
export async function runRateLimitBench(scenario: StaleScenario, options: { concurrency?: number } = {}): Promise<RateLimitFigures> {
  const limit = limitPerSecond(scenario);
  const budget = pacedBudget(scenario.limit);
  const concurrency = options.concurrency ?? budget;
  const sandbox = await startStaleSandbox(scenario);
  try {
    const api = createIscClient({
      baseUrl: sandbox.url,
      credentials: sandbox.credentials,
      rateLimit: { requests: budget, windowMs: scenario.limit.windowMs },
    });
    const policy = parsePolicy({ mode: 'enforce', limits: { maxActions: 100_000, maxFraction: 1 } });
    const started = performance.now();
    const report = await runJanitor({
      api,
      door: doorKeyOf(iscRemovalOf(api)),
      policy,
      tenant: 'bench',
      selfClientId: sandbox.credentials.clientId,
      clock: () => new Date(),
      reportId: 'bench',
      concurrency,
    });
    const wallS = (performance.now() - started) / 1000;
    const counts = summarizeRequests(sandbox.requests);
    const patches = sandbox.requests.filter((r) => r.route === 'patch');
    const first = patches[0]?.at ?? 0;
    const last = patches[patches.length - 1]?.at ?? 0;
    const inPhase = sandbox.requests.filter((r) => r.route !== 'token' && r.status !== 429 && r.at >= first && r.at <= last).length;
    const achievedRps = counts.admitted / wallS;
    return {
      latencyMs: scenario.latencyMs,
      concurrency,
      wallS: round(wallS),
      requests: counts.api,
      rateLimited: counts.rateLimited,
      rateLimitedPct: round((100 * counts.rateLimited) / Math.max(1, counts.api)),
      achievedRps: round(achievedRps, 1),
      efficiency: round(achievedRps / limit, 3),
      boundS: round(counts.admitted / limit),
      actionPhaseRps: last > first ? round((inPhase * 1000) / (last - first), 1) : 0,
      done: report.actions.filter((a) => a.outcome === 'done').length,
      failed: report.actions.filter((a) => a.outcome === 'failed' || a.outcome === 'not-attempted').length,
    };
  } finally {
    await sandbox.close();
  }
}
