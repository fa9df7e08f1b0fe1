import { errorMessage } from '../../core/error-message.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import { CURRENT, PENDING, type SecretDescription } from '../../core/model/secret-versions.js';
import type { ManagedClientSecret, OAuthClientsApi } from '../../core/ports.js';
import { creatableRequestOf } from '../in-run-rotation/creatable-request-of.js';
import { createAndStoreClient } from '../in-run-rotation/create-and-store-client.js';
import type { SecretSlot } from '../in-run-rotation/store-or-roll-back.js';
import { withAttempts } from '../in-run-rotation/with-attempts.js';
import { CredentialRefusedError, isCredentialRefusal } from './credential-refusal.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';
import { janitorSessionFor } from './tenant-credentials.js';
import { isRevokeToken } from '../../core/model/revoke-token.js';
import { stepDoor } from './step-door.js';
import type { Door } from '../door/door.js';
import { rollBackOwnCreation } from '../door/roll-back-own-creation.js';

/**
 * The rotation steps for a managed client secret (`{"clientId","clientSecret","baseUrl",
 * "rotatedAt","previousClientId"}`). The janitor acts in ISC with its own credentials for the
 * client's tenant; the client being rotated never acts for itself. Each step returns what it did.
 */

/**
 * createSecret: a successor with the current client's configuration, its secret put as AWSPENDING
 * under the rotation's token. Nothing to do when that version already holds a value (a repeated
 * call). If the secret cannot be stored, the successor is deleted again: no orphan.
 */
export async function createManagedSecret(secret: SecretDescription, token: string, deps: SecretRotationDeps): Promise<string> {
  const store = deps.managedSecrets;
  const current = await currentValue(secret, deps);
  const held = await store.readStage(secret.arn, PENDING, token);
  if (held) return `version ${token} already holds successor ${held.clientId}; nothing to do`;
  const session = await janitorSessionFor(current.baseUrl, deps);
  const { clients } = session;
  const door = stepDoor(session, deps, { store, description: secret });
  // A revoke rotates at once: the leaked client and the unretired predecessor are disabled at finishSecret.
  if (!isRevokeToken(token)) await refuseOverUnretiredPredecessor(clients, current);
  const client = await clients.get(current.clientId);
  if (!client.enabled) throw new Error(`client ${current.clientId} in secret ${secret.name} is disabled; a disabled client is not rotated`);
  const removed = await removeEarlierAttempts(clients, door, current, client.name, deps);

  const slot: SecretSlot = {
    name: secret.name,
    write: async (value) => {
      await store.putPending(secret.arn, token, value);
      return secret.arn;
    },
    read: () => store.readStage(secret.arn, PENDING, token),
  };
  const creation = { api: clients, door, baseUrl: current.baseUrl, clock: deps.clock, logger: deps.logger, retry: deps.retry };
  const stored = await createAndStoreClient(creation, creatableRequestOf(client), slot, current.clientId);
  const cleaned = removed.length > 0 ? `; ${removed.join(', ')}, left by an attempt that died before storing its secret, deleted first` : '';
  return `successor ${stored.clientId} of client ${current.clientId} created; its secret is AWSPENDING in version ${token}${cleaned}`;
}

/**
 * An earlier attempt of this step that died between ISC's create and the secret's put left a
 * successor nobody has the secret of. It carries the client's name, was created after the last
 * rotation, is neither the current nor the previous client, and was never used (nobody could
 * use it): deleted, through the door as a left-over, before a new successor is made. A client
 * that was used, or that a stage of this secret refers to, is somebody's: the door keeps it.
 */
async function removeEarlierAttempts(clients: OAuthClientsApi, door: Door, current: ManagedClientSecret, name: string | null, deps: SecretRotationDeps): Promise<string[]> {
  const rotatedAt = parseIsoDate(current.rotatedAt);
  if (!name || !rotatedAt) return [];
  const { clients: all } = await clients.list();
  const orphans = all.filter(
    (other) =>
      other.name === name &&
      other.id !== current.clientId &&
      other.id !== current.previousClientId &&
      other.lastUsed === null &&
      (parseIsoDate(other.created)?.getTime() ?? -Infinity) > rotatedAt.getTime(),
  );
  const removed: string[] = [];
  for (const orphan of orphans) {
    const result = await door.pass({
      credential: 'oauth-client',
      operation: 'delete',
      id: orphan.id,
      name,
      reason: 'left-over',
      because: `successor of ${current.clientId} made by an earlier attempt that died before storing its secret`,
      recheck: (fresh) => ('enabled' in fresh && fresh.name === name ? undefined : 'renamed since it was listed'),
    });
    if (result.outcome === 'failed') throw new Error(`the left-over ${orphan.id} of an earlier attempt could not be deleted: ${result.error?.message ?? 'no detail'}`);
    if (result.outcome !== 'done') continue;
    removed.push(orphan.id);
    deps.logger?.warn('successor of an earlier, interrupted attempt deleted', { clientId: orphan.id, name });
  }
  return removed;
}

/**
 * testSecret: the successor must work. With the client-credentials grant it must get an access
 * token with its own pending credentials (given a moment: ISC takes a little while to accept a
 * new client); without it, ISC must show it enabled. If ISC refuses it, the rotation is rolled
 * back (successor deleted, AWSPENDING dropped), so AWSCURRENT is untouched and nothing is orphaned.
 */
export async function testManagedSecret(secret: SecretDescription, token: string, deps: SecretRotationDeps): Promise<string> {
  const store = deps.managedSecrets;
  const pending = await store.readStage(secret.arn, PENDING, token);
  if (!pending) throw new Error(`version ${token} of secret ${secret.name} holds no value: createSecret has not stored a successor`);
  const current = await store.readStage(secret.arn, CURRENT);
  const session = await janitorSessionFor(pending.baseUrl, deps);
  const { clients } = session;
  try {
    const successor = await clients.get(pending.clientId);
    if (!successor.enabled) throw new CredentialRefusedError(`client ${pending.clientId} is disabled`);
    if (!(successor.grantTypes ?? []).includes('CLIENT_CREDENTIALS')) return `client ${pending.clientId} is enabled (it has no client-credentials grant to test a token with)`;
    const { attempts, delayMs } = deps.propagation;
    await withAttempts(() => deps.isc.requestToken({ baseUrl: pending.baseUrl, clientId: pending.clientId, clientSecret: pending.clientSecret }), attempts, delayMs);
    return `client ${pending.clientId} got an access token with the pending credentials`;
  } catch (error) {
    // A copy of the current value (AWS tests a new rotation configuration that way) is never rolled back.
    if (!isCredentialRefusal(error) || !current || current.clientId === pending.clientId) throw error;
    throw await rollBack(secret, token, pending, current, stepDoor(session, deps), errorMessage(error), deps);
  }
}

/** Delete the refused successor and drop AWSPENDING; the error says what happened either way. */
async function rollBack(
  secret: SecretDescription,
  token: string,
  pending: ManagedClientSecret,
  current: ManagedClientSecret,
  door: Door,
  why: string,
  deps: SecretRotationDeps,
): Promise<Error> {
  const { attempts, delayMs } = deps.retry;
  const failed = `testSecret: successor ${pending.clientId} failed its test (${why})`;
  const because = `successor of ${current.clientId} in ${secret.name} failed its test (${why})`;
  try {
    await withAttempts(() => rollBackOwnCreation(door, { kind: 'oauth-client', id: pending.clientId, name: '', because }), attempts, delayMs);
    await withAttempts(() => deps.managedSecrets.dropPending(secret.arn, token), attempts, delayMs);
  } catch (error) {
    return new Error(`${failed}, and rolling back failed (${errorMessage(error)}): delete client ${pending.clientId} by hand; AWSCURRENT (${current.clientId}) is unchanged`);
  }
  deps.logger?.warn('rotation rolled back', { secret: secret.name, successor: pending.clientId, current: current.clientId });
  return new Error(`${failed}; it was deleted again and version ${token} is no longer AWSPENDING: AWSCURRENT (${current.clientId}) is unchanged`);
}

/**
 * Before finishSecret promotes it: the pending client must still exist, be the one asked for and
 * be enabled. The nightly run or a person may have deleted or disabled it since testSecret;
 * promoting it would hand every consumer a secret ISC refuses.
 */
export async function checkManagedSuccessor(pending: ManagedClientSecret, deps: SecretRotationDeps): Promise<void> {
  const { clients } = await janitorSessionFor(pending.baseUrl, deps);
  let successor;
  try {
    successor = await clients.get(pending.clientId);
  } catch (error) {
    if (isIscApiError(error) && error.status === 404) {
      throw new Error(`finishSecret refused: the pending client ${pending.clientId} is gone from ISC; AWSCURRENT is unchanged, rotate again`, { cause: error });
    }
    throw error;
  }
  if (successor.id !== pending.clientId) {
    throw new Error(`finishSecret refused: ISC answered for ${pending.clientId} with client ${successor.id}; AWSCURRENT is unchanged`);
  }
  if (!successor.enabled) {
    throw new Error(`finishSecret refused: the pending client ${pending.clientId} is disabled in ISC; AWSCURRENT is unchanged, rotate again`);
  }
}

async function currentValue(secret: SecretDescription, deps: SecretRotationDeps): Promise<ManagedClientSecret> {
  const current = await deps.managedSecrets.readStage(secret.arn, CURRENT);
  if (!current) throw new Error(`secret ${secret.name} has no AWSCURRENT value to rotate`);
  return current;
}

/**
 * A new rotation while the last one's predecessor is still enabled would overwrite
 * `previousClientId`, and nothing would ever retire that client. The nightly run retires it
 * `overlapDays` after the rotation once nobody uses it; until then this rotation waits (fails,
 * visibly, with the reason).
 */
async function refuseOverUnretiredPredecessor(clients: OAuthClientsApi, current: ManagedClientSecret): Promise<void> {
  const previous = current.previousClientId;
  if (!previous || previous === current.clientId) return;
  try {
    if (!(await clients.get(previous)).enabled) return;
  } catch (error) {
    if (isIscApiError(error) && error.status === 404) return;
    throw error;
  }
  throw new Error(
    `the previous rotation is not finished: predecessor ${previous} is still enabled (the nightly run disables it once the overlap has passed and nobody uses it); not rotated again yet`,
  );
}
