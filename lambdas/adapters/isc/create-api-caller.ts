import type { KyInstance } from 'ky';
import { apiErrorFromResponse, type IscResponse } from './decode-response.js';
import { IscAuthError } from '../../core/isc-api-error.js';
import type { IscClientEventListener } from './isc-client-event.js';
import type { RequestLimiter } from './request-limiter.js';
import type { RetrySettings } from './retry-policy.js';
import { sendWithRetry } from './send-with-retry.js';
import type { TokenProvider } from './token-provider.js';

/** One call to the OAuth clients API. `idempotent` decides whether 5xx/network errors are retried. */
export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `/v3/oauth-clients/...`: also what errors and events show. */
  readonly path: string;
  readonly idempotent: boolean;
  /** Already encoded, without `?`. */
  readonly query?: string;
  readonly body?: string;
  readonly contentType?: string;
}

export interface ApiCallerOptions {
  readonly http: KyInstance;
  readonly tokens: TokenProvider;
  /** The pacer for the credential that got the token (see pacingBudget); undefined: no pacing. */
  readonly limiterFor: ((clientId: string) => RequestLimiter) | undefined;
  readonly retry: RetrySettings;
  readonly timeoutMs: number;
  /** The cap on each response body (see IscClientConfig.maxResponseBytes). */
  readonly maxResponseBytes: number;
  readonly emit: IscClientEventListener;
  /** The run's stop signal (see IscClientConfig.signal). */
  readonly signal?: AbortSignal;
}

/**
 * Paced, retried per policy, and re-authenticated once: a 401 drops the token, fetches a fresh
 * one and retries the call once (a revoked or early-expired token); a second 401 means the
 * credential itself is refused. Returns any other response for the caller to judge.
 */
export function createApiCaller(options: ApiCallerOptions): (call: ApiCall) => Promise<IscResponse> {
  const { http, tokens, emit } = options;
  return async (c) => {
    for (let reauthenticated = false; ; reauthenticated = true) {
      const token = await tokens.get();
      const limiter = options.limiterFor?.(tokens.clientId());
      const res = await sendWithRetry({
        method: c.method,
        path: c.path,
        idempotent: c.idempotent,
        retry: options.retry,
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        ...(options.signal ? { signal: options.signal } : {}),
        limiter,
        emit,
        send: (signal) =>
          http(c.path.slice(1), {
            method: c.method,
            signal,
            headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(c.contentType ? { 'content-type': c.contentType } : {}) },
            ...(c.body === undefined ? {} : { body: c.body }),
            ...(c.query === undefined ? {} : { searchParams: c.query }),
          }),
      });
      if (res.status !== 401) return res;
      if (reauthenticated) {
        const { messages } = apiErrorFromResponse(res, c);
        const why = messages.length > 0 ? `: ${messages.join('; ')}` : '';
        throw new IscAuthError(
          `${c.method} ${c.path} failed: ISC rejected the credential for client id ${tokens.clientId()} (401 even with a freshly issued token${why})`,
          { status: 401, method: c.method, path: c.path, clientId: tokens.clientId(), messages },
        );
      }
      tokens.reject(token);
      emit({ type: 'auth-retry', method: c.method, path: c.path });
    }
  };
}
