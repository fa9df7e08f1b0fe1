import ky, { type KyInstance } from 'ky';
import type { CredentialsSource, IscCredentials } from './isc-client-config.js';

/** The ky instance every ISC request goes through (API calls and token requests). */
export function iscHttp(baseUrl: string): KyInstance {
  // retry: 0 and throwHttpErrors: false: sendWithRetry owns retries and statuses (see its comment).
  // redirect: 'manual': a redirect would re-send the PAT secret or the bearer token to wherever
  // the Location points; a 3xx is returned as it is and becomes an error naming that host.
  return ky.create({ prefixUrl: `${baseUrl}/`, retry: 0, throwHttpErrors: false, timeout: false, redirect: 'manual' });
}

/** Fixed credentials as a source (nothing to re-read on a 401). */
export function credentialsSourceOf(credentials: IscCredentials | CredentialsSource): CredentialsSource {
  return 'get' in credentials ? credentials : { get: async () => credentials };
}
