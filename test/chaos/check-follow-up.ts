import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';

/**
 * Invariant 2's "retried idempotently next run": after a fault-free follow-up run, the tenant
 * must be exactly where one fault-free run would have left it (deletes gone, disables disabled,
 * everything else as it was), however the chaos run ended.
 */
export function checkFollowUp(
  initial: readonly OAuthClient[],
  plan: readonly PlannedAction[],
  final: readonly OAuthClient[],
  followUp: RunReport,
): string[] {
  const v: string[] = [];
  const kinds = new Map(plan.map((action) => [action.clientId, action.kind]));
  const finals = new Map(final.map((client) => [client.id, client]));
  for (const before of initial) {
    const after = finals.get(before.id);
    const kind = kinds.get(before.id);
    if (kind === 'delete' && after !== undefined) v.push(`converge: ${before.id} should be deleted after the follow-up run`);
    if (kind !== 'delete' && after === undefined) v.push(`converge: ${before.id} is gone but the policy never deletes it`);
    if (after === undefined) continue;
    const enabled = kind === 'disable' ? false : before.enabled;
    if (after.enabled !== enabled) v.push(`converge: ${before.id} enabled=${after.enabled}, expected ${enabled}`);
  }
  if (followUp.outcome !== 'ok') v.push(`converge: the fault-free follow-up run ended ${followUp.outcome}`);
  return v;
}
