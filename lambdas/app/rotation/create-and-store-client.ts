import type { ManagedClientSecret } from '../../core/ports.js';
import type { OAuthClientRequest } from '../../core/model/oauth-client.js';
import { hideSecret } from '../../core/hide-secret.js';
import { knownSecrets } from '../../core/known-secrets.js';
import { createWithoutOrphans } from './create-without-orphans.js';
import type { RotationDeps } from './rotation-deps.js';
import { withAttempts } from './with-attempts.js';
import { errorMessage } from '../../core/error-message.js';

export interface StoredClient {
  readonly clientId: string;
  readonly name: string;
  /** The secret's ARN (Secrets Manager) or file path (directory store): where, never what. */
  readonly secretArn: string;
}

/** Tags every managed secret carries, so people and IAM can tell what wrote it. */
export function managedSecretTags(clientName: string): Record<string, string> {
  return { 'managed-by': 'isc-oauth-janitor', 'isc-client-name': clientName };
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
  deps: RotationDeps,
  request: OAuthClientRequest,
  secretName: string,
  previousClientId: string | null,
): Promise<StoredClient> {
  const { attempts, delayMs } = deps.retry;
  const created = await createWithoutOrphans(deps, request);
  const clientId = created.id;
  const name = created.name ?? request.name;
  let value: ManagedClientSecret | undefined = hideSecret<ManagedClientSecret>(
    { clientId, clientSecret: created.secret, baseUrl: deps.baseUrl, rotatedAt: deps.clock().toISOString(), previousClientId },
    'clientSecret',
  );
  const secretValue = created.secret;
  try {
    const { arn } = await withAttempts(
      () => deps.store.write(secretName, value as ManagedClientSecret, { idempotencyToken: clientId, tags: managedSecretTags(name) }),
      attempts,
      delayMs,
    );
    return { clientId, name, secretArn: arn };
  } catch (error) {
    const why = knownSecrets.redact(errorMessage(error));
    value = undefined;
    // A write whose answer was lost may have landed: deleting the client then would leave
    // consumers a secret for a client that no longer exists. Read it back before rolling back.
    const landed = await holdsClient(deps, secretName, clientId, secretValue, attempts, delayMs);
    if (landed) {
      deps.logger?.warn('secret write reported a failure, but the secret holds the new client', { clientId, secretName });
      return { clientId, name, secretArn: secretName };
    }
    if (landed === undefined) {
      throw new Error(
        `storing the secret of new client ${clientId} at ${secretName} failed (${why}), and reading it back failed too: ` +
          `client ${clientId} was kept; if the secret at ${secretName} does not hold it, delete client ${clientId} by hand`,
      );
    }
    deps.logger?.warn('secret not stored; deleting the new client again', { clientId, secretName });
    try {
      await withAttempts(() => deps.api.delete(clientId), attempts, delayMs);
    } catch (deleteError) {
      const deleteWhy = knownSecrets.redact(errorMessage(deleteError));
      throw new Error(
        `storing the secret of new client ${clientId} at ${secretName} failed (${why}), and deleting that client again ` +
          `failed too (${deleteWhy}): nobody has its secret; delete client ${clientId} by hand`,
      );
    }
    throw new Error(`storing the secret of new client ${clientId} at ${secretName} failed (${why}); the new client was deleted again, nothing changed`);
  } finally {
    value = undefined;
  }
}

/** True when the stored value is the new client's, false when it is not, undefined when unreadable. */
async function holdsClient(
  deps: RotationDeps,
  secretName: string,
  clientId: string,
  secret: string,
  attempts: number,
  delayMs: number,
): Promise<boolean | undefined> {
  try {
    const held = await withAttempts(() => deps.store.read(secretName), attempts, delayMs);
    return held?.clientId === clientId && held.clientSecret === secret;
  } catch {
    return undefined;
  }
}
