import type { PlannedAction } from '../core/plan/evaluate-tenant.js';
import type { Policy } from '../core/model/policy.js';
import type { ListFilter, OAuthClientsApi } from '../core/ports.js';
import { addWholeDays } from '../core/dates.js';
import type { OAuthClient, UnreadableClient } from '../core/model/oauth-client.js';

/**
 * The full list is the inventory and the guard's denominator; the server-side filters
 * (`lastUsed le cutoff`, `lastUsed isnull`) find the candidates. The same for every credential
 * kind ISC lets us filter this way (clients, personal access tokens). Entries ISC listed that
 * could not be read come from the full list only: the filtered lists hold the same entries again.
 */
export async function listWithServerFilters<L, T extends { readonly id: string }>(
  list: (filter?: ListFilter) => Promise<L>,
  itemsOf: (listing: L) => readonly T[],
  cutoff: Date,
): Promise<{ all: L; candidates: Map<string, T> }> {
  // One after the other, not at once: three lists in flight hold three sets of pages being parsed
  // (a 50,000-client tenant peaked at 441 MB that way, 384 MB this way), and the pacer spends
  // the same request budget either way.
  const all = await list();
  const usedLongAgo = await list({ lastUsedLe: cutoff });
  const neverUsed = await list({ lastUsedIsNull: true });
  const candidates = new Map<string, T>();
  for (const item of [...itemsOf(usedLongAgo), ...itemsOf(neverUsed)]) candidates.set(item.id, item);
  return { all, candidates };
}

/** Clients: the filters use the smaller threshold so they return a superset of what is due. */
export async function listClients(
  api: OAuthClientsApi,
  policy: Policy,
  now: Date,
): Promise<{ all: OAuthClient[]; unreadable: readonly UnreadableClient[]; candidates: Map<string, OAuthClient> }> {
  // Whole 24-hour days in UTC, like every other date rule: a local-time subtraction would move
  // the cutoff by an hour around a daylight-saving change.
  // Orphans may be judged on owners.orphanStaleDays: the filter must return them too.
  const cutoff = addWholeDays(now, -Math.min(policy.disableAfterDays, policy.deleteAfterDays, policy.owners.orphanStaleDays ?? Infinity));
  const { all, candidates } = await listWithServerFilters((filter) => api.list(filter), (listing) => listing.clients, cutoff);
  return { all: all.clients, unreadable: all.unreadable, candidates };
}

/**
 * Act only where the server's filter and the local evaluation agree: a credential the filter
 * returned is judged again on the data the filter returned (a server that ignored its filter
 * cannot make us act), and one the filter missed is left for a later run, with a warning.
 * `onlyIds` restricts the plan to an on-demand run's credentials.
 */
export function confirmCandidates<T>(
  plan: readonly PlannedAction[],
  candidates: ReadonlyMap<string, T>,
  verdictOf: (fromFilter: T) => string,
  onlyIds: ReadonlySet<string> | undefined,
): { plan: PlannedAction[]; warnings: string[] } {
  const warnings: string[] = [];
  const confirmed = plan.filter((action) => {
    if (onlyIds && !onlyIds.has(action.clientId)) return false;
    const fromFilter = candidates.get(action.clientId);
    if (fromFilter === undefined) {
      warnings.push(`${action.name} (${action.clientId}) qualifies for ${action.kind} but the server filter did not return it; left for a later run`);
      return false;
    }
    return verdictOf(fromFilter) === action.kind;
  });
  return { plan: confirmed, warnings };
}

/** An on-demand run naming an id the tenant does not have (as a client or a token) says so. */
export function unknownIdWarnings(requested: ReadonlySet<string> | undefined, known: ReadonlySet<string>): string[] {
  return [...(requested ?? [])].filter((id) => !known.has(id)).map((id) => `client id ${id} was requested but does not exist in the tenant`);
}
