import type { RunLogger } from '../../core/run-logger.js';
import type { CredentialsSource, IscApiVersion, IscClient, IscClientConfig, IscCredentials } from './index.js';
import { createIscClient } from './index.js';

/** Credentials that also say where the tenant is: a Secrets Manager value, or SAIL_* variables. */
export interface TenantCredentials extends IscCredentials {
  readonly baseUrl: string;
  readonly apiVersion?: IscApiVersion;
}

export interface TenantCredentialsSource extends CredentialsSource {
  get(): Promise<TenantCredentials>;
}

export interface IscConnection {
  readonly api: IscClient;
  readonly baseUrl: string;
  /** The janitor's own client id: always exempt from every action. */
  readonly selfClientId: string;
}

/**
 * Build the ISC client the same way for the Lambda and the CLI: base URL and API version from
 * the credentials (an explicit version wins), credentials re-read through the source on a 401,
 * retries and 429s logged (never a secret: the client's events carry none).
 */
export async function connectIsc(
  source: TenantCredentialsSource,
  options: { apiVersion?: IscApiVersion; logger: RunLogger; client?: Partial<Omit<IscClientConfig, 'baseUrl' | 'credentials'>> },
): Promise<IscConnection> {
  const first = await source.get();
  const apiVersion = options.apiVersion ?? first.apiVersion ?? 'v3';
  const api = createIscClient({
    ...options.client,
    baseUrl: first.baseUrl,
    apiVersion,
    credentials: source,
    onEvent: (event) => {
      options.client?.onEvent?.(event);
      options.logger.debug('isc client', { ...event });
    },
  });
  return { api, baseUrl: api.baseUrl, selfClientId: first.clientId };
}
