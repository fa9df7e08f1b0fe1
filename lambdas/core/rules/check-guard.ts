import type { PlannedAction } from '../plan/evaluate-tenant.js';
import type { Policy } from '../model/policy.js';
import type { CredentialKind } from '../report/run-report.js';

export type GuardVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const NOUN: Record<CredentialKind, string> = { 'oauth-client': 'clients', 'personal-access-token': 'personal access tokens' };

/**
 * The blast-radius check: a plan that would change more credentials than `limits.maxActions`
 * (clients and personal access tokens together), or more than `limits.maxFraction` of either
 * kind (each against its own total), changes nothing at all. A mass "stale" verdict is more
 * likely a bad policy or bad data than a real clean-up. Every planned action counts, rotations
 * included: a rotation creates a client and later retires one, and a policy that suddenly
 * rotates half the tenant is as suspect.
 */
export function checkGuard(
  plan: readonly PlannedAction[],
  totalClients: number,
  limits: Policy['limits'],
  /** `unlisted`: the run did not list every token (governance off), so only maxActions counts them. */
  totalTokens: number | 'unlisted' = 0,
): GuardVerdict {
  const changes = plan.length;
  if (changes === 0) return { allowed: true };
  const nothing = 'nothing was changed';
  const totals: Record<CredentialKind, number | undefined> = { 'oauth-client': totalClients, 'personal-access-token': totalTokens === 'unlisted' ? undefined : totalTokens };
  const kinds = (['oauth-client', 'personal-access-token'] as const)
    .map((kind) => ({ kind, changes: plan.filter((action) => action.credential === kind).length, total: totals[kind] }))
    .filter((group): group is { kind: CredentialKind; changes: number; total: number } => group.changes > 0 && group.total !== undefined);
  for (const group of kinds) {
    if (!(group.total >= group.changes)) {
      // Inconsistent input (more changes than credentials): refuse rather than divide by a bad total.
      return { allowed: false, reason: `the plan would change ${group.changes} ${NOUN[group.kind]} but the tenant lists only ${group.total}; ${nothing}` };
    }
  }
  const mixed = new Set(plan.map((action) => action.credential)).size > 1;
  const over: string[] = [];
  if (changes > limits.maxActions) over.push(`limits.maxActions ${limits.maxActions}${mixed ? ` (${changes} changes in all)` : ''}`);
  for (const group of kinds) {
    if (group.changes / group.total > limits.maxFraction) {
      over.push(`limits.maxFraction ${limits.maxFraction} (${percent(limits.maxFraction)})${mixed ? ` for ${NOUN[group.kind]}` : ''}`);
    }
  }
  if (over.length === 0) return { allowed: true };
  const what = kinds.map((group) => `${group.changes} of ${group.total} ${NOUN[group.kind]} (${percent(group.changes / group.total)})`);
  return { allowed: false, reason: `the plan would change ${what.join(' and ')}, over ${over.join(' and ')}; ${nothing}` };
}

/** `30%`, `33.33%`: at most two decimals, so 25.01% never reads as the limit 25%. */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
