import type { RotationExecutors } from '../execute-plan.js';
import { removeLeftover } from './remove-leftover.js';
import { rotateClient } from './rotate-client.js';
import type { RotationDeps } from './rotation-deps.js';

/** The rotation steps for executePlan's registry, bound to one run's store and tenant. */
export function createRotationExecutors(deps: RotationDeps): RotationExecutors {
  return {
    rotate: (action) => rotateClient(action, deps),
    removeLeftover: (action) => removeLeftover(action, deps),
  };
}
