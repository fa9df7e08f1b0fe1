import { ConfigError } from '../../core/config-error.js';
import type { IscConnector, IscSession, JanitorSecret } from '../../core/ports.js';
import { createIscClient } from './create-isc-client.js';
import { API_VERSIONS, type IscApiVersion, type IscClientConfig } from './isc-client-config.js';
import { requestAccessToken } from './request-access-token.js';

export type IscConnectorOptions = Partial<Omit<IscClientConfig, 'baseUrl' | 'credentials' | 'apiVersion'>>;

/**
 * ISC connections for credentials known only at run time (the rotation steps): a fresh client
 * per connection, so a token issued for one credential is never used for another. Tuning (retry
 * delays, pacing, events) is shared by every connection.
 */
export function createIscConnector(options: IscConnectorOptions = {}): IscConnector {
  return {
    async connect(credentials: JanitorSecret): Promise<IscSession> {
      const api = createIscClient({
        ...options,
        baseUrl: credentials.baseUrl,
        apiVersion: apiVersionOf(credentials.apiVersion),
        credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
      });
      return { baseUrl: api.baseUrl, apiVersion: api.apiVersion, clients: api, personalAccessTokens: api.personalAccessTokens };
    },
    requestToken: (credentials) =>
      requestAccessToken({ ...options, baseUrl: credentials.baseUrl, credentials: { clientId: credentials.clientId, clientSecret: credentials.clientSecret } }),
  };
}

function apiVersionOf(version: string | undefined): IscApiVersion {
  if (version === undefined) return 'v3';
  if ((API_VERSIONS as readonly string[]).includes(version)) return version as IscApiVersion;
  throw new ConfigError(`Invalid apiVersion in the credentials secret: must be one of ${API_VERSIONS.join(', ')}`, ['apiVersion']);
}
