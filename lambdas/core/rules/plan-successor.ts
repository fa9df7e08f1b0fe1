import type { OAuthClient } from '../model/oauth-client.js';
import { findExemption } from './find-exemption.js';
import { parseIsoDate } from '../parse-iso-date.js';
import { labelOf, type RotationDraft } from '../plan/rotation-types.js';
import { addWholeDays, formatUtcDate, pluralDays, wholeDaysSince } from '../dates.js';

/**
 * Rule 1 for the current client of a managed name: rotate once its own `created` is
 * `maxAgeDays` or more ago (so a successor waits for its own age, not its predecessor's), or
 * list it as upcoming within `warnDays`. A disabled current client is not rotated.
 */
export function planSuccessor(current: OAuthClient, secretName: string, draft: RotationDraft): void {
  if (!current.enabled) return;
  const created = parseIsoDate(current.created);
  if (!created) {
    draft.warnings.push(`rotation: ${labelOf(current)} has an unreadable created date; not rotated`);
    return;
  }
  const { maxAgeDays } = draft.policy.rotation;
  const age = wholeDaysSince(created, draft.now);
  const reason = `created ${pluralDays(age)} ago (${formatUtcDate(created)}), maxAgeDays ${maxAgeDays}`;
  const exemption = findExemption(current, draft.policy, draft.selfClientId);
  if (exemption) {
    // The janitor's own credential and exempt clients are never rotated; say so once it matters.
    if (age >= maxAgeDays) draft.warnings.push(`rotation: ${labelOf(current)} is due (${reason}) but ${exemption}; not rotated`);
    return;
  }
  const name = current.name ?? '';
  if (age >= maxAgeDays) {
    draft.plan.push({ credential: 'oauth-client', kind: 'rotate', clientId: current.id, name, reason, secretName, rotationStep: 'rotate' });
    return;
  }
  if (maxAgeDays - age > draft.policy.warnDays) return;
  const on = formatUtcDate(addWholeDays(created, maxAgeDays));
  draft.upcoming.push({ credential: 'oauth-client', clientId: current.id, name, action: 'rotate', on, reason });
}
