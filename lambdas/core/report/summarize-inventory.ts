import type { OAuthClient } from '../model/oauth-client.js';
import type { ClientFinding } from '../plan/evaluate-client.js';
import type { CredentialOwner, InventorySummary } from './run-report.js';

const ALL_SCOPES = 'sp:scopes:all';

/** How many sp:scopes:all clients the report names. */
export const ALL_SCOPES_LISTED = 100;

/**
 * The tenant at a glance, for the auditor: how long clients have been idle and which ones hold
 * the all-powerful `sp:scopes:all`. Counts every listed client, exempt ones included.
 * `findings[i]` must be the finding for `clients[i]`; `selfClientId`, the janitor's own client,
 * is marked where it is named.
 */
export function summarizeInventory(clients: readonly OAuthClient[], findings: readonly ClientFinding[], selfClientId?: string): InventorySummary {
  const buckets = { under30: 0, from30to90: 0, from90to180: 0, over180: 0, neverUsed: 0, unreadable: 0 };
  let enabled = 0;
  let internal = 0;
  let allScopesCount = 0;
  // Only the first ALL_SCOPES_LISTED by id are named, so only those are kept, in order, as the
  // list is read: no entry per matching client and no sort of them all.
  const allScopes: { id: string; name: string; self?: true }[] = [];
  let orphanedCount = 0;
  const orphaned: { id: string; name: string; owner: CredentialOwner }[] = [];

  for (let index = 0; index < clients.length; index += 1) {
    const client = clients[index] as OAuthClient;
    const finding = findings[index];
    if (client.enabled) enabled += 1;
    if (client.internal) internal += 1;
    if (client.scope?.includes(ALL_SCOPES)) {
      allScopesCount += 1;
      keepFirstById(allScopes, client.id, finding?.name ?? client.id, client.id === selfClientId);
    }
    if (finding?.owner?.orphaned === true) {
      orphanedCount += 1;
      if (orphaned.length < ALL_SCOPES_LISTED) orphaned.push({ id: client.id, name: finding.name, owner: finding.owner });
    }
    const days = finding?.inactiveDays ?? null;
    if (client.lastUsed === null) buckets.neverUsed += 1;
    else if (days === null) buckets.unreadable += 1;
    else if (days < 30) buckets.under30 += 1;
    else if (days < 90) buckets.from30to90 += 1;
    else if (days < 180) buckets.from90to180 += 1;
    else buckets.over180 += 1;
  }

  return {
    total: clients.length,
    enabled,
    disabled: clients.length - enabled,
    internal,
    byInactivity: buckets,
    // Listed up to a cap so a tenant full of such clients cannot crowd the actions out of the
    // emailed report (SNS 256 KB); the count is always the full number.
    allScopes: { count: allScopesCount, clients: allScopes },
    // Only when the owner lookups found orphans: a tenant without owners reads as before.
    ...(orphanedCount === 0 ? {} : { orphaned: { count: orphanedCount, clients: orphaned.sort((a, b) => compareStrings(a.id, b.id)) } }),
  };
}

/**
 * Insert into `kept` (sorted by id, at most ALL_SCOPES_LISTED long) if the id is among the
 * first ALL_SCOPES_LISTED. Equal ids go after the ones already kept: the order a stable sort of
 * the whole list, then a cut, would give.
 */
function keepFirstById(kept: { id: string; name: string; self?: true }[], id: string, name: string, self: boolean): void {
  const last = kept[kept.length - 1];
  if (kept.length >= ALL_SCOPES_LISTED && last !== undefined && compareStrings(id, last.id) >= 0) return;
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareStrings(id, (kept[middle] as { id: string }).id) < 0) high = middle;
    else low = middle + 1;
  }
  kept.splice(low, 0, self ? { id, name, self } : { id, name });
  if (kept.length > ALL_SCOPES_LISTED) kept.pop();
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
