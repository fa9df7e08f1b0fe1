/**
 * What the ISC client tells its owner about, for logs and benchmark counters. Plain data with
 * ids, paths and timings only: never a secret or a token.
 */
export type IscClientEvent =
  /** Waited for the client-side pacing window before starting a request. */
  | { readonly type: 'paced'; readonly method: string; readonly path: string; readonly waitMs: number }
  /** ISC answered 429; the call waits `delayMs` (Retry-After when given) and tries again. */
  | {
      readonly type: 'rate-limited';
      readonly method: string;
      readonly path: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly retryAfterMs: number | undefined;
    }
  /** A transient failure (5xx, network, timeout) on an idempotent call; retried after `delayMs`. */
  | {
      readonly type: 'retry';
      readonly method: string;
      readonly path: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: 'server-error' | 'network' | 'timeout';
      readonly status?: number;
    }
  /**
   * A token was issued. `initial`: first use; `expiring`: the cached one was about to expire;
   * `rejected`: an API call got 401 with the cached one.
   */
  | {
      readonly type: 'token';
      readonly reason: 'initial' | 'expiring' | 'rejected';
      readonly clientId: string;
      readonly expiresInSeconds: number;
    }
  /** The token endpoint refused the credential; the credentials source was re-read once. */
  | { readonly type: 'credentials-reloaded'; readonly previousClientId: string; readonly clientId: string }
  /** An API call got 401; it is retried once with a fresh token. */
  | { readonly type: 'auth-retry'; readonly method: string; readonly path: string };

export type IscClientEventListener = (event: IscClientEvent) => void;

/** A listener that throws must not break the request that reported the event. */
export function safeEmitter(listener: IscClientEventListener | undefined): IscClientEventListener {
  return (event) => {
    if (!listener) return;
    try {
      listener(event);
    } catch {
      // Deliberately ignored: observability must never change the outcome of a call.
    }
  };
}
