/**
 * When to try an ISC request again, as pure functions (the request loop does the waiting).
 *
 * - 429: ISC did not process the request, so every method is retried, after exactly the
 *   `Retry-After` seconds (fractional allowed), or exponential backoff with jitter when absent.
 * - 5xx, network errors, timeouts: retried with backoff only for idempotent calls (GET, DELETE,
 *   the disable PATCH, the token POST). A create POST may have been processed: retrying could
 *   make a duplicate client, so it is never retried on these.
 */

export interface RetrySettings {
  /** Total attempts, first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type AttemptOutcome =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterMs?: number | undefined }
  | { readonly kind: 'network' }
  | { readonly kind: 'timeout' };

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: 'rate-limited' | 'server-error' | 'network' | 'timeout' }
  | { readonly retry: false };

/** 5xx that say "try again"; 501/505 and friends will not get better on a retry. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** `Retry-After` as milliseconds: delta-seconds (fractional allowed) or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/[a-z]/i.test(trimmed)) return undefined; // "-1", "1e3": not delta-seconds, not a date
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so a delay never collapses to 0. */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After is honoured as given, however it compares to `maxDelayMs` (which caps backoff only):
 * waiting less would just earn another 429. Above this ceiling the server is misbehaving (ISC's
 * window is 10 s) and waiting would burn the run's time budget, so the call gives up instead.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** `attempt` is the number of the attempt that just failed (1 for the first). */
export function decideRetry(
  outcome: AttemptOutcome,
  attempt: number,
  idempotent: boolean,
  settings: RetrySettings,
  random: () => number = Math.random,
): RetryDecision {
  if (attempt >= settings.attempts) return { retry: false };
  if (outcome.kind === 'status') {
    if (outcome.status === 429) {
      if (outcome.retryAfterMs !== undefined) {
        return outcome.retryAfterMs <= MAX_RETRY_AFTER_MS
          ? { retry: true, delayMs: outcome.retryAfterMs, reason: 'rate-limited' }
          : { retry: false };
      }
      return { retry: true, delayMs: backoffDelay(attempt, settings, random), reason: 'rate-limited' };
    }
    if (TRANSIENT_STATUSES.has(outcome.status) && idempotent) {
      return { retry: true, delayMs: backoffDelay(attempt, settings, random), reason: 'server-error' };
    }
    return { retry: false };
  }
  if (!idempotent) return { retry: false };
  return { retry: true, delayMs: backoffDelay(attempt, settings, random), reason: outcome.kind };
}
