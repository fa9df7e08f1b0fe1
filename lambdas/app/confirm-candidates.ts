import type { EvaluationContext } from '../core/plan/evaluate-client.js';
import { evaluateClient } from '../core/plan/evaluate-client.js';
import type { PlannedAction, TenantEvaluation } from '../core/plan/evaluate-tenant.js';
import type { Policy } from '../core/model/policy.js';
import type { OAuthClientsApi } from '../core/ports.js';
import { addWholeDays } from '../core/dates.js';
import type { OAuthClient, UnreadableClient } from '../core/model/oauth-client.js';

/**
 * The server-side filters find the candidates; the full list is the inventory and the guard's
 * denominator. The filters use the smaller threshold so they return a superset of what is due.
 * Entries ISC listed that could not be read come from the full list only: the filtered lists
 * hold the same entries again.
 */
export async function listClients(
  api: OAuthClientsApi,
  policy: Policy,
  now: Date,
): Promise<{ all: OAuthClient[]; unreadable: readonly UnreadableClient[]; candidateIds: Map<string, OAuthClient> }> {
  // Whole 24-hour days in UTC, like every other date rule: a local-time subtraction would move
  // the cutoff by an hour around a daylight-saving change.
  const cutoff = addWholeDays(now, -Math.min(policy.disableAfterDays, policy.deleteAfterDays));
  const [all, usedLongAgo, neverUsed] = await Promise.all([
    api.list(),
    api.list({ lastUsedLe: cutoff }),
    api.list({ lastUsedIsNull: true }),
  ]);
  const candidates = new Map<string, OAuthClient>();
  for (const client of [...usedLongAgo.clients, ...neverUsed.clients]) candidates.set(client.id, client);
  return { all: all.clients, unreadable: all.unreadable, candidateIds: candidates };
}

/**
 * Act only where the server's filter and the local evaluation agree: a client the filter
 * returned is judged again on the data the filter returned (a server that ignored its filter
 * cannot make us act), and a client the filter missed is left for a later run, with a warning.
 */
export function confirmCandidates(
  evaluation: TenantEvaluation,
  all: readonly OAuthClient[],
  candidates: ReadonlyMap<string, OAuthClient>,
  ctx: EvaluationContext,
  onlyIds: readonly string[] | undefined,
): { plan: PlannedAction[]; warnings: string[] } {
  const warnings: string[] = [];
  const restrict = onlyIds ? new Set(onlyIds) : undefined;
  const plan = evaluation.plan.filter((action) => {
    if (restrict && !restrict.has(action.clientId)) return false;
    const fromFilter = candidates.get(action.clientId);
    if (!fromFilter) {
      warnings.push(`${action.name} (${action.clientId}) qualifies for ${action.kind} but the server filter did not return it; left for a later run`);
      return false;
    }
    return evaluateClient(fromFilter, ctx).verdict === action.kind;
  });
  if (restrict) {
    const known = new Set(all.map((client) => client.id));
    for (const id of restrict) if (!known.has(id)) warnings.push(`client id ${id} was requested but does not exist in the tenant`);
  }
  return { plan, warnings };
}
