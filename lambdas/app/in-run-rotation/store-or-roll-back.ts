import { errorMessage } from '../../core/error-message.js';
import { knownSecrets } from '../../core/known-secrets.js';
import type { ManagedClientSecret } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';
import type { StoreRetry } from './store-retry.js';
import { withAttempts } from './with-attempts.js';
import { ownCreations } from '../door/own-creations.js';

/** A credential as stored: its id and its secret (a managed client secret, the janitor's PAT). */
export interface StoredCredential {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Where a new credential's secret goes: a managed secret (nightly run, governed creation), or the
 * AWSPENDING version a Secrets Manager rotation is building.
 */
export interface SecretSlot<V extends StoredCredential = ManagedClientSecret> {
  /** The secret's name or ARN, for messages. */
  readonly name: string;
  /** Store `value`; a retry with the same value stores nothing twice. Returns the secret's ARN or path. */
  write(value: V): Promise<string>;
  /** What the slot holds now (undefined: nothing), to recognise a write whose answer was lost. */
  read(): Promise<V | undefined>;
}

export interface StoreOrRollBackInput<V extends StoredCredential> {
  /** `client`, `personal access token`: how messages name the credential. */
  readonly what: string;
  readonly slot: SecretSlot<V>;
  readonly value: V;
  /** Delete the new credential again (ISC). */
  remove(): Promise<unknown>;
  readonly retry: StoreRetry;
  readonly logger?: RunLogger | undefined;
}

/**
 * Store a credential ISC just created, or take it back: ISC shows a secret only once, so a
 * credential whose secret could not be stored is useless (nobody can ever use it) and is deleted
 * again. The write is retried (a retry cannot store twice). When every write fails, the slot is
 * read back first: a write that landed although its answer was lost counts as stored; if that
 * cannot be read, the credential is kept and the error names it (never a stored secret for a
 * deleted credential). Errors never carry the secret. Returns where the secret is.
 */
export async function storeOrRollBack<V extends StoredCredential>(input: StoreOrRollBackInput<V>): Promise<string> {
  const { what, slot, retry, logger } = input;
  const { attempts, delayMs } = retry;
  const id = input.value.clientId;
  const secretValue = input.value.clientSecret;
  const at = slot.name;
  try {
    const at = await withAttempts(() => slot.write(input.value), attempts, delayMs);
    ownCreations.stored(id);
    return at;
  } catch (error) {
    const why = scrub(errorMessage(error), secretValue);
    // A write whose answer was lost may have landed: deleting the credential then would leave
    // consumers a secret for a credential that no longer exists. Read it back before rolling back.
    const landed = await holds(slot, id, secretValue, attempts, delayMs);
    if (landed) {
      ownCreations.stored(id);
      logger?.warn('secret write reported a failure, but the secret holds the new credential', { clientId: id, secretName: at });
      return at;
    }
    if (landed === undefined) {
      throw new Error(
        `storing the secret of new ${what} ${id} at ${at} failed (${why}), and reading it back failed too: ` +
          `${what} ${id} was kept; if the secret at ${at} does not hold it, delete ${what} ${id} by hand`,
      );
    }
    logger?.warn('secret not stored; deleting the new credential again', { clientId: id, secretName: at });
    try {
      await withAttempts(() => input.remove(), attempts, delayMs);
    } catch (deleteError) {
      const deleteWhy = scrub(errorMessage(deleteError), secretValue);
      throw new Error(
        `storing the secret of new ${what} ${id} at ${at} failed (${why}), and deleting that ${what} again ` +
          `failed too (${deleteWhy}): nobody has its secret; delete ${what} ${id} by hand`,
      );
    }
    throw new Error(`storing the secret of new ${what} ${id} at ${at} failed (${why}); the new ${what} was deleted again, nothing changed`);
  }
}

/** True when the slot holds the new credential, false when it does not, undefined when unreadable. */
async function holds<V extends StoredCredential>(slot: SecretSlot<V>, id: string, secret: string, attempts: number, delayMs: number): Promise<boolean | undefined> {
  try {
    const held = await withAttempts(() => slot.read(), attempts, delayMs);
    return held?.clientId === id && held.clientSecret === secret;
  } catch {
    return undefined;
  }
}

/** Whatever an adapter put in its message, no known secret (this one above all) leaves here. */
function scrub(message: string, secret: string): string {
  knownSecrets.register(secret);
  return knownSecrets.redact(message);
}
