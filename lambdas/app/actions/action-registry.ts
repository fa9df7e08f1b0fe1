import type { EvaluationContext } from '../../core/plan/evaluate-client.js';
import type { PatEvaluationContext } from '../../core/plan/evaluate-pat.js';
import type { Door } from '../door/door.js';
import { removeLeftover } from '../in-run-rotation/remove-leftover.js';
import { rotateClient } from '../in-run-rotation/rotate-client.js';
import type { RotationDeps } from '../in-run-rotation/rotation-deps.js';
import { deleteClient } from './delete-client.js';
import { deletePat } from './delete-pat.js';
import { disableClient } from './disable-client.js';
import type { Executor, ExecutorKind } from './executor.js';

export interface ActionRegistryDeps {
  /** Every disable and delete goes through it. */
  readonly door: Door;
  readonly evaluation: EvaluationContext;
  /** Where managed secrets live; without it rotation steps are never planned, and refused if they were. */
  readonly rotation?: RotationDeps;
  /** The context tokens were judged in; without it only the janitor's own previous PAT can be planned for deletion. */
  readonly pats?: { readonly evaluation: PatEvaluationContext };
}

/**
 * The action registry (after Cloud Custodian's): one executor per kind, and the `Record` type
 * makes the compiler prove that every kind the plan can hold has one.
 */
export function createActionRegistry(deps: ActionRegistryDeps): Record<ExecutorKind, Executor> {
  const { rotation, door } = deps;
  return {
    disable: disableClient(door, deps.evaluation),
    delete: deleteClient(door, deps.evaluation),
    rotate: rotation ? (action) => rotateClient(action, rotation) : withoutStore,
    'remove-leftover': rotation ? (action) => removeLeftover(action, rotation) : withoutStore,
    'delete-pat': deletePat(door, deps.pats?.evaluation),
  };
}

/** Reached only if a plan holds a rotation step while no secret store was configured. */
const withoutStore: Executor = async () => ({ outcome: 'failed', error: { message: 'no secret store is configured for this run' } });
