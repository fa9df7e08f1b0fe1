import { describe, expect, it } from 'vitest';
import type { PlannedAction } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { DEFAULT_POLICY } from '../../../lambdas/core/model/policy.js';
import { silentLogger } from '../../../lambdas/core/run-logger.js';
import type { Executor } from '../../../lambdas/app/actions/executor.js';
import { createActionRegistry } from '../../../lambdas/app/actions/action-registry.js';
import { executePlan } from '../../../lambdas/app/execute-plan.js';

/** The two rotation steps, faked: what the registry binds to the rotation executors. */
interface RotationExecutors {
  readonly rotate: Executor;
  readonly removeLeftover: Executor;
}
import { NOW } from '../../core/make-client.js';
import { recordingDoor } from '../door/recording-door.js';

const SECRET = 'isc-oauth-janitor/clients/acme/ci-deploy';
const step = (kind: PlannedAction['kind'], clientId: string, rotationStep: PlannedAction['rotationStep'], secretName = SECRET): PlannedAction => ({
  credential: 'oauth-client',
  kind,
  clientId,
  name: 'ci-deploy',
  reason: 'r',
  secretName,
  rotationStep,
});

function run(plan: PlannedAction[], rotation: RotationExecutors) {
  const calls: string[] = [];
  const door = recordingDoor(calls);
  const wrapped: RotationExecutors = {
    rotate: (action) => (calls.push(`rotate ${action.clientId}`), rotation.rotate(action)),
    removeLeftover: (action) => (calls.push(`leftover ${action.clientId}`), rotation.removeLeftover(action)),
  };
  const registry = {
    ...createActionRegistry({ door, evaluation: { policy: DEFAULT_POLICY, now: NOW, selfClientId: 'self' } }),
    rotate: wrapped.rotate,
    'remove-leftover': wrapped.removeLeftover,
  };
  return executePlan(plan, registry, silentLogger, { concurrency: 2, outOfTime: () => false }).then((results) => ({ results, calls }));
}

describe('executePlan with rotation steps', () => {
  it('removes left-overs after disables and before rotations', async () => {
    const done = async () => ({ outcome: 'done' as const });
    const { calls } = await run([step('rotate', 'cur', 'rotate'), step('delete', 'orphan', 'remove-leftover'), step('disable', 'old', 'retire-predecessor')], { rotate: done, removeLeftover: done });
    expect(calls).toEqual(['disable old', 'leftover orphan', 'rotate cur']);
  });

  it('does not rotate a name whose left-over could not be removed, but rotates other names', async () => {
    const { results, calls } = await run(
      [step('delete', 'orphan', 'remove-leftover'), step('rotate', 'cur', 'rotate'), step('rotate', 'other', 'rotate', 'elsewhere')],
      {
        rotate: async () => ({ outcome: 'done' }),
        removeLeftover: async () => {
          throw new Error('DELETE failed: 500');
        },
      },
    );
    expect(calls).toEqual(['leftover orphan', 'rotate other']);
    expect(results.find((r) => r.clientId === 'cur')).toMatchObject({
      outcome: 'not-attempted',
      detail: 'a left-over successor of an earlier rotation could not be removed first; not rotated',
      secretId: SECRET,
    });
  });
});
