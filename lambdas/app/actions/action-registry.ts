import type { EvaluationContext } from '../../core/plan/evaluate-client.js';
import type { PatEvaluationContext } from '../../core/plan/evaluate-pat.js';
import type { OAuthClientsApi, PersonalAccessTokensApi } from '../../core/ports.js';
import { removeLeftover } from '../in-run-rotation/remove-leftover.js';
import { rotateClient } from '../in-run-rotation/rotate-client.js';
import type { RotationDeps } from '../in-run-rotation/rotation-deps.js';
import { deleteClient } from './delete-client.js';
import { deletePat } from './delete-pat.js';
import { disableClient } from './disable-client.js';
import type { Executor, ExecutorKind } from './executor.js';

export interface ActionRegistryDeps {
  readonly api: OAuthClientsApi;
  readonly evaluation: EvaluationContext;
  /** Where managed secrets live; without it rotation steps are never planned, and refused if they were. */
  readonly rotation?: RotationDeps;
  /** The personal access tokens API and the context tokens were judged in; without it no token deletion is planned. */
  readonly pats?: { readonly api: PersonalAccessTokensApi; readonly evaluation: PatEvaluationContext };
}

/**
 * The action registry (after Cloud Custodian's): one executor per kind, and the `Record` type
 * makes the compiler prove that every kind the plan can hold has one.
 */
export function createActionRegistry(deps: ActionRegistryDeps): Record<ExecutorKind, Executor> {
  const { rotation, pats } = deps;
  return {
    disable: disableClient(deps.api),
    delete: deleteClient(deps.api, deps.evaluation),
    rotate: rotation ? (action) => rotateClient(action, rotation) : withoutStore,
    'remove-leftover': rotation ? (action) => removeLeftover(action, rotation) : withoutStore,
    'delete-pat': pats ? deletePat(pats.api, pats.evaluation) : withoutPatsApi,
  };
}

/** Reached only if a plan holds a rotation step while no secret store was configured. */
const withoutStore: Executor = async () => ({ outcome: 'failed', error: { message: 'no secret store is configured for this run' } });

/** Reached only if a plan holds a token deletion while the run has no personal access tokens API. */
const withoutPatsApi: Executor = async () => ({ outcome: 'failed', error: { message: 'this run has no access to personal access tokens' } });
