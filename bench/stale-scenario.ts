import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { staleTenant } from '../sandbox/seed-tenant.js';

/**
 * The scenario every cleanup benchmark runs: `count` enabled clients unused for over 200 days,
 * the ISC limit (100 requests per client_id and API version per 10 s) scaled down in time to 100 per `windowMs`,
 * and a fixed latency on every route. Same options, same tenant (the seed is fixed).
 */
export interface StaleScenario {
  readonly count: number;
  readonly latencyMs: number;
  /** Sandbox limit: `requests` per `windowMs` per client_id and API version. */
  readonly limit: { readonly requests: number; readonly windowMs: number };
}

export async function startStaleSandbox(scenario: StaleScenario): Promise<Sandbox> {
  return startSandbox({
    clients: staleTenant({ count: scenario.count, seed: 7 }),
    rateLimit: { ...scenario.limit },
    // Exact Retry-After ("0.043"): ISC's integer seconds would dwarf a 1 s window.
    retryAfter: 'fractional',
    latencyMs: { '*': scenario.latencyMs },
  });
}

/** Requests per second the sandbox allows. */
export const limitPerSecond = (scenario: StaleScenario): number => (scenario.limit.requests * 1000) / scenario.limit.windowMs;
