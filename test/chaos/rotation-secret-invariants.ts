import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import type { ReportAction } from '../../lambdas/core/report/run-report.js';
import { creatableRequestOf } from '../../lambdas/app/in-run-rotation/creatable-request-of.js';
import type { RotationEvidence, RotationVerdict } from './rotation-invariants.js';

/**
 * Invariants 2 and 4 for successors and the store: a rotation reported done made an enabled copy
 * of the current client and stored exactly its secret; any other outcome left the secret as it
 * was; no client created by the run exists without its secret stored; no stored secret names a
 * client that does not exist or has another secret. A create whose answer was lost is no excuse:
 * the client ISC made anyway must be found and deleted. The only excuse is a failed action whose
 * message names the client (kept, or its deletion failed) or the secret a person must look at.
 */
export function checkRotationSecrets(e: RotationEvidence): RotationVerdict {
  const v: string[] = [];
  const orphans: string[] = [];
  const initialById = new Map(e.initial.map((client) => [client.id, client]));
  const finalById = new Map(e.final.map((client) => [client.id, client]));
  const rotateOf = (name: string) => e.report?.actions.find((action) => action.action === 'rotate' && action.name === name);
  const failedNaming = (action: ReportAction | undefined, text: string) => action?.outcome === 'failed' && (action.error?.message ?? '').includes(text);

  for (const m of e.managed) {
    const secretName = e.secretNameOf(m.name);
    const before = e.before.get(m.name);
    const after = e.after.get(m.name);
    const rotate = rotateOf(m.name);
    const changed = serialize(before) !== serialize(after);
    if (rotate && rotate.clientId !== m.expect.rotate) v.push(`inv1: ${rotate.clientId} (${m.name}) was planned for rotation, the rules say ${m.expect.rotate ?? 'none'}`);
    if (rotate?.outcome === 'done') {
      if (!after || after.clientId !== rotate.successorId || after.previousClientId !== rotate.clientId || after.rotatedAt !== e.now.toISOString() || after.baseUrl !== e.baseUrl) {
        v.push(`inv2: rotation of ${m.name} reported done but the secret at ${secretName} does not hold its successor ${rotate.successorId ?? '(none)'}`);
      }
      const successor = finalById.get(rotate.successorId ?? '');
      const current = initialById.get(rotate.clientId);
      if (!successor?.enabled || successor.name !== m.name || initialById.has(successor.id)) {
        v.push(`inv2: rotation of ${m.name} reported done but successor ${rotate.successorId ?? '(none)'} is not a new enabled ${m.name}`);
      } else if (current && JSON.stringify(creatableRequestOf(successor)) !== JSON.stringify(creatableRequestOf(current))) {
        v.push(`inv2: successor ${successor.id} does not copy the creatable fields of ${current.id}`);
      }
    } else if (changed && !failedNaming(rotate, secretName)) {
      v.push(`inv2: the secret at ${secretName} changed, but its rotation is ${rotate?.outcome ?? 'absent'} without a message naming the secret`);
    }
    // (4) A stored secret names a live client and carries exactly that client's secret. Stricter
    // than "unless reported failed": a rollback reads the secret back first, so no excuse is needed.
    if (after) {
      const live = finalById.get(after.clientId);
      if (!live || e.secretOf(after.clientId) !== after.clientSecret) {
        v.push(`inv4: the secret at ${secretName} holds client ${after.clientId}, which ${live ? 'has another secret' : 'does not exist'}`);
      }
    }
  }

  // (4) Every client the run created is deleted again or stored, lost create answers included.
  for (const client of e.final) {
    if (initialById.has(client.id)) continue;
    const stored = e.after.get(client.name ?? '');
    if (stored?.clientId === client.id && stored.clientSecret === e.secretOf(client.id)) continue;
    const rotate = rotateOf(client.name ?? '');
    if (failedNaming(rotate, client.id)) {
      orphans.push(client.id);
      continue;
    }
    v.push(`inv4: successor ${client.id} (${client.name ?? ''}) exists but its secret is not stored`);
  }
  return { violations: v, orphans };
}

/** The whole stored value, secret included (a spread copy drops the redacting toJSON). */
function serialize(secret: ManagedClientSecret | undefined): string {
  return secret === undefined ? 'none' : JSON.stringify({ ...secret });
}
