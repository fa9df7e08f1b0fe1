import type { OAuthClient } from '../isc/oauth-client-schemas.js';
import type { ClientFinding } from './evaluate-client.js';
import { evaluateClient } from './evaluate-client.js';
import type { Policy } from './policy.js';
import type { ActionKind, InventorySummary, UpcomingAction } from './run-report.js';
import { compareStrings, summarizeInventory } from './summarize-inventory.js';

export interface PlannedAction {
  readonly kind: ActionKind;
  readonly clientId: string;
  readonly name: string;
  readonly reason: string;
  /** Rotation only (issue 6): where the managed client's secret lives (a name, never a value). */
  readonly secretName?: string;
  /**
   * Rotation only: which rotation step this is. `retire-predecessor`: a disable of the client a
   * rotation replaced. `remove-leftover`: the delete of a successor left by a crashed run; it
   * is re-checked against the secret, not the staleness rules, before it is deleted.
   */
  readonly rotationStep?: 'rotate' | 'retire-predecessor' | 'remove-leftover';
}

export interface TenantEvaluation {
  readonly findings: readonly ClientFinding[];
  /** Disables first, then deletes, each ordered by client id: the same input gives the same plan. */
  readonly plan: readonly PlannedAction[];
  /** Ordered by date, then client id. */
  readonly upcoming: readonly UpcomingAction[];
  readonly warnings: readonly string[];
  readonly inventory: InventorySummary;
  readonly counts: { readonly total: number; readonly stale: number; readonly exempt: number; readonly skipped: number };
}

const KIND_ORDER: Record<ActionKind, number> = { disable: 0, delete: 1, rotate: 2 };

/** `(clients, policy, now, selfClientId) -> findings + plan`: the pure heart of a run. */
export function evaluateTenant(input: {
  clients: readonly OAuthClient[];
  policy: Policy;
  now: Date;
  selfClientId: string;
}): TenantEvaluation {
  const ctx = { policy: input.policy, now: input.now, selfClientId: input.selfClientId };
  const warnings: string[] = [];
  // A client listed twice (a paging glitch) is evaluated once, so it can't be acted on twice.
  const seen = new Set<string>();
  const clients = input.clients.filter((client) => {
    if (!seen.has(client.id)) return seen.add(client.id);
    warnings.push(`client ${client.id} was listed more than once; evaluated once`);
    return false;
  });
  const findings = clients.map((client) => evaluateClient(client, ctx));

  const plan: PlannedAction[] = [];
  const upcoming: UpcomingAction[] = [];
  for (const finding of findings) {
    if (finding.verdict === 'disable' || finding.verdict === 'delete') {
      plan.push({ kind: finding.verdict, clientId: finding.clientId, name: finding.name, reason: finding.reason });
    }
    if (finding.upcoming) upcoming.push(finding.upcoming);
    if (finding.warning) warnings.push(finding.warning);
  }
  plan.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareStrings(a.clientId, b.clientId));
  upcoming.sort((a, b) => compareStrings(a.on, b.on) || compareStrings(a.clientId, b.clientId));

  const count = (verdicts: readonly ClientFinding['verdict'][]) =>
    findings.filter((finding) => verdicts.includes(finding.verdict)).length;
  return {
    findings,
    plan,
    upcoming,
    warnings,
    inventory: summarizeInventory(clients, findings),
    counts: { total: clients.length, stale: count(['disable', 'delete']), exempt: count(['exempt']), skipped: count(['skip']) },
  };
}
