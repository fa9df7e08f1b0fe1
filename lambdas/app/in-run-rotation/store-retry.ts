/**
 * How often a secret-store write (or the rollback of a successor whose secret could not be
 * stored) is tried, and the first pause, doubled after each try. Normalized once where a run or a
 * governed creation starts; the steps below read it as it is.
 */
export interface StoreRetry {
  readonly attempts: number;
  readonly delayMs: number;
}

/** What callers may set: the store's own retries are short, a rollback must not wait long. */
export interface StoreRetryOptions {
  /** @default 3 */
  readonly attempts?: number | undefined;
  /** @default 200 */
  readonly retryDelayMs?: number | undefined;
}

export function normalizeStoreRetry(options: StoreRetryOptions = {}): StoreRetry {
  return Object.freeze({ attempts: options.attempts ?? 3, delayMs: options.retryDelayMs ?? 200 });
}
