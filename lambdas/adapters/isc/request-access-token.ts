import { credentialsSourceOf, iscHttp } from './isc-http.js';
import { normalizeIscClientConfig, type IscClientConfig } from './isc-client-config.js';
import { safeEmitter } from './isc-client-event.js';
import { createTokenProvider } from './token-provider.js';

/**
 * Ask ISC's token endpoint for an access token with the given client credentials, and nothing
 * else: how a rotation tests a new client before anybody uses it. The same retries as every
 * token request (5xx, network); a refusal is an IscAuthError naming the client id. The token
 * itself is dropped.
 */
export async function requestAccessToken(config: IscClientConfig): Promise<void> {
  const cfg = normalizeIscClientConfig(config);
  const tokens = createTokenProvider({ http: iscHttp(cfg.baseUrl), credentials: credentialsSourceOf(cfg.credentials), retry: cfg.retry, timeoutMs: cfg.timeoutMs, now: cfg.now ?? Date.now, emit: safeEmitter(cfg.onEvent) });
  await tokens.get();
}
