import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import type { ExecutorResult } from '../actions/executor.js';
import { creatableRequestOf } from './creatable-request-of.js';
import { createAndStoreClient, managedSecretSlot, managedSecretTags } from './create-and-store-client.js';
import type { RotationDeps } from './rotation-deps.js';
import { handOverToRotation } from './hand-over-to-rotation.js';

/**
 * The `rotate` executor: fetch the current client, create a successor with
 * every creatable field copied, and store the successor's secret with `previousClientId` set to
 * the client it replaces. The predecessor stays enabled: a later run retires it after the overlap.
 * Where the store can, the secret is then handed to Secrets Manager rotation (adoption): this is
 * the last rotation the nightly run makes for it.
 */
export async function rotateClient(action: PlannedAction, deps: RotationDeps): Promise<ExecutorResult> {
  const secretName = action.secretName;
  if (!secretName) throw new Error(`rotation of ${action.clientId} was planned without a secret name`);

  // Another run (or a person) may have rotated this name since we planned: never rotate twice.
  const held = await deps.store.read(secretName);
  if (held && held.clientId !== action.clientId) {
    return { outcome: 'skipped', detail: `the secret at ${secretName} now holds client ${held.clientId}; not rotated again`, secretId: secretName };
  }
  const current = await deps.api.get(action.clientId);
  if (!current.enabled) {
    return { outcome: 'skipped', detail: 'disabled since planning; not rotated', secretId: secretName };
  }
  if (current.name !== action.name) {
    return { outcome: 'skipped', detail: 'renamed since planning; not rotated', secretId: secretName };
  }

  const request = creatableRequestOf(current);
  const stored = await createAndStoreClient(deps, request, managedSecretSlot(deps.store, secretName, managedSecretTags(request.name)), current.id);
  const rotation = deps.rotationAfterDays === undefined ? undefined : await handOverToRotation(deps.store, secretName, deps.rotationAfterDays, deps.logger);
  return {
    outcome: 'done',
    detail: `successor ${stored.clientId} created; its secret is stored at ${secretName}; ${current.id} stays enabled until consumers move${rotation ? `; ${rotation}` : ''}`,
    successorId: stored.clientId,
    secretId: stored.secretArn,
  };
}
