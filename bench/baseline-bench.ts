import { round } from './median.js';
import { runChild } from './run-child.js';
import type { BaselineFigures } from './sdk-baseline-worker.js';
import type { StaleScenario } from './stale-scenario.js';

export interface BaselineRow extends BaselineFigures {
  readonly clients: number;
  /** Clients actually run when the sequential loop was sampled; wallS is then extrapolated. */
  readonly sampledClients?: number;
}

/** A sequential run of about this long is enough to know its per-request time. */
const SAMPLE_BUDGET_MS = 10_000;

/**
 * The SDK baseline at one latency: the parallel shortcut in full, and the documented sequential
 * loop in full when it takes under a minute or `full` is set; otherwise on a sample sized to
 * ~10 s, extrapolated linearly (a sequential loop is linear: (1 list + N PATCH) round trips).
 */
export async function runBaselineBench(scenario: StaleScenario, options: { full: boolean }): Promise<BaselineRow[]> {
  const rows: BaselineRow[] = [];
  const parallel = await runChild<BaselineFigures>('./sdk-baseline-worker.ts', { scenario, style: 'parallel' });
  rows.push({ ...parallel, clients: scenario.count });

  const fullSeconds = ((scenario.count + 1) * (scenario.latencyMs + 6)) / 1000;
  const sample = options.full || fullSeconds <= 60 ? scenario.count : Math.max(20, Math.ceil(SAMPLE_BUDGET_MS / scenario.latencyMs));
  const sequential = await runChild<BaselineFigures>('./sdk-baseline-worker.ts', { scenario: { ...scenario, count: sample }, style: 'sequential' });
  if (sample === scenario.count) {
    rows.push({ ...sequential, clients: scenario.count });
  } else {
    // Round trips scale with 1 list + N PATCHes; per-client outcomes with N.
    const perTrip = (scenario.count + 1) / (sample + 1);
    const perClient = scenario.count / sample;
    rows.push({
      ...sequential,
      clients: scenario.count,
      sampledClients: sample,
      wallS: round(sequential.wallS * perTrip),
      requests: Math.round(sequential.requests * perTrip),
      rateLimited: Math.round(sequential.rateLimited * perTrip),
      disabled: Math.round(sequential.disabled * perClient),
      failed: Math.round(sequential.failed * perClient),
      retries: Math.round(sequential.retries * perTrip),
    });
  }
  return rows;
}
