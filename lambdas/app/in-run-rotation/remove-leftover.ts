import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import { ALREADY_GONE } from '../actions/delete-client.js';
import type { ExecutorResult } from '../actions/executor.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import type { RotationDeps } from './rotation-deps.js';

/**
 * Delete a successor left by a rotation that crashed before storing its secret.
 * This deletes an enabled client, so it is checked again right before: the secret is re-read and
 * the client re-fetched, and anything that no longer looks like our left-over is left alone.
 */
export async function removeLeftover(action: PlannedAction, deps: RotationDeps): Promise<ExecutorResult> {
  const secretName = action.secretName;
  if (!secretName) throw new Error(`left-over ${action.clientId} was planned without a secret name`);
  const leave = (why: string): ExecutorResult => ({ outcome: 'skipped', detail: `${why}; left alone`, secretId: secretName });

  const held = await deps.store.read(secretName);
  const rotatedAt = held ? parseIsoDate(held.rotatedAt) : undefined;
  if (!held || !rotatedAt) return leave(`the secret at ${secretName} is gone or unreadable now`);
  if (held.clientId === action.clientId || held.previousClientId === action.clientId) {
    return leave(`the secret at ${secretName} now refers to this client`);
  }

  let fresh;
  try {
    fresh = await deps.api.get(action.clientId);
  } catch (error) {
    if (isIscApiError(error) && error.status === 404) return { ...ALREADY_GONE, secretId: secretName };
    throw error;
  }
  const created = parseIsoDate(fresh.created);
  if (fresh.name !== action.name) return leave('renamed since planning');
  if (!created || created.getTime() <= rotatedAt.getTime()) return leave('not created after the last rotation');

  const result = await deps.api.delete(action.clientId);
  return result === 'already-gone' ? { ...ALREADY_GONE, secretId: secretName } : { outcome: 'done', secretId: secretName };
}
