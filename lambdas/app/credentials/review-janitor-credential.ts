import { errorMessage } from '../../core/error-message.js';
import type { PersonalAccessToken } from '../../core/model/personal-access-token.js';
import { CURRENT, PENDING, PREVIOUS, versionWithStage, type SecretDescription } from '../../core/model/secret-versions.js';
import { JANITOR_PAT_PREFIX } from '../../core/rules/plan-pat-successor.js';
import type { JanitorSecret, PersonalAccessTokensApi, StagedSecretStore } from '../../core/ports.js';
import { rotationHealthOf, type JanitorCredentialHealth, type PreviousPatOutcome } from '../../core/report/credential-health.js';
import { daysUntil } from '../../core/rules/credential-health-warnings.js';
import { planPatRetirement } from '../../core/rules/plan-pat-retirement.js';
import { silentLogger, type RunLogger } from '../../core/run-logger.js';
import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import type { ReportAction } from '../../core/report/run-report.js';

export interface JanitorCredentialReview {
  /** The personal access tokens API, acting as the janitor. */
  readonly pats: PersonalAccessTokensApi;
  /** The client id the run authenticated with (its PAT). */
  readonly selfClientId: string;
  /** The janitor's credentials secret, for its rotation state and the previous PAT. */
  readonly secret?: { readonly store: StagedSecretStore<JanitorSecret>; readonly secretId: string };
  /**
   * Plan the deletion of the PAT the last rotation replaced, once planPatRetirement allows it: the
   * second half of a Secrets Manager rotation the operator turned on. The run carries it out
   * through the door like any other action, so report mode and dry runs only list it; the CLI's
   * `plan` never plans it.
   */
  readonly retirePrevious: boolean;
  /**
   * Turn on Secrets Manager rotation of the credentials secret when it is off (every
   * `afterDays` days, not now): the nightly function, where the deployment has a rotation
   * function. Tenants are registry data, so their secrets are not the stack's to configure.
   */
  readonly turnOnRotation?: { readonly afterDays: number; enable(secretId: string, afterDays: number): Promise<void> };
}

/**
 * The janitor's own credential for the report: the PAT's expiry from the PAT list (owner-id=me),
 * its secret's rotation from DescribeSecret, and, when asked, the planned retirement of the
 * previous PAT. Called once the run has listed the tenant with the current PAT, so that PAT has served
 * the run. Never throws: what cannot be read is named in `note` (a health check must not fail
 * the run it reports on).
 */
export async function reviewJanitorCredential(
  review: JanitorCredentialReview,
  now: Date,
  logger: RunLogger = silentLogger,
): Promise<{ readonly health: JanitorCredentialHealth; readonly retirement?: PlannedAction }> {
  const notes: string[] = [];
  let mine: PersonalAccessToken[] | undefined;
  try {
    mine = (await review.pats.list({ ownerId: 'me' })).tokens;
  } catch (error) {
    notes.push(`the janitor's PAT list (owner-id=me) could not be read (${errorMessage(error)}); its expiry is unknown`);
  }
  const self = mine?.find((pat) => pat.id === review.selfClientId);
  if (mine && !self) notes.push(`client id ${review.selfClientId} is not among its identity's personal access tokens; its expiry is unknown`);

  let described: SecretDescription | undefined;
  if (review.secret) {
    try {
      described = await review.secret.store.describe(review.secret.secretId);
      if (!described.rotationEnabled && review.turnOnRotation) {
        const { afterDays } = review.turnOnRotation;
        await review.turnOnRotation.enable(review.secret.secretId, afterDays);
        logger.info('rotation of the credentials secret turned on', { secret: described.name, afterDays });
        described = await review.secret.store.describe(review.secret.secretId);
      }
    } catch (error) {
      notes.push(`the credentials secret could not be described or its rotation turned on (${errorMessage(error)})`);
    }
  }
  const { outcome: previous, retirement } = review.secret && described && mine ? await previousPat(review, described, mine, now) : {};
  if (review.secret && described && mine) notes.push(...(await unheldPats(review.secret, described, mine, review.selfClientId)));
  const expiresAt = self?.expirationDate ?? null;
  const health: JanitorCredentialHealth = {
    clientId: review.selfClientId,
    patName: self?.name ?? null,
    expiresAt,
    daysToExpiry: expiresAt ? daysUntil(expiresAt, now) : null,
    rotation: described ? rotationHealthOf(described) : null,
    ...(previous ? { previous } : {}),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
  return { health, ...(retirement ? { retirement } : {}) };
}

/**
 * PATs of the janitor's identity named as the rotation names them that no version of the
 * credentials secret holds: a rotation that died between ISC's create and the secret's put made
 * one, or another deployment of the janitor uses the same identity. Which, only a person can
 * tell, so they are named, never deleted.
 */
async function unheldPats(
  secret: NonNullable<JanitorCredentialReview['secret']>,
  described: SecretDescription,
  mine: readonly PersonalAccessToken[],
  selfClientId: string,
): Promise<string[]> {
  const held = new Set([selfClientId]);
  const ours = mine.filter((pat) => pat.name?.startsWith(JANITOR_PAT_PREFIX) && pat.id !== selfClientId);
  if (ours.length === 0) return [];
  for (const stage of [CURRENT, PREVIOUS, PENDING] as const) {
    if (!versionWithStage(described.versions, stage)) continue;
    try {
      const value = await secret.store.readStage(secret.secretId, stage);
      if (value) held.add(value.clientId);
    } catch {
      return [];
    }
  }
  return ours
    .filter((pat) => !held.has(pat.id))
    .map(
      (pat) =>
        `PAT ${pat.id} (${pat.name}, created ${pat.created.slice(0, 10)}) of the janitor's identity is held by no version of the credentials secret: a rotation that was cut off made it, or another deployment uses it; if neither, delete it in ISC`,
    );
}

/** The PAT in AWSPREVIOUS: planned for retirement when the rule allows and the run may, else why it stays. */
async function previousPat(
  review: JanitorCredentialReview,
  described: SecretDescription,
  mine: readonly PersonalAccessToken[],
  now: Date,
): Promise<{ outcome?: PreviousPatOutcome; retirement?: PlannedAction }> {
  const { store, secretId } = review.secret!;
  const previousVersion = versionWithStage(described.versions, PREVIOUS);
  if (!previousVersion || !versionWithStage(described.versions, CURRENT)) return {};
  let previous: JanitorSecret | undefined;
  let current: JanitorSecret | undefined;
  try {
    [previous, current] = await Promise.all([store.readStage(secretId, PREVIOUS), store.readStage(secretId, CURRENT)]);
  } catch (error) {
    return { outcome: { clientId: '(unknown)', outcome: 'kept', detail: `the credentials secret's versions could not be read (${errorMessage(error)})` } };
  }
  if (!previous || !current || previous.clientId === current.clientId) return {};
  const previousPat = mine.find((pat) => pat.id === previous.clientId);
  const currentPat = mine.find((pat) => pat.id === current.clientId);
  const verdict = planPatRetirement({
    previousPatId: previous.clientId,
    previousStages: described.versions[previousVersion] ?? [],
    currentPatId: current.clientId,
    previousPat,
    currentPat,
    servedBy: review.selfClientId,
    now,
  });
  const clientId = previous.clientId;
  if (verdict.verdict === 'gone') return { outcome: { clientId, outcome: 'gone', detail: verdict.reason } };
  if (verdict.verdict === 'keep') return { outcome: { clientId, outcome: 'kept', detail: verdict.reason } };
  if (!review.retirePrevious || !previousPat) return { outcome: { clientId, outcome: 'kept', detail: `due for deletion (${verdict.reason}); this run does not delete it` } };
  // Not deleted here: the run plans it, so mode, guard and the door's checks hold for it too.
  return {
    outcome: { clientId, outcome: 'kept', detail: `due for deletion (${verdict.reason})` },
    retirement: {
      credential: 'personal-access-token',
      kind: 'delete',
      clientId,
      name: previousPat.name ?? '',
      owner: { id: previousPat.owner.id, name: previousPat.owner.name },
      reason: `the janitor's previous PAT: ${verdict.reason}`,
      rotationStep: 'retire-predecessor',
      ...(currentPat ? { replacedAt: currentPat.created } : {}),
    },
  };
}

/** What the run's retirement of the previous PAT came to, as the credential section says it. */
export function previousPatOutcomeOf(action: ReportAction): PreviousPatOutcome {
  const detail = action.detail ?? action.error?.message ?? action.reason;
  if (action.outcome === 'done') return { clientId: action.clientId, outcome: 'retired', detail: action.reason };
  if (action.outcome === 'failed') return { clientId: action.clientId, outcome: 'failed', detail: `${detail}; the next nightly run tries again` };
  if (action.outcome === 'skipped' && action.detail === 'already gone') return { clientId: action.clientId, outcome: 'gone', detail };
  return { clientId: action.clientId, outcome: 'kept', detail };
}
