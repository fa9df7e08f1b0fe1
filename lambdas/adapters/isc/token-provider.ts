import type { KyInstance } from 'ky';
import type { CredentialsSource, IscCredentials } from './isc-client-config.js';
import type { IscClientEventListener } from './isc-client-event.js';
import { IscAuthError } from '../../core/isc-api-error.js';
import { knownSecrets } from '../../core/known-secrets.js';
import { sendWithRetry } from './send-with-retry.js';
import { apiErrorFromResponse, decodeResponse } from './decode-response.js';
import type { RetrySettings } from './retry-policy.js';
import { tokenResponseSchema } from './oauth-client-schemas.js';

/**
 * Client-credentials tokens from `POST {base}/oauth/token`. The token and the credentials live
 * only in this closure (never on an object that could be logged or serialized).
 * - Cached until shortly before `expires_in`: 60 s early, or 10% of the lifetime when shorter.
 * - Concurrent callers share one in-flight token request.
 * - A 401 from the token endpoint re-reads the credentials source once (a rotated secret).
 */
export interface TokenProvider {
  /** A valid access token (cached, or fetched now). */
  get(): Promise<string>;
  /** Drop `token` if it is still the cached one (an API call got 401 with it). */
  reject(token: string): void;
  /** The client id of the last credentials read, for error messages; never the secret. */
  clientId(): string;
}

export interface TokenProviderOptions {
  readonly http: KyInstance;
  readonly credentials: CredentialsSource;
  readonly retry: RetrySettings;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly emit: IscClientEventListener;
  /** The run's stop signal (see IscClientConfig.signal). */
  readonly signal?: AbortSignal;
}

const TOKEN_PATH = '/oauth/token';

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { http, retry, now, emit } = options;
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let credentials: IscCredentials | undefined;
  let lastClientId = '(unknown)';
  let fetchedBefore = false;
  let rejectedSinceFetch = false;

  const requestToken = async (creds: IscCredentials) => {
    knownSecrets.register(creds.clientSecret); // before it is sent: an echo of it is redacted everywhere
    return sendWithRetry({
      method: 'POST',
      path: TOKEN_PATH,
      idempotent: true, // issuing a token twice is harmless
      retry,
      emit,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      send: (signal) =>
        http.post('oauth/token', {
          signal,
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret }),
          headers: { accept: 'application/json' },
        }),
    });
  };

  const authError = (clientId: string, status: number, reloaded: boolean) =>
    new IscAuthError(
      `ISC rejected the credential for client id ${clientId} at POST ${TOKEN_PATH} (${status})` +
        (reloaded ? ' even after re-reading the credentials' : '') +
        ': check the client id and secret (a PAT is needed to manage OAuth clients)',
      { status, method: 'POST', path: TOKEN_PATH, clientId },
    );

  const fetchToken = async (): Promise<string> => {
    credentials ??= await options.credentials.get();
    lastClientId = credentials.clientId;
    let requestedAt = now(); // the lifetime starts when ISC issues it, not when we read it
    let res = await requestToken(credentials);
    let reloaded = false;
    if (res.status === 401 && options.credentials.refresh) {
      const previousClientId = credentials.clientId;
      credentials = await options.credentials.refresh();
      lastClientId = credentials.clientId;
      reloaded = true;
      emit({ type: 'credentials-reloaded', previousClientId, clientId: credentials.clientId });
      requestedAt = now();
      res = await requestToken(credentials);
    }
    const ctx = { method: 'POST', path: TOKEN_PATH };
    if (res.status === 401) throw authError(credentials.clientId, res.status, reloaded);
    if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, ctx);
    const body = decodeResponse(tokenResponseSchema, res, ctx);
    knownSecrets.register(body.access_token);
    const ttlMs = body.expires_in * 1000;
    cached = { token: body.access_token, refreshAt: requestedAt + ttlMs - Math.min(60_000, ttlMs * 0.1) };
    const reason = !fetchedBefore ? 'initial' : rejectedSinceFetch ? 'rejected' : 'expiring';
    fetchedBefore = true;
    rejectedSinceFetch = false;
    emit({ type: 'token', reason, clientId: credentials.clientId, expiresInSeconds: body.expires_in });
    return body.access_token;
  };

  return {
    get(): Promise<string> {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    reject(token: string): void {
      if (cached?.token === token) {
        cached = undefined;
        rejectedSinceFetch = true;
      }
    },
    clientId: () => lastClientId,
  };
}
