import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import type { Policy } from '../../core/model/policy.js';
import type { OAuthClientsApi, SecretStore } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';
import { checkCreationRequest } from '../../core/rules/check-creation-request.js';
import { managedSecretName } from '../../core/secret-name.js';
import { oauthClientRequestSchema, type OAuthClientRequest } from '../../core/model/oauth-client.js';
import { createAndStoreClient, managedSecretSlot, managedSecretTags, type StoredClient } from './create-and-store-client.js';
import { handOverToRotation } from './hand-over-to-rotation.js';
import type { DoorKey } from '../door/door.js';
import { standaloneDoorRun } from '../door/standalone-door-run.js';
import { normalizeStoreRetry, type StoreRetryOptions } from './store-retry.js';

declare const governed: unique symbol;

/** A create request that passed the schema and the policy's `creation` rules: only governedRequestOf makes one. */
export type GovernedRequest = OAuthClientRequest & { readonly [governed]: true };

export interface CreateGovernedClientInput {
  readonly api: OAuthClientsApi;
  /** Opens the door a roll-back of the new client goes through. */
  readonly door: DoorKey;
  readonly store: SecretStore;
  /** Tenant label: part of the secret name `{secretPrefix}{tenant}/{client name slug}`. */
  readonly tenant: string;
  readonly baseUrl: string;
  /** `policy.rotation.secretPrefix`. */
  readonly secretPrefix: string;
  readonly request: GovernedRequest;
  readonly clock: () => Date;
  readonly logger?: RunLogger;
  /** Store/delete attempts and their pause (tests shorten them). */
  readonly retry?: StoreRetryOptions;
  /** Hand the new secret to Secrets Manager rotation every so many days (`rotation.maxAgeDays`), where the store can. */
  readonly rotationAfterDays?: number;
}

const SOURCE = 'client create request';

/** Governed creation removes no token: the door's token reads list none. */
const NO_TOKENS = { list: () => Promise.resolve({ tokens: [], unreadable: [] }) };

/**
 * A CreateOAuthClientRequest from outside (event, file) checked against the schema and the
 * policy's `creation` block, or a ConfigError naming every field outside it (exit 2 in the CLI,
 * a thrown error in the Lambda). Callers run it before connecting to ISC: a refused request
 * costs no token, no secret read and creates nothing.
 */
export function governedRequestOf(raw: unknown, creation: Policy['creation']): GovernedRequest {
  const parsed = oauthClientRequestSchema.safeParse(raw);
  if (!parsed.success) throw configErrorFromZod(SOURCE, parsed.error, { input: raw, schema: oauthClientRequestSchema });
  const verdict = checkCreationRequest(parsed.data, creation);
  if (!verdict.allowed) {
    const lines = verdict.problems.map((problem) => `${problem.field}: ${problem.reason}`);
    throw new ConfigError(`Invalid ${SOURCE}: ${lines.join('; ')}`, verdict.problems.map((problem) => problem.field));
  }
  return parsed.data as GovernedRequest;
}

/**
 * Governed creation: a new client whose secret goes straight into the store, never to
 * the caller. The request was checked by governedRequestOf (the type proves it).
 * Returns where the secret is, never the secret; the same rollback as rotation applies.
 */
export async function createGovernedClient(input: CreateGovernedClientInput): Promise<StoredClient> {
  const { request } = input;
  const secretName = managedSecretName(input.secretPrefix, input.tenant, request.name);
  // The same name governed twice would overwrite the first client's secret: refuse instead.
  const existing = await input.store.read(secretName);
  if (existing) {
    throw new ConfigError(
      `Invalid ${SOURCE}: client.name: a managed secret already exists at ${secretName} (client ${existing.clientId}); choose another name`,
      ['client.name'],
    );
  }
  const door = input.door.open(standaloneDoorRun({ clock: input.clock, read: { clients: input.api, pats: NO_TOKENS }, logger: input.logger }));
  const stored = await createAndStoreClient(
    {
      api: input.api,
      door,
      baseUrl: input.baseUrl,
      clock: input.clock,
      logger: input.logger,
      retry: normalizeStoreRetry(input.retry),
    },
    request,
    managedSecretSlot(input.store, secretName, managedSecretTags(request.name)),
    null,
  );
  const rotation = input.rotationAfterDays === undefined ? undefined : await handOverToRotation(input.store, secretName, input.rotationAfterDays, input.logger);
  input.logger?.info('governed client created', { clientId: stored.clientId, secretArn: stored.secretArn, ...(rotation ? { rotation } : {}) });
  return rotation ? { ...stored, rotation } : stored;
}

