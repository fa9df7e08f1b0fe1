import type { PersonalAccessToken } from '../model/personal-access-token.js';
import type { Policy } from '../model/policy.js';
import { parseIsoTime } from '../parse-iso-date.js';
import type { CredentialOwner, UpcomingAction } from '../report/run-report.js';
import { applyPatRules } from '../rules/apply-pat-rules.js';
import { findPatExemption } from '../rules/find-pat-exemption.js';
import { displayName, flatText, notADate } from '../text.js';
import type { PatAnnouncements } from './pat-announcements.js';

export interface PatEvaluationContext {
  readonly pats: Policy['pats'];
  readonly now: Date;
  /** The janitor's own credential: a token with this id is never touched. */
  readonly selfClientId: string;
  /** Earlier announcements (from the archive); undefined: none can be proven, none counts. */
  readonly announcements: PatAnnouncements | undefined;
}

export interface PatFinding {
  /** The token's id (the report's `clientId`). */
  readonly clientId: string;
  readonly name: string;
  readonly owner: CredentialOwner;
  /** `skip`: a date is unreadable; never acted on, and a warning says why. */
  readonly verdict: 'delete' | 'keep' | 'exempt' | 'skip';
  readonly reason: string;
  /** Null when the dates are unreadable. */
  readonly inactiveDays: number | null;
  readonly neverUsed: boolean;
  /** Unused past its limit and not exempt: deleted or announced by this run. */
  readonly due: boolean;
  readonly upcoming?: UpcomingAction;
  readonly warning?: string;
}

/**
 * What the policy says about one personal access token, and why. Also the pre-delete re-check:
 * the token seen again right before its deletion must still be judged `delete`. Called once per
 * token of the tenant: each finding is built directly, without intermediate objects.
 */
export function evaluatePat(token: PersonalAccessToken, ctx: PatEvaluationContext): PatFinding {
  const clientId = token.id;
  const name = displayName(token.name);
  const owner = token.owner;
  const neverUsed = token.lastUsed === null;
  const exemption = findPatExemption(token, ctx.pats.exempt, ctx.selfClientId);
  const created = parseIsoTime(token.created);
  const lastUsed = token.lastUsed === null ? null : parseIsoTime(token.lastUsed);

  if (created === undefined || lastUsed === undefined) {
    const problem = [created === undefined ? notADate('created', token.created) : '', lastUsed === undefined ? notADate('lastUsed', token.lastUsed) : '']
      .filter(Boolean)
      .join(', ');
    if (exemption) {
      return { clientId, name, owner, neverUsed, verdict: 'exempt', reason: `${exemption}; would otherwise be skipped: ${problem}`, inactiveDays: null, due: false };
    }
    const reason = `${problem}; skipped, never acted on`;
    const warning = `personal access token ${name} (${clientId}): ${reason}`;
    return { clientId, name, owner, neverUsed, verdict: 'skip', reason, inactiveDays: null, due: false, warning };
  }

  const since = lastUsed ?? created;
  const rule = applyPatRules({ created, lastUsed }, earliestAfter(ctx.announcements?.get(clientId), since), ctx.pats, ctx.now);
  const { inactiveDays } = rule;
  if (exemption) {
    // Exempt tokens are never announced; the reason still tells the auditor what the exemption prevents.
    const reason = flatText(exemption, '; would otherwise be ', rule.due ? 'due for deletion' : 'kept', ': ', rule.activity);
    return { clientId, name, owner, neverUsed, verdict: 'exempt', reason, inactiveDays, due: false };
  }
  const { verdict, reason, due } = rule;
  if (!rule.upcoming) return { clientId, name, owner, neverUsed, verdict, reason, inactiveDays, due };
  const upcoming: UpcomingAction = { credential: 'personal-access-token', clientId, name, owner, action: 'delete', on: rule.upcoming.on, reason: rule.upcoming.reason };
  return { clientId, name, owner, neverUsed, verdict, reason, inactiveDays, due, upcoming };
}

/**
 * The earliest announcement made after the token was last used (or created): one made before
 * that use no longer counts, so a token used again in between starts over.
 */
function earliestAfter(times: readonly number[] | undefined, since: number): number | undefined {
  if (times === undefined) return undefined;
  let earliest: number | undefined;
  for (const time of times) if (time > since && (earliest === undefined || time < earliest)) earliest = time;
  return earliest;
}
