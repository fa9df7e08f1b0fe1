import type { OAuthClient } from '../isc/oauth-client-schemas.js';
import { applyStalenessRules } from './apply-staleness-rules.js';
import { findExemption } from './find-exemption.js';
import { parseIsoDate } from './parse-iso-date.js';
import type { Policy } from './policy.js';
import type { UpcomingAction } from './run-report.js';

export interface EvaluationContext {
  readonly policy: Policy;
  readonly now: Date;
  readonly selfClientId: string;
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
}

const WOULD_BE = { disable: 'disabled', delete: 'deleted', keep: 'kept' } as const;

/**
 * What the policy says about one client, and why. Also the pre-delete re-check: the orchestrator
 * re-evaluates the freshly fetched client and deletes only if the verdict is still `delete`.
 */
export function evaluateClient(client: OAuthClient, ctx: EvaluationContext): ClientFinding {
  const base = { clientId: client.id, name: displayName(client), neverUsed: client.lastUsed === null };
  const exemption = findExemption(client, ctx.policy, ctx.selfClientId);
  const lastUsed = client.lastUsed === null ? null : parseIsoDate(client.lastUsed);
  const created = parseIsoDate(client.created);
  const modified = parseIsoDate(client.modified);

  if (lastUsed === undefined || !created || !modified) {
    const problem = [
      lastUsed === undefined ? notADate('lastUsed', client.lastUsed) : '',
      created ? '' : notADate('created', client.created),
      modified ? '' : notADate('modified', client.modified),
    ]
      .filter(Boolean)
      .join(', ');
    if (exemption) {
      return { ...base, verdict: 'exempt', reason: `${exemption}; would otherwise be skipped: ${problem}`, inactiveDays: null };
    }
    const reason = `${problem}; skipped, never acted on`;
    return { ...base, verdict: 'skip', reason, inactiveDays: null, warning: `client ${base.name} (${client.id}): ${reason}` };
  }

  const rule = applyStalenessRules({ enabled: client.enabled, lastUsed, created, modified }, ctx.policy, ctx.now);
  if (exemption) {
    // Exempt clients never reach the plan or the upcoming list; the reason still tells the
    // auditor what the exemption is preventing.
    const reason = `${exemption}; would otherwise be ${WOULD_BE[rule.verdict]}: ${rule.reason}`;
    return { ...base, verdict: 'exempt', reason, inactiveDays: rule.inactiveDays };
  }
  const finding: ClientFinding = { ...base, verdict: rule.verdict, reason: rule.reason, inactiveDays: rule.inactiveDays };
  if (!rule.upcoming) return finding;
  return { ...finding, upcoming: { clientId: client.id, name: base.name, ...rule.upcoming } };
}

function displayName(client: OAuthClient): string {
  return client.name === null || client.name.trim() === '' ? '(no name)' : client.name;
}

/** The bad value is quoted and cut short: it came from outside and may be huge or multi-line. */
function notADate(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return `${field} ${JSON.stringify(shown)} is not a date`;
}
