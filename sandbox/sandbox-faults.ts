import { mulberry32 } from './mulberry32.js';
import type { Fault, FaultMatch, SandboxFaults, SandboxRoute } from './sandbox-types.js';

interface QueuedFault {
  remaining: number;
  match: FaultMatch;
  fault: Fault;
}

interface ErrorRate {
  rate: number;
  random: () => number;
}

/**
 * The fault switchboard. Tests drive it through the `SandboxFaults` interface; the server asks it,
 * per request, for the latency, the one-shot fault and the random-500 decision.
 */
export class FaultController implements SandboxFaults {
  #queue: QueuedFault[] = [];
  #latency = new Map<SandboxRoute | '*', number>();
  #errorRates = new Map<SandboxRoute | '*', ErrorRate>();
  #ignoreFilters = false;

  constructor(latencyMs: Partial<Record<SandboxRoute | '*', number>> = {}) {
    for (const [route, ms] of Object.entries(latencyMs)) this.setLatency(route as SandboxRoute | '*', ms);
  }

  failNext(count: number, match: FaultMatch, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('failNext: count must be a positive integer');
    this.#queue.push({ remaining: count, match: { ...match, method: match.method?.toUpperCase() }, fault });
  }

  setLatency(route: SandboxRoute | '*', ms: number): void {
    if (!(ms >= 0)) throw new RangeError('setLatency: ms must be >= 0');
    this.#latency.set(route, ms);
  }

  setErrorRate(route: SandboxRoute | '*', rate: number, seed = 1): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('setErrorRate: rate must be within [0, 1]');
    this.#errorRates.set(route, { rate, random: mulberry32(seed) });
  }

  ignoreFilters(on: boolean): void {
    this.#ignoreFilters = on;
  }

  clear(): void {
    this.#queue = [];
    this.#latency.clear();
    this.#errorRates.clear();
    this.#ignoreFilters = false;
  }

  get filtersIgnored(): boolean {
    return this.#ignoreFilters;
  }

  /** A route's own latency wins over '*'. */
  latencyFor(route: SandboxRoute | 'unknown'): number {
    return (route === 'unknown' ? undefined : this.#latency.get(route)) ?? this.#latency.get('*') ?? 0;
  }

  /** Consumes one unit of the oldest queued fault that matches this request. */
  takeFault(route: SandboxRoute | 'unknown', method: string): Fault | undefined {
    const index = this.#queue.findIndex(
      ({ match }) => (match.route === undefined || match.route === route) && (match.method === undefined || match.method === method),
    );
    const queued = this.#queue[index];
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining === 0) this.#queue.splice(index, 1);
    return queued.fault;
  }

  /** True when the seeded error rate for this route says: answer 500. */
  rollError(route: SandboxRoute | 'unknown'): boolean {
    const errorRate = (route === 'unknown' ? undefined : this.#errorRates.get(route)) ?? this.#errorRates.get('*');
    return errorRate !== undefined && errorRate.rate > 0 && errorRate.random() < errorRate.rate;
  }
}
