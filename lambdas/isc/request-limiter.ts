/**
 * Client-side pacing: at most `requests` starts per sliding `windowMs`, shared by every caller of
 * one ISC client, waiters served first-come first-served. ISC allows 100 requests per token per
 * 10 s; staying a little under (default 95) means a busy run rarely sees a 429 at all.
 * After a 429 the client calls `pauseFor(retryAfter)` so the other callers wait too instead of
 * each collecting its own 429.
 */

export interface RequestLimiterOptions {
  readonly requests: number;
  readonly windowMs: number;
  /** Injectable for tests; default Date.now. */
  readonly now?: () => number;
  /** Injectable for tests; default a setTimeout promise. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RequestLimiter {
  /** Resolves when the caller may start its request, with the milliseconds it waited. */
  acquire(): Promise<number>;
  /** Hold every start for `ms` (e.g. the Retry-After of a 429 seen by any caller). */
  pauseFor(ms: number): void;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRequestLimiter(options: RequestLimiterOptions): RequestLimiter {
  const { requests, windowMs } = options;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError('rateLimit.requests must be an integer >= 1');
  if (!(windowMs > 0)) throw new RangeError('rateLimit.windowMs must be > 0');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;

  const starts: number[] = []; // start times inside the current window, oldest first
  const queue: Array<{ readonly enqueuedAt: number; readonly resolve: (waited: number) => void }> = [];
  let pausedUntil = 0;
  let pumping = false;

  // One pump serves the queue in order; it runs synchronously while there is capacity, so an
  // idle limiter grants without a timer.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const t = now();
        while (starts.length > 0 && (starts[0] as number) + windowMs <= t) starts.shift();
        const windowWait = starts.length < requests ? 0 : (starts[0] as number) + windowMs - t;
        const wait = Math.max(windowWait, pausedUntil - t);
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        starts.push(t);
        const waiter = queue.shift() as (typeof queue)[number];
        waiter.resolve(t - waiter.enqueuedAt);
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire(): Promise<number> {
      return new Promise<number>((resolve) => {
        queue.push({ enqueuedAt: now(), resolve });
        void pump();
      });
    },
    pauseFor(ms: number): void {
      if (ms > 0) pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}
