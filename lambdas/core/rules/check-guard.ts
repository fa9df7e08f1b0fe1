import type { PlannedAction } from '../plan/evaluate-tenant.js';
import type { Policy } from '../model/policy.js';

export type GuardVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * The blast-radius check: a plan that would disable or delete more clients than
 * `limits.maxActions`, or more than `limits.maxFraction` of the tenant, changes nothing at all.
 * A mass "stale" verdict is more likely a bad policy or bad data than a real clean-up.
 * Every planned action counts, rotations included: a rotation creates a client
 * and later retires one, and a policy that suddenly rotates half the tenant is as suspect.
 */
export function checkGuard(plan: readonly PlannedAction[], totalClients: number, limits: Policy['limits']): GuardVerdict {
  const changes = plan.length;
  if (changes === 0) return { allowed: true };
  const nothing = 'nothing was changed';
  if (!(totalClients >= changes)) {
    // Inconsistent input (more changes than clients): refuse rather than divide by a bad total.
    return { allowed: false, reason: `the plan would change ${changes} clients but the tenant lists only ${totalClients}; ${nothing}` };
  }
  const fraction = changes / totalClients;
  const over: string[] = [];
  if (changes > limits.maxActions) over.push(`limits.maxActions ${limits.maxActions}`);
  if (fraction > limits.maxFraction) over.push(`limits.maxFraction ${limits.maxFraction} (${percent(limits.maxFraction)})`);
  if (over.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason: `the plan would change ${changes} of ${totalClients} clients (${percent(fraction)}), over ${over.join(' and ')}; ${nothing}`,
  };
}

/** `30%`, `33.33%`: at most two decimals, so 25.01% never reads as the limit 25%. */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
