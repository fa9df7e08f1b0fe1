import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import type { ExecutorResult } from '../actions/executor.js';
import { isClient, passPlanned } from '../door/pass-planned.js';
import type { RotationDeps } from './rotation-deps.js';

/**
 * Delete a successor left by a rotation that crashed before storing its secret. This deletes an
 * enabled client, so it is checked again right before: the secret is re-read here, and the door
 * re-reads the client, keeps it if it was ever used or any managed secret's stage refers to it
 * (then a person is asked to look), and leaves alone anything that no longer looks like our left-over.
 */
export async function removeLeftover(action: PlannedAction, deps: RotationDeps): Promise<ExecutorResult> {
  const secretName = action.secretName;
  if (!secretName) throw new Error(`left-over ${action.clientId} was planned without a secret name`);
  const leave = (why: string): ExecutorResult => ({ outcome: 'skipped', detail: `${why}; left alone`, secretId: secretName, reasonCode: 'left-over' });

  const held = await deps.store.read(secretName);
  const rotatedAt = held ? parseIsoDate(held.rotatedAt) : undefined;
  if (!held || !rotatedAt) return leave(`the secret at ${secretName} is gone or unreadable now`);
  if (held.clientId === action.clientId || held.previousClientId === action.clientId) {
    return leave(`the secret at ${secretName} now refers to this client`);
  }
  return passPlanned(deps.door, action, (fresh) => {
    if (!isClient(fresh)) return 'not a client';
    if (fresh.name !== action.name) return 'renamed since planning';
    const created = parseIsoDate(fresh.created);
    return !created || created.getTime() <= rotatedAt.getTime() ? 'not created after the last rotation' : undefined;
  });
}
