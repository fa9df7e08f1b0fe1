import { errorMessage } from '../../core/error-message.js';
import type { SecretStore } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';

/**
 * Adoption: a managed secret the janitor just stored is handed to Secrets Manager rotation
 * (RotateSecret with the rotation function, every `afterDays` days, not now), so from then on
 * Secrets Manager rotates it and the nightly run no longer does. Returns what happened, in words,
 * or undefined where the store has no rotation (the directory store: the nightly run keeps
 * rotating). Never throws: the client and its secret exist either way, and a secret left without
 * rotation is rotated by the nightly run when due, which tries the hand-over again.
 */
export async function handOverToRotation(store: SecretStore, name: string, afterDays: number, logger?: RunLogger): Promise<string | undefined> {
  if (!store.enableRotation) return undefined;
  try {
    await store.enableRotation(name, afterDays);
    return `Secrets Manager rotates it every ${afterDays} days from now on`;
  } catch (error) {
    const why = errorMessage(error);
    logger?.warn('secret rotation could not be enabled', { secretName: name, error: why });
    return `Secrets Manager rotation could not be enabled (${why}); the nightly run rotates it when due and tries again`;
  }
}
