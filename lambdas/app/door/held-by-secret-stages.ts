import type { DoorRequest } from '../../core/model/door-request.js';
import type { SecretStore } from '../../core/ports.js';

/**
 * The nightly run's side of "rotation and the nightly run cannot collide": before a delete, the
 * ids every stage (AWSCURRENT and its previousClientId, AWSPENDING, AWSPREVIOUS) of every managed
 * secret refers to, and the door never deletes one of them.
 *
 * Chosen over holding the tenant's lease in the rotation function: the race is between steps
 * (the nightly run deleting a successor after createSecret staged it, before finishSecret), and a
 * lease held per step leaves exactly those gaps open, while it would make the rotation function
 * depend on the registry table (the directory store and tenants from the environment have none).
 * A stage is the truth both sides share; finishSecret checks the other way round (it refuses to
 * promote a pending client that is gone or disabled).
 *
 * All managed secrets are read once, at the first delete (after the plan, right before acting);
 * the secret the action itself names is read again at every call.
 */
export function heldBySecretStages(store: SecretStore, secretNames: readonly string[]): (request: DoorRequest) => Promise<ReadonlySet<string>> {
  let all: Promise<Set<string>> | undefined;
  return async (request) => {
    all ??= stageIds(store, secretNames);
    const held = new Set(await all);
    if (request.secretName) for (const id of await stageIds(store, [request.secretName])) held.add(id);
    return held;
  };
}

async function stageIds(store: SecretStore, names: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  // Sequential on purpose: a handful of names, and Secrets Manager throttles bursts.
  for (const name of names) {
    const current = await store.read(name);
    if (!current) continue;
    ids.add(current.clientId);
    if (current.previousClientId) ids.add(current.previousClientId);
    // Their own client only: what an older version called previous is two rotations old.
    for (const other of [await store.readPending?.(name), await store.readPrevious?.(name)]) if (other) ids.add(other.clientId);
  }
  return ids;
}
