import type { InventorySummary, RunReport } from './run-report.js';

/** How many clients the tenant holds, enabled, disabled and internal: the inventory's first line. */
export interface ClientTally {
  readonly total: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly internal: number;
}

/**
 * The tenant's clients after the run: the inventory (read before any action) with the run's
 * confirmed actions applied. A disable turns an enabled client disabled; a delete removes a
 * disabled one (a client is always disabled before it is deleted); a rotation adds its enabled
 * successor. Exempt clients, the internal ones among them, are never acted on. In report mode
 * nothing was done, so the numbers are the inventory's.
 */
export function clientsAfter(report: Pick<RunReport, 'mode' | 'counts' | 'inventory'>): ClientTally {
  const { inventory, counts } = report;
  if (report.mode !== 'enforce') return tallyOf(inventory);
  return {
    total: inventory.total - counts.deleted + counts.rotated,
    enabled: inventory.enabled - counts.disabled + counts.rotated,
    disabled: inventory.disabled + counts.disabled - counts.deleted,
    internal: inventory.internal,
  };
}

function tallyOf(inventory: InventorySummary): ClientTally {
  return { total: inventory.total, enabled: inventory.enabled, disabled: inventory.disabled, internal: inventory.internal };
}

/** `42 (38 enabled, 4 disabled, 4 internal)`. */
export function clientTally(tally: ClientTally): string {
  return `${tally.total} (${tally.enabled} enabled, ${tally.disabled} disabled, ${tally.internal} internal)`;
}
