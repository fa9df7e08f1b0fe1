/**
 * Client-side pacing of one rate-limit budget, waiters served first-come first-served: at most
 * `requests` slots are held at once, and a slot is held for at least `windowMs`. ISC allows 100
 * requests per client_id and API version per 10 s (pacingBudget keeps one limiter per such pair,
 * shared by every ISC client of the process); staying a little under (default 95) means a busy
 * run rarely sees a 429 at all.
 *
 * When a slot frees. ISC counts a request when it handles it, some time after we started it,
 * and that delay varies. Freeing a slot exactly `windowMs` after the start lets the next request
 * be counted less than a window after the previous one whenever it travels faster: at a window
 * edge, a 429. So a slot is held while its request is in flight, then until
 *   start + windowMs + (this response's time - the fastest response time seen).
 * The fastest round trip is what every request pays; whatever this one took beyond it is how
 * much later the server may have counted it, and the slot's next request waits that much longer.
 * A slow response costs its slot a little time, never a 429.
 *
 * After a 429 the client calls `pauseFor(retryAfter)`: every caller waits, then starts are spread
 * out for a window instead of all leaving together (see `spreadUntil`).
 */

export interface RequestLimiterOptions {
  readonly requests: number;
  readonly windowMs: number;
  /** Injectable for tests; default Date.now. */
  readonly now?: () => number;
  /** Injectable for tests; default a setTimeout promise that `signal` cuts short. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** A granted start. The caller must call `done()` when the attempt ends (in a `finally`). */
export interface RequestSlot {
  /** Milliseconds the caller waited for the slot. */
  readonly waitedMs: number;
  /**
   * The response headers arrived with `status`, or the attempt ended without a response
   * (undefined). Only a 2xx is surely a handled, counted request, so only a 2xx may lower the
   * fastest round trip: a quick 429, 401 or proxy 502 says nothing about it. Calls after the
   * first are ignored.
   */
  done(status?: number): void;
}

export interface RequestLimiter {
  /** Resolves when the caller may start its request. */
  acquire(): Promise<RequestSlot>;
  /** Hold every start for `ms` (e.g. the Retry-After of a 429 seen by any caller). */
  pauseFor(ms: number): void;
}

const realSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export function createRequestLimiter(options: RequestLimiterOptions): RequestLimiter {
  const { requests, windowMs } = options;
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError('rateLimit.requests must be an integer >= 1');
  if (!(windowMs > 0)) throw new RangeError('rateLimit.windowMs must be > 0');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;

  // Held slots; `tookMs` is undefined while the request is in flight.
  let held: Array<{ readonly start: number; tookMs: number | undefined }> = [];
  const queue: Array<{ readonly enqueuedAt: number; readonly resolve: (slot: RequestSlot) => void }> = [];
  let fastestMs = Infinity;
  let pausedUntil = 0;
  // After a pause, starts are spread evenly (one per windowMs / requests) for one window: the
  // server frees its slots one by one, so the whole queue released at once would mostly collect
  // 429s again. Outside that window the full budget may start at once.
  let spreadUntil = 0;
  let lastStart = -Infinity;
  let pumping = false;
  let wake: AbortController | undefined; // cuts the pump's sleep short when a response frees a slot sooner

  // Computed on every look, not once at done(): the first responses of a run (new connections,
  // a burst) are slow, so the fastest time keeps dropping for a while, and a slot released
  // against an early, too-high estimate would come back too soon.
  const freeAt = (slot: (typeof held)[number]): number => {
    if (slot.tookMs === undefined) return Infinity;
    const lateMs = Number.isFinite(fastestMs) ? Math.max(0, slot.tookMs - fastestMs) : 0;
    return slot.start + windowMs + lateMs;
  };

  const grant = (t: number, enqueuedAt: number): RequestSlot => {
    const slot: (typeof held)[number] = { start: t, tookMs: undefined };
    held.push(slot);
    return {
      waitedMs: t - enqueuedAt,
      done(status) {
        if (slot.tookMs !== undefined) return;
        slot.tookMs = now() - slot.start;
        if (status !== undefined && status >= 200 && status < 300) fastestMs = Math.min(fastestMs, slot.tookMs);
        wake?.abort();
      },
    };
  };

  // One pump serves the queue in order; it runs synchronously while there is capacity, so an
  // idle limiter grants without a timer. With every slot in flight it sleeps until a done().
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const t = now();
        held = held.filter((slot) => freeAt(slot) > t);
        const windowWait = held.length < requests ? 0 : Math.min(...held.map(freeAt)) - t;
        const spreadWait = t < spreadUntil ? lastStart + windowMs / requests - t : 0;
        const wait = Math.max(windowWait, pausedUntil - t, spreadWait);
        if (wait > 0) {
          wake = new AbortController();
          await (Number.isFinite(wait) ? sleep(wait, wake.signal) : new Promise((resolve) => wake?.signal.addEventListener('abort', resolve)));
          wake = undefined;
          continue;
        }
        const waiter = queue.shift() as (typeof queue)[number];
        lastStart = t;
        waiter.resolve(grant(t, waiter.enqueuedAt));
      }
    } finally {
      pumping = false;
    }
  };

  return {
    acquire(): Promise<RequestSlot> {
      return new Promise<RequestSlot>((resolve) => {
        queue.push({ enqueuedAt: now(), resolve });
        void pump();
      });
    },
    pauseFor(ms: number): void {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, now() + ms);
      spreadUntil = pausedUntil + windowMs;
    },
  };
}
