import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import { checkFollowUp } from './check-follow-up.js';
import type { ManagedName } from './rotation-managed-name.js';

export interface RotationFollowUp {
  readonly managed: readonly ManagedName[];
  readonly secretNameOf: (clientName: string) => string;
  readonly initial: readonly OAuthClient[];
  /** The fault-free plan (rotations included). */
  readonly expected: readonly PlannedAction[];
  /** The tenant, store and report after the fault-free follow-up run. */
  readonly final: readonly OAuthClient[];
  readonly secretOf: (id: string) => string | undefined;
  readonly after: ReadonlyMap<string, ManagedClientSecret | undefined>;
  readonly followUp: RunReport;
  /** Successors the chaos run left without a stored secret, each named in a failed action (a failed rollback). */
  readonly orphans: readonly string[];
}

/**
 * "Retried idempotently next run", for rotation: after one fault-free run the tenant is where a
 * single fault-free run would have left it. Every due name holds a successor whose secret is
 * stored, retirements and left-over removals happened, a predecessor still in use is named in a
 * warning, and every orphan of the chaos run is gone, except one: an orphan the report told a
 * person to delete (its rollback failed) before the name's first secret exists cannot be told
 * from a second client of that name, so rotation stops with a warning.
 */
export function checkRotationFollowUp(f: RotationFollowUp): string[] {
  const v = checkFollowUp(f.initial, f.expected.filter((action) => action.kind !== 'rotate'), f.final, f.followUp);
  const initialIds = new Set(f.initial.map((client) => client.id));
  const finalById = new Map(f.final.map((client) => [client.id, client]));
  const warned = (...parts: string[]) => f.followUp.warnings.some((warning) => parts.every((part) => warning.includes(part)));
  for (const m of f.managed) {
    const secretName = f.secretNameOf(m.name);
    const secret = f.after.get(m.name);
    const stuck = f.orphans.filter((id) => !m.stored && finalById.get(id)?.name === m.name);
    if (stuck.length > 0 && !warned(m.name, 'share the managed name')) v.push(`converge: orphan ${stuck.join()} of ${m.name} remains without a warning`);
    if (m.expect.rotate && stuck.length === 0 && secret?.previousClientId !== m.expect.rotate) v.push(`converge: ${m.name} is due but was not rotated`);
    if (m.expect.inUse && !warned(m.expect.inUse, 'still in use', secretName)) v.push(`converge: no warning that predecessor ${m.expect.inUse} is still in use`);
    if (secret && f.secretOf(secret.clientId) !== secret.clientSecret) v.push(`converge: the secret at ${secretName} holds ${secret.clientId}, which is gone or has another secret`);
    for (const client of f.final) {
      if (client.name !== m.name || initialIds.has(client.id) || client.id === secret?.clientId || stuck.includes(client.id)) continue;
      v.push(`converge: successor ${client.id} of ${m.name} is still there without its secret stored`);
    }
  }
  return v;
}
