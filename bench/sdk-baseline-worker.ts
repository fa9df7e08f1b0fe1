import { addWholeDays } from '../lambdas/core/dates.js';
import { round } from './median.js';
import { runSdkBaseline, type BaselineStyle } from './sdk-baseline.js';
import { startStaleSandbox, type StaleScenario } from './stale-scenario.js';
import { summarizeRequests } from './summarize-requests.js';

/**
 * Child-process entry for one SDK baseline run. A fresh process per run because the SDK calls
 * axiosRetry() on the global axios instance for every request, so interceptors pile up: a run
 * must not inherit the previous run's. Prints one JSON line: BaselineFigures.
 */
export interface BaselineFigures {
  readonly style: BaselineStyle;
  readonly latencyMs: number;
  readonly wallS: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly disabled: number;
  readonly failed: number;
  readonly retries: number;
}

async function main(): Promise<void> {
  const { scenario, style } = JSON.parse(process.argv[2] ?? '{}') as { scenario: StaleScenario; style: BaselineStyle };
  const sandbox = await startStaleSandbox(scenario);
  try {
    const started = performance.now();
    const result = await runSdkBaseline({ baseUrl: sandbox.url, credentials: sandbox.credentials, cutoff: addWholeDays(new Date(), -90), style });
    const wallS = (performance.now() - started) / 1000;
    const counts = summarizeRequests(sandbox.requests);
    const figures: BaselineFigures = {
      style,
      latencyMs: scenario.latencyMs,
      wallS: round(wallS),
      requests: counts.api,
      rateLimited: counts.rateLimited,
      disabled: result.disabled,
      failed: result.failed,
      retries: result.retries,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await sandbox.close();
  }
}

await main();
