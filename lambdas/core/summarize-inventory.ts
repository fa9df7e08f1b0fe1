import type { OAuthClient } from '../isc/oauth-client-schemas.js';
import type { ClientFinding } from './evaluate-client.js';
import type { InventorySummary } from './run-report.js';

const ALL_SCOPES = 'sp:scopes:all';

/**
 * The tenant at a glance, for the auditor: how long clients have been idle and which ones hold
 * the all-powerful `sp:scopes:all`. Counts every listed client, exempt ones included.
 * `findings[i]` must be the finding for `clients[i]`.
 */
/** How many sp:scopes:all clients the report names. */
export const ALL_SCOPES_LISTED = 100;

export function summarizeInventory(clients: readonly OAuthClient[], findings: readonly ClientFinding[]): InventorySummary {
  const buckets = { under30: 0, from30to90: 0, from90to180: 0, over180: 0, neverUsed: 0, unreadable: 0 };
  let enabled = 0;
  let internal = 0;
  const allScopes: { id: string; name: string }[] = [];

  clients.forEach((client, index) => {
    if (client.enabled) enabled += 1;
    if (client.internal) internal += 1;
    if (client.scope?.includes(ALL_SCOPES)) allScopes.push({ id: client.id, name: findings[index]?.name ?? client.id });
    const days = findings[index]?.inactiveDays ?? null;
    if (client.lastUsed === null) buckets.neverUsed += 1;
    else if (days === null) buckets.unreadable += 1;
    else if (days < 30) buckets.under30 += 1;
    else if (days < 90) buckets.from30to90 += 1;
    else if (days < 180) buckets.from90to180 += 1;
    else buckets.over180 += 1;
  });

  allScopes.sort((a, b) => compareStrings(a.id, b.id));
  return {
    total: clients.length,
    enabled,
    disabled: clients.length - enabled,
    internal,
    byInactivity: buckets,
    // Listed up to a cap so a tenant full of such clients cannot crowd the actions out of the
    // emailed report (SNS 256 KB); the count is always the full number.
    allScopes: { count: allScopes.length, clients: allScopes.slice(0, ALL_SCOPES_LISTED) },
  };
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
