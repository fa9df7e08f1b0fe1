import type { OAuthClient } from '../model/oauth-client.js';
import { applyStalenessRules } from '../rules/apply-staleness-rules.js';
import { findExemption } from '../rules/find-exemption.js';
import { displayName, flatText, notADate } from '../text.js';
import { parseIsoTime } from '../parse-iso-date.js';
import type { Policy } from '../model/policy.js';
import type { CredentialOwner, UpcomingAction } from '../report/run-report.js';
import { orphanPolicy } from '../rules/orphan-policy.js';

export interface EvaluationContext {
  readonly policy: Policy;
  readonly now: Date;
  readonly selfClientId: string;
  /** Each client's owner (owners.map, audit events), by client id; orphans get `owners.orphanStaleDays`. */
  readonly owners?: ReadonlyMap<string, CredentialOwner>;
}

export interface ClientFinding {
  readonly clientId: string;
  readonly name: string;
  /** `skip`: the client's dates are unreadable; it is never acted on and a warning says why. */
  readonly verdict: 'disable' | 'delete' | 'keep' | 'exempt' | 'skip';
  readonly reason: string;
  /** Null when the dates are unreadable. */
  readonly inactiveDays: number | null;
  readonly neverUsed: boolean;
  readonly upcoming?: UpcomingAction;
  readonly warning?: string;
  readonly owner?: CredentialOwner;
}

const WOULD_BE = { disable: 'disabled', delete: 'deleted', keep: 'kept' } as const;

/**
 * What the policy says about one client, and why. Also the pre-delete re-check: the orchestrator
 * re-evaluates the freshly fetched client and deletes only if the verdict is still `delete`.
 * Called once per client of the tenant: it builds the finding directly, with no intermediate
 * objects, and keeps the dates as numbers.
 */
export function evaluateClient(client: OAuthClient, ctx: EvaluationContext): ClientFinding {
  const owner = ctx.owners?.get(client.id);
  const finding = judgeClient(client, ctx, owner);
  if (owner === undefined) return finding;
  return { ...finding, owner, ...(finding.upcoming === undefined ? {} : { upcoming: { ...finding.upcoming, owner } }) };
}

function judgeClient(client: OAuthClient, ctx: EvaluationContext, owner: CredentialOwner | undefined): ClientFinding {
  const clientId = client.id;
  const name = displayName(client.name);
  const neverUsed = client.lastUsed === null;
  const exemption = findExemption(client, ctx.policy, ctx.selfClientId);
  const lastUsed = client.lastUsed === null ? null : parseIsoTime(client.lastUsed);
  const created = parseIsoTime(client.created);
  const modified = parseIsoTime(client.modified);

  if (lastUsed === undefined || created === undefined || modified === undefined) {
    const problem = [
      lastUsed === undefined ? notADate('lastUsed', client.lastUsed) : '',
      created === undefined ? notADate('created', client.created) : '',
      modified === undefined ? notADate('modified', client.modified) : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (exemption) {
      const reason = `${exemption}; would otherwise be skipped: ${problem}`;
      return { clientId, name, neverUsed, verdict: 'exempt', reason, inactiveDays: null };
    }
    const reason = `${problem}; skipped, never acted on`;
    const warning = `client ${name} (${clientId}): ${reason}`;
    return { clientId, name, neverUsed, verdict: 'skip', reason, inactiveDays: null, warning };
  }

  // A lastUsed ahead of our clock (clock skew, or a bad value) counts as "used now": never as
  // a negative age, and never pushing a due date further out than a use right now would.
  const nowMs = ctx.now.getTime();
  const future = lastUsed !== null && lastUsed > nowMs;
  // An orphan (its owner is inactive, terminated or gone) may be judged on a shorter threshold.
  const orphan = owner?.orphaned === true ? orphanPolicy(ctx.policy) : undefined;
  const judged = applyStalenessRules({ enabled: client.enabled, lastUsed: future ? nowMs : lastUsed, created, modified }, orphan?.policy ?? ctx.policy, ctx.now);
  const rule = orphan === undefined || judged.verdict === 'keep' ? judged : { ...judged, reason: `${orphan.because}: ${judged.reason}` };
  const inactiveDays = rule.inactiveDays;
  const warning = future ? { warning: `client ${name} (${clientId}): lastUsed ${client.lastUsed} is in the future; treated as used now` } : {};
  if (exemption) {
    // Exempt clients never reach the plan or the upcoming list; the reason still tells the
    // auditor what the exemption is preventing.
    const reason = flatText(exemption, '; would otherwise be ', WOULD_BE[rule.verdict], ': ', rule.reason);
    return { clientId, name, neverUsed, verdict: 'exempt', reason, inactiveDays, ...warning };
  }
  const { verdict, reason, upcoming } = rule;
  if (!upcoming) return { clientId, name, neverUsed, verdict, reason, inactiveDays, ...warning };
  const { action, on, reason: upcomingReason } = upcoming;
  return { clientId, name, neverUsed, verdict, reason, inactiveDays, upcoming: { credential: 'oauth-client', clientId, name, action, on, reason: upcomingReason }, ...warning };
}
