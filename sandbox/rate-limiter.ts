/**
 * A sliding-window-log rate limiter, one log per key (a client_id and API version). A request is admitted
 * when fewer than `requests` admitted requests fall inside the last `windowMs`; rejected requests
 * do not count. When full, `retryAfterMs` is the exact time until the oldest admitted request
 * leaves the window, i.e. until a slot frees.
 *
 * The clock is a monotonic millisecond counter (real time by default), not the sandbox clock:
 * clients really sleep for Retry-After, so a frozen test clock must not freeze the window too.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class RateLimiter {
  readonly #logs = new Map<string, number[]>();

  constructor(
    private readonly requests: number,
    private readonly windowMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(requests >= 1) || !(windowMs > 0)) throw new RangeError('RateLimiter: requests >= 1 and windowMs > 0');
  }

  take(key: string): RateDecision {
    const now = this.clock();
    const log = (this.#logs.get(key) ?? []).filter((at) => at > now - this.windowMs);
    this.#logs.set(key, log);
    if (log.length < this.requests) {
      log.push(now);
      return { allowed: true };
    }
    const oldest = log[0] ?? now;
    return { allowed: false, retryAfterMs: Math.max(oldest + this.windowMs - now, 0) };
  }

  /** Forgets every window. */
  reset(): void {
    this.#logs.clear();
  }
}

/** '2' (ceil seconds, at least 1) or '0.043' (ms precision, at least 0.001). */
export function formatRetryAfter(ms: number, format: 'integer' | 'fractional'): string {
  if (format === 'integer') return String(Math.max(1, Math.ceil(ms / 1000)));
  return (Math.max(1, Math.ceil(ms)) / 1000).toFixed(3);
}
