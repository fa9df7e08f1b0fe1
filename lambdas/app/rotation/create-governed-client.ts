import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import type { OAuthClientsApi, SecretStore } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';
import { managedSecretName } from '../../core/secret-name.js';
import { oauthClientRequestSchema } from '../../core/model/oauth-client.js';
import { createAndStoreClient, type StoredClient } from './create-and-store-client.js';
import { normalizeStoreRetry, type StoreRetryOptions } from './store-retry.js';

export interface CreateGovernedClientInput {
  readonly api: OAuthClientsApi;
  readonly store: SecretStore;
  /** Tenant label: part of the secret name `{secretPrefix}{tenant}/{client name slug}`. */
  readonly tenant: string;
  readonly baseUrl: string;
  /** `policy.rotation.secretPrefix`. */
  readonly secretPrefix: string;
  /** A OAuthClientRequest from outside (event, file): validated here. */
  readonly request: unknown;
  readonly clock: () => Date;
  readonly logger?: RunLogger;
  /** Store/delete attempts and their pause (tests shorten them). */
  readonly retry?: StoreRetryOptions;
}

const EMPTY_SCOPE =
  'Invalid client create request: client.scope: an empty scope grants sp:scopes:all; list the scopes the client needs';

/**
 * Governed creation: a new client whose secret goes straight into the store, never to
 * the caller. Refuses a missing or empty `scope`, which ISC would turn into sp:scopes:all.
 * Returns where the secret is, never the secret; the same rollback as rotation applies.
 */
export async function createGovernedClient(input: CreateGovernedClientInput): Promise<StoredClient> {
  const parsed = oauthClientRequestSchema.safeParse(input.request);
  if (!parsed.success) throw configErrorFromZod('client create request', parsed.error);
  const request = parsed.data;
  if (!request.scope || request.scope.length === 0 || request.scope.some((scope) => scope.trim() === '')) {
    throw new ConfigError(EMPTY_SCOPE, ['client.scope']);
  }
  const secretName = managedSecretName(input.secretPrefix, input.tenant, request.name);
  // The same name governed twice would overwrite the first client's secret: refuse instead.
  const existing = await input.store.read(secretName);
  if (existing) {
    throw new ConfigError(
      `Invalid client create request: client.name: a managed secret already exists at ${secretName} (client ${existing.clientId}); choose another name`,
      ['client.name'],
    );
  }
  const stored = await createAndStoreClient(
    {
      api: input.api,
      store: input.store,
      baseUrl: input.baseUrl,
      clock: input.clock,
      logger: input.logger,
      retry: normalizeStoreRetry(input.retry),
    },
    request,
    secretName,
    null,
  );
  input.logger?.info('governed client created', { clientId: stored.clientId, secretArn: stored.secretArn });
  return stored;
}

