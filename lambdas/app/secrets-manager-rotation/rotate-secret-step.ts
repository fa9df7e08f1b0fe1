import { errorMessage } from '../../core/error-message.js';
import { CURRENT, PENDING, versionWithStage, type RotationStep, type SecretDescription } from '../../core/model/secret-versions.js';
import type { ManagedClientSecret, StagedSecretStore } from '../../core/ports.js';
import { checkRotationStep } from '../../core/rules/check-rotation-step.js';
import { silentLogger } from '../../core/run-logger.js';
import { truncate } from '../../core/text.js';
import { createJanitorSecret, testJanitorSecret } from './janitor-pat-steps.js';
import { checkManagedSuccessor, createManagedSecret, testManagedSecret } from './managed-client-steps.js';
import type { RevokedClient, RotationStepRequest, RotationStepResult, SecretRotationDeps } from './secret-rotation-deps.js';
import { janitorSecretOwner } from './tenant-credentials.js';
import { isRevokeToken } from '../../core/model/revoke-token.js';
import { describeRevoked, revokeLeakedClients } from './revoke-leaked-clients.js';
import { revokeDoor } from './revoke-door.js';

/** A call that does not belong to a rotation of this secret (AWS's templates raise for it too). */
export class RotationRefusedError extends Error {
  override readonly name = 'RotationRefusedError';
}

type Kind = RotationStepResult['kind'];
type StepRunner = (secret: SecretDescription, token: string, deps: SecretRotationDeps) => Promise<string>;

const STEPS: Record<Exclude<Kind, 'unknown'>, Record<Exclude<RotationStep, 'finishSecret'>, StepRunner>> = {
  'managed-client': { createSecret: createManagedSecret, setSecret: nothingToSet, testSecret: testManagedSecret },
  'janitor-credentials': { createSecret: createJanitorSecret, setSecret: nothingToSet, testSecret: testJanitorSecret },
};

/**
 * One step of Secrets Manager's rotation protocol, as AWS's rotation templates run it: describe
 * the secret, check the token's stages first, then do the step for the kind of secret it is.
 * Every step is idempotent: Secrets Manager may call any step again, and a step whose work is
 * done (the token's version is AWSCURRENT) does nothing. A failed step is noted on the secret
 * (the nightly report shows it with its reason) and thrown, so Secrets Manager marks the
 * rotation failed and the function's error alarm fires; a finished rotation clears the note.
 */
export async function rotateSecretStep(request: RotationStepRequest, deps: SecretRotationDeps): Promise<RotationStepResult> {
  const logger = deps.logger ?? silentLogger;
  const { step, token } = request;
  const secret = await deps.managedSecrets.describe(request.secretId);
  const base = { step, secret: secret.name };
  let kind: Kind = 'unknown';
  try {
    const verdict = checkRotationStep(secret, token);
    if (verdict.verdict === 'refuse') throw new RotationRefusedError(`${step} refused: ${verdict.reason}`);
    const revoke = isRevokeToken(token);
    if (verdict.verdict === 'done') {
      if (step !== 'finishSecret' || !revoke) {
        if (step === 'finishSecret') await tidyPending(deps.managedSecrets, secret, token);
        logger.info('rotation step', { ...base, outcome: 'already-done', detail: verdict.reason });
        return { ...base, kind, outcome: 'already-done', detail: verdict.reason };
      }
      // A revoke's finishSecret retried after the move: the disables are done (again) until they hold.
      await tidyPending(deps.managedSecrets, secret, token);
      const revoked = await revokeLeakedClients(secret, deps, await revokeDoor(secret, deps));
      const detail = `${verdict.reason}; ${describeRevoked(revoked)}`;
      logger.info('rotation step', { ...base, kind: 'managed-client', outcome: 'already-done', detail });
      return { ...base, kind: 'managed-client', outcome: 'already-done', detail, revoked };
    }
    kind = (await janitorSecretOwner(secret, deps)) ? 'janitor-credentials' : 'managed-client';
    if (revoke && kind === 'janitor-credentials') {
      throw new RotationRefusedError(
        `${step} refused: revoke is for managed client secrets; a personal access token cannot be disabled. Rotate the janitor's credentials with rotate-secret, then delete the leaked PAT in ISC`,
      );
    }
    const store: StagedSecretStore<unknown> = kind === 'janitor-credentials' ? deps.janitorSecrets : deps.managedSecrets;
    let detail =
      step === 'finishSecret'
        ? await finishSecret(store, secret, token, kind === 'managed-client' ? (value) => checkManagedSuccessor(value as ManagedClientSecret, deps) : undefined)
        : await STEPS[kind][step](secret, token, deps);
    let revoked: RevokedClient[] | undefined;
    if (step === 'finishSecret' && revoke) {
      revoked = await revokeLeakedClients(secret, deps, await revokeDoor(secret, deps));
      detail = `${detail}; ${describeRevoked(revoked)}`;
    }
    if (step === 'finishSecret' && secret.rotationFailure) await clearFailure(deps, secret);
    logger.info('rotation step', { ...base, kind, outcome: 'done', detail });
    return { ...base, kind, outcome: 'done', detail, ...(revoked ? { revoked } : {}) };
  } catch (error) {
    const reason = errorMessage(error);
    logger.error('rotation step failed', { ...base, kind, error: reason });
    await noteFailure(deps, secret, step, reason);
    throw error;
  }
}

async function nothingToSet(): Promise<string> {
  return 'nothing to set: ISC made the credential in createSecret';
}

/**
 * finishSecret: AWSCURRENT moves to the token's version, the old one becomes AWSPREVIOUS, and
 * AWSPENDING is taken off (allowed either way by AWS; without it the next RotateSecret starts
 * clean everywhere). Refuses a version without a value: it would make nothing current. Refuses
 * too when the pending credential no longer works (`checkPending` throws: its client was deleted
 * or disabled since testSecret), so the step fails, Secrets Manager reports the rotation failed
 * and consumers keep the working AWSCURRENT instead of getting a 401.
 */
async function finishSecret(
  store: StagedSecretStore<unknown>,
  secret: SecretDescription,
  token: string,
  checkPending?: (value: unknown) => Promise<void>,
): Promise<string> {
  const pending = await store.readStage(secret.arn, PENDING, token);
  if (pending === undefined) {
    throw new Error(`version ${token} of secret ${secret.name} holds no value: nothing to make current`);
  }
  await checkPending?.(pending);
  const from = versionWithStage(secret.versions, CURRENT);
  await store.promote(secret.arn, token, from);
  await store.dropPending(secret.arn, token);
  return `version ${token} is AWSCURRENT${from ? `; version ${from} is AWSPREVIOUS` : ''}`;
}

/** A finishSecret that was cut off after the move: take AWSPENDING off the current version too. */
async function tidyPending(store: StagedSecretStore<unknown>, secret: SecretDescription, token: string): Promise<void> {
  if (secret.versions[token]?.includes(PENDING)) await store.dropPending(secret.arn, token);
}

/** Best effort: the note must never hide the step's own error. */
async function noteFailure(deps: SecretRotationDeps, secret: SecretDescription, step: RotationStep, reason: string): Promise<void> {
  try {
    await deps.managedSecrets.noteRotationFailure(secret.arn, { at: deps.clock().toISOString(), step, reason: truncate(reason, 200) });
  } catch (error) {
    deps.logger?.warn('the rotation failure could not be noted on the secret', { secret: secret.name, error: errorMessage(error) });
  }
}

async function clearFailure(deps: SecretRotationDeps, secret: SecretDescription): Promise<void> {
  try {
    await deps.managedSecrets.noteRotationFailure(secret.arn, null);
  } catch (error) {
    deps.logger?.warn('the last rotation failure could not be cleared from the secret', { secret: secret.name, error: errorMessage(error) });
  }
}
