import type { OAuthClient } from '../model/oauth-client.js';
import { findExemption } from '../rules/find-exemption.js';
import { isManagedName } from './managed-client-names.js';
import { parseIsoDate } from '../parse-iso-date.js';
import { planRetirement } from '../rules/plan-retirement.js';
import { planSuccessor } from '../rules/plan-successor.js';
import type { Policy } from '../model/policy.js';
import type { ManagedClientSecret } from '../ports.js';
import { labelOf, type RotationDraft, type RotationPlan } from './rotation-types.js';
import { compareStrings } from '../report/summarize-inventory.js';
import { formatUtcDate } from '../dates.js';

export type { RotationPlan } from './rotation-types.js';

export interface PlanRotationInput {
  readonly clients: readonly OAuthClient[];
  readonly policy: Policy;
  readonly now: Date;
  readonly selfClientId: string;
  /** What the store holds per managed client name (undefined: no secret yet), read before planning. */
  readonly secrets: ReadonlyMap<string, ManagedClientSecret | undefined>;
  /** Where a managed name's secret lives: `managedSecretName(prefix, tenant, name)`, bound by the caller. */
  readonly secretNameOf: (clientName: string) => string;
  /**
   * Per managed name whose secret Secrets Manager rotates: the nightly run makes no successor for
   * it, and the successor a rotation in progress staged as AWSPENDING is not a left-over.
   */
  readonly rotatedBySecretsManager?: ReadonlyMap<string, { readonly pendingClientId?: string | undefined }>;
}

/**
 * The rotation rules, pure: which managed clients get a successor, which predecessor
 * is retired, which left-over successor of a crashed run is removed, and what to warn about.
 */
export function planRotation(input: PlanRotationInput): RotationPlan {
  const draft: RotationDraft = { policy: input.policy, now: input.now, selfClientId: input.selfClientId, plan: [], upcoming: [], warnings: [] };
  if (!input.policy.rotation.enabled) return draft;
  const byId = new Map(input.clients.map((client) => [client.id, client]));
  const groups = new Map<string, OAuthClient[]>();
  for (const client of byId.values()) {
    if (!client.name || !isManagedName(client.name, input.policy.rotation)) continue;
    groups.set(client.name, [...(groups.get(client.name) ?? []), client]);
  }
  for (const name of [...groups.keys()].sort(compareStrings)) {
    const managed = input.rotatedBySecretsManager?.get(name);
    planManagedName(name, groups.get(name) ?? [], input.secrets.get(name), input.secretNameOf(name), byId, draft, managed);
  }
  return draft;
}

/** Rules 3-5 for the clients sharing one managed name. */
function planManagedName(
  name: string,
  members: readonly OAuthClient[],
  secret: ManagedClientSecret | undefined,
  secretName: string,
  byId: ReadonlyMap<string, OAuthClient>,
  draft: RotationDraft,
  rotatedBySecretsManager?: { readonly pendingClientId?: string | undefined },
): void {
  if (!secret) {
    // Before the first rotation the single enabled client with the name is current.
    const enabled = members.filter((client) => client.enabled);
    if (enabled.length > 1) {
      const ids = enabled.map((client) => client.id).sort(compareStrings).join(', ');
      draft.warnings.push(`rotation: ${enabled.length} enabled clients share the managed name ${name} (${ids}) and no secret at ${secretName} says which is current; none rotated`);
      return;
    }
    if (enabled[0]) planSuccessor(enabled[0], secretName, draft);
    return;
  }
  const rotatedAt = parseIsoDate(secret.rotatedAt);
  if (!rotatedAt) {
    draft.warnings.push(`rotation: the secret at ${secretName} has an unreadable rotatedAt; ${name} not rotated`);
    return;
  }
  const current = byId.get(secret.clientId);
  if (!current) {
    // Someone removed the client consumers use: too odd to delete or rotate anything on our own.
    draft.warnings.push(`rotation: the secret at ${secretName} names client ${secret.clientId}, which is not in the tenant; ${name} not rotated`);
    return;
  }
  for (const client of members) {
    if (client.id !== rotatedBySecretsManager?.pendingClientId) planLeftover(client, secret, rotatedAt, secretName, draft);
  }
  const previous = secret.previousClientId ? byId.get(secret.previousClientId) : undefined;
  const pending = previous ? planRetirement(previous, secret, rotatedAt, secretName, draft) : false;
  // Adopted: Secrets Manager makes the successors now; the run still retires and cleans up.
  if (!pending && !rotatedBySecretsManager) planSuccessor(current, secretName, draft);
}

/**
 * Rule 3: a client with the managed name, created after the secret's `rotatedAt`, that is
 * neither the current nor the previous client, was made by a rotation that crashed before its
 * secret was stored. Nobody holds its secret, so it is ours to delete, even though enabled.
 */
function planLeftover(client: OAuthClient, secret: ManagedClientSecret, rotatedAt: Date, secretName: string, draft: RotationDraft): void {
  if (client.id === secret.clientId || client.id === secret.previousClientId) return;
  const created = parseIsoDate(client.created);
  if (!created || created.getTime() <= rotatedAt.getTime()) return;
  const exemption = findExemption(client, draft.policy, draft.selfClientId);
  if (exemption) {
    draft.warnings.push(`rotation: ${labelOf(client)} looks like a left-over successor but ${exemption}; left alone`);
    return;
  }
  draft.plan.push({
    credential: 'oauth-client',
    kind: 'delete',
    clientId: client.id,
    name: client.name ?? '',
    reason:
      `left-over successor of an interrupted rotation: created ${client.created} after the last rotation on ` +
      `${formatUtcDate(rotatedAt)}, but the secret at ${secretName} holds ${secret.clientId}; nobody has its secret`,
    secretName,
    rotationStep: 'remove-leftover',
  });
}

