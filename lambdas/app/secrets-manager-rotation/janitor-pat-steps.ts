import { errorMessage } from '../../core/error-message.js';
import { hideSecret } from '../../core/hide-secret.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import type { CreatedPersonalAccessToken, PersonalAccessTokenRequest } from '../../core/model/personal-access-token.js';
import { CURRENT, PENDING, type SecretDescription } from '../../core/model/secret-versions.js';
import type { IscSession, JanitorSecret } from '../../core/ports.js';
import { planPatSuccessor } from '../../core/rules/plan-pat-successor.js';
import { createCredentialWithoutOrphans, type CreatableCredentials } from '../in-run-rotation/create-without-orphans.js';
import { storeOrRollBack, type SecretSlot } from '../in-run-rotation/store-or-roll-back.js';
import { withAttempts } from '../in-run-rotation/with-attempts.js';
import { isCredentialRefusal } from './credential-refusal.js';
import { stepDoor } from './step-door.js';
import type { Door } from '../door/door.js';
import { rollBackOwnCreation } from '../door/roll-back-own-creation.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';

/**
 * The rotation steps for the janitor's own credentials (`{"baseUrl","clientId","clientSecret"}`,
 * a personal access token). ISC creates a PAT for the caller, so the current PAT makes its own
 * successor: the same identity, the same scopes. The previous PAT is not deleted here: the
 * nightly run retires it once the new one has served a run and is a day old.
 */

/** The right a PAT needs to create (and delete) PATs of its own identity. */
export const PAT_MANAGE_SCOPE = 'sp:my-personal-access-tokens:manage';

/** PATs of the caller: ISC's name for "me" in the list's owner-id. */
const ME = { ownerId: 'me' } as const;

/**
 * createSecret: a new PAT for the same identity with the same scopes, named
 * `isc-oauth-janitor-<date>`, with an explicit expiry; its credentials put as AWSPENDING. If ISC
 * refuses the PAT, the step fails and nothing changes: the current PAT stays in use.
 */
export async function createJanitorSecret(secret: SecretDescription, token: string, deps: SecretRotationDeps): Promise<string> {
  const store = deps.janitorSecrets;
  const current = await currentCredentials(secret, deps);
  const held = await store.readStage(secret.arn, PENDING, token);
  if (held) return `version ${token} already holds PAT ${held.clientId}; nothing to do`;
  const session = await deps.isc.connect(current);
  const pats = session.personalAccessTokens;
  const { tokens: mine } = await pats.list(ME);
  const currentPat = mine.find((pat) => pat.id === current.clientId);
  if (!currentPat) {
    throw new Error(
      `the credentials in ${secret.name} (client id ${current.clientId}) are not among the personal access tokens of their own identity (owner-id=me): only a PAT can be rotated this way`,
    );
  }
  const request = planPatSuccessor(currentPat, deps.clock(), new Set(mine.map((pat) => pat.name ?? '')));
  const door = stepDoor(session, deps);
  const created = await createPat(session, door, request, current.clientId, deps);
  if (created.id === current.clientId) {
    // A successor must be a new PAT: storing it changes nothing, and rolling it back would delete the PAT in use.
    throw new Error(`ISC answered the create of a new PAT with the current PAT's id ${current.clientId}; refused: nothing stored, nothing deleted`);
  }
  const value = hideSecret<JanitorSecret>(
    { baseUrl: current.baseUrl, clientId: created.id, clientSecret: created.secret, ...(current.apiVersion ? { apiVersion: current.apiVersion } : {}) },
    'clientSecret',
  );
  const slot: SecretSlot<JanitorSecret> = {
    name: secret.name,
    write: async (next) => {
      await store.putPending(secret.arn, token, next);
      return secret.arn;
    },
    read: () => store.readStage(secret.arn, PENDING, token),
  };
  const remove = () => rollBackOwnCreation(door, { kind: 'personal-access-token', id: created.id, name: request.name, ownerId: 'me', because: `its secret could not be stored in ${secret.name}` });
  await storeOrRollBack({ what: 'personal access token', slot, value, remove, retry: deps.retry, logger: deps.logger });
  return `PAT ${created.id} (${request.name}, expires ${request.expirationDate ?? 'never'}) created for the same identity; it is AWSPENDING in version ${token}`;
}

/**
 * testSecret: the new PAT must get an access token and list the OAuth clients, the janitor's
 * work. If ISC refuses it, it is deleted (with the current PAT) and AWSPENDING dropped.
 */
export async function testJanitorSecret(secret: SecretDescription, token: string, deps: SecretRotationDeps): Promise<string> {
  const store = deps.janitorSecrets;
  const pending = await store.readStage(secret.arn, PENDING, token);
  if (!pending) throw new Error(`version ${token} of secret ${secret.name} holds no value: createSecret has not stored a new PAT`);
  const current = await store.readStage(secret.arn, CURRENT);
  const { attempts, delayMs } = deps.propagation;
  try {
    const count = await withAttempts(async () => (await (await deps.isc.connect(pending)).clients.list()).clients.length, attempts, delayMs);
    return `PAT ${pending.clientId} got an access token and listed ${count} OAuth client(s)`;
  } catch (error) {
    // Never delete the PAT in use: a copy of the current value is what AWS tests a configuration with.
    if (!isCredentialRefusal(error) || !current || current.clientId === pending.clientId) throw error;
    const failed = `testSecret: the new PAT ${pending.clientId} failed its test (${errorMessage(error)})`;
    const retry = deps.retry;
    try {
      const session = await deps.isc.connect(current);
      const door = stepDoor(session, deps);
      const because = `the new PAT in ${secret.name} failed its test (${errorMessage(error)})`;
      await withAttempts(() => rollBackOwnCreation(door, { kind: 'personal-access-token', id: pending.clientId, name: '', ownerId: 'me', because }), retry.attempts, retry.delayMs);
      await withAttempts(() => store.dropPending(secret.arn, token), retry.attempts, retry.delayMs);
    } catch (rollBackError) {
      throw new Error(`${failed}, and rolling back failed (${errorMessage(rollBackError)}): delete PAT ${pending.clientId} by hand; AWSCURRENT (${current.clientId}) is unchanged`);
    }
    throw new Error(`${failed}; it was deleted again and version ${token} is no longer AWSPENDING: the janitor keeps using PAT ${current.clientId}`);
  }
}

async function currentCredentials(secret: SecretDescription, deps: SecretRotationDeps): Promise<JanitorSecret> {
  const current = await deps.janitorSecrets.readStage(secret.arn, CURRENT);
  if (!current) throw new Error(`secret ${secret.name} has no AWSCURRENT value to rotate`);
  return current;
}

/** Create the PAT; a refusal names the right it needs and that nothing changed. */
async function createPat(session: IscSession, door: Door, request: PersonalAccessTokenRequest, currentId: string, deps: SecretRotationDeps): Promise<CreatedPersonalAccessToken> {
  const pats = session.personalAccessTokens;
  const kind: CreatableCredentials<PersonalAccessTokenRequest, CreatedPersonalAccessToken> = {
    what: 'personal access token',
    list: async () => {
      const { tokens, unreadable } = await pats.list(ME);
      return { items: tokens, unreadable };
    },
    create: (next) => pats.create(next),
    delete: (id, name) => rollBackOwnCreation(door, { kind: 'personal-access-token', id, name, ownerId: 'me', because: 'a create whose answer was lost made it; nobody has its secret' }),
  };
  try {
    return await createCredentialWithoutOrphans(kind, request, { clock: deps.clock, retry: deps.retry, logger: deps.logger });
  } catch (error) {
    const refused = isIscApiError(error) && error.status !== undefined && error.status >= 400 && error.status < 500;
    const hint = refused ? ` (the janitor's PAT needs the scope ${PAT_MANAGE_SCOPE} to rotate itself)` : '';
    throw new Error(`ISC did not create a new personal access token${hint}: ${errorMessage(error)}; nothing changed, the janitor keeps using PAT ${currentId}`, {
      cause: error,
    });
  }
}
