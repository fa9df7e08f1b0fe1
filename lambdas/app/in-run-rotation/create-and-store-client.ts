import type { ManagedClientSecret, SecretStore } from '../../core/ports.js';
import type { OAuthClientRequest } from '../../core/model/oauth-client.js';
import { hideSecret } from '../../core/hide-secret.js';
import { rollBackOwnCreation } from '../door/roll-back-own-creation.js';
import { createWithoutOrphans } from './create-without-orphans.js';
import type { ClientCreationDeps } from './rotation-deps.js';
import { storeOrRollBack, type SecretSlot } from './store-or-roll-back.js';

export type { SecretSlot } from './store-or-roll-back.js';

export interface StoredClient {
  readonly clientId: string;
  readonly name: string;
  /** The secret's ARN (Secrets Manager) or file path (directory store): where, never what. */
  readonly secretArn: string;
  /** Whether Secrets Manager rotates the secret from now on, in words (absent: the store cannot). */
  readonly rotation?: string;
}

/** Tags every managed secret carries, so people and IAM can tell what wrote it. */
export function managedSecretTags(clientName: string): Record<string, string> {
  return { 'managed-by': 'isc-oauth-janitor', 'isc-client-name': clientName };
}

/** The managed secret `name` of a SecretStore, as a slot; the new client's id makes retries idempotent. */
export function managedSecretSlot(store: SecretStore, name: string, tags: Readonly<Record<string, string>>): SecretSlot {
  return {
    name,
    write: async (value) => (await store.write(name, value, { idempotencyToken: value.clientId, tags })).arn,
    read: () => store.read(name),
  };
}

/**
 * Create a client and store its secret at once: either the new client exists and its secret is
 * stored, or neither. ISC returns the secret only in the create response, so a client whose
 * secret could not be stored is useless (nobody can ever use it) and is deleted again.
 *
 * The create is never retried (the ISC client does not retry a POST: a lost answer must not make
 * two clients); a client made by a create whose answer was lost is deleted by createWithoutOrphans.
 * The write is retried: its idempotency token is the new client's id, so a retry
 * cannot store twice. When every write fails, the secret is read back first: a write that landed
 * although its answer was lost counts as stored; if that cannot be read, the client is kept and
 * the error names it (never a stored secret for a deleted client). Errors never carry the secret,
 * and the reference is dropped once stored.
 */
export async function createAndStoreClient(
  deps: ClientCreationDeps,
  request: OAuthClientRequest,
  slot: SecretSlot,
  previousClientId: string | null,
): Promise<StoredClient> {
  const created = await createWithoutOrphans(deps, request);
  const clientId = created.id;
  if (clientId === previousClientId) {
    // A successor must be a new client: storing it would point consumers at the predecessor, and
    // rolling it back would delete the client they use. Refused, nothing stored, nothing deleted.
    throw new Error(`ISC answered the create of a successor to ${previousClientId} with that same id; refused: nothing stored, nothing deleted`);
  }
  const name = created.name ?? request.name;
  const value = hideSecret<ManagedClientSecret>(
    { clientId, clientSecret: created.secret, baseUrl: deps.baseUrl, rotatedAt: deps.clock().toISOString(), previousClientId },
    'clientSecret',
  );
  const remove = () => rollBackOwnCreation(deps.door, { kind: 'oauth-client', id: clientId, name, because: `its secret could not be stored at ${slot.name}` });
  const secretArn = await storeOrRollBack({ what: 'client', slot, value, remove, retry: deps.retry, logger: deps.logger });
  return { clientId, name, secretArn };
}
