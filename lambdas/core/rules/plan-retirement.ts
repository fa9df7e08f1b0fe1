import type { OAuthClient } from '../model/oauth-client.js';
import { findExemption } from './find-exemption.js';
import { parseIsoDate } from '../parse-iso-date.js';
import type { ManagedClientSecret } from '../ports.js';
import { labelOf, type RotationDraft } from '../plan/rotation-types.js';
import { formatUtcDate, pluralDays, wholeDaysSince } from '../dates.js';

/**
 * Rule 4: once `overlapDays` have passed since the rotation, the enabled predecessor is disabled
 * if nobody used it since (the normal lifecycle deletes it later); if it is still in use, it
 * stays enabled and the report warns, naming the client and the secret consumers should read.
 *
 * Returns true when the predecessor is still pending (overlap running, still in use, unreadable),
 * so the current client is not rotated again on top of an unfinished rotation.
 */
export function planRetirement(
  previous: OAuthClient,
  secret: ManagedClientSecret,
  rotatedAt: Date,
  secretName: string,
  draft: RotationDraft,
): boolean {
  if (!previous.enabled) return false;
  const { overlapDays } = draft.policy.rotation;
  const since = wholeDaysSince(rotatedAt, draft.now);
  if (since < overlapDays) return true;
  const rotatedOn = formatUtcDate(rotatedAt);
  const lastUsed = previous.lastUsed === null ? null : parseIsoDate(previous.lastUsed);
  if (lastUsed === undefined) {
    draft.warnings.push(`rotation: predecessor ${labelOf(previous)} has an unreadable lastUsed date; left enabled`);
    return true;
  }
  if (lastUsed !== null && lastUsed.getTime() > rotatedAt.getTime()) {
    draft.warnings.push(
      `rotation: predecessor ${labelOf(previous)} is still in use ${pluralDays(since)} after its rotation on ${rotatedOn} ` +
        `(last used ${formatUtcDate(lastUsed)}): consumers have not picked up the new secret at ${secretName}; left enabled`,
    );
    return true;
  }
  const exemption = findExemption(previous, draft.policy, draft.selfClientId);
  if (exemption) {
    draft.warnings.push(`rotation: predecessor ${labelOf(previous)} is due for retirement but ${exemption}; left enabled`);
    return false;
  }
  const used = lastUsed === null ? 'never used' : `last used ${formatUtcDate(lastUsed)}`;
  draft.plan.push({
    credential: 'oauth-client',
    kind: 'disable',
    clientId: previous.id,
    name: previous.name ?? '',
    reason: `rotated on ${rotatedOn}, replaced by ${secret.clientId}, unused since (${used}); overlapDays ${overlapDays}`,
    secretName,
    rotationStep: 'retire-predecessor',
    replacedAt: rotatedAt.toISOString(),
  });
  return false;
}
