import { describe, expect, it } from 'vitest';
import type { PlannedAction } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { mergeRotationPlan } from '../../../lambdas/core/plan/merge-rotation-plan.js';

const act = (kind: PlannedAction['kind'], clientId: string, reason = 'stale'): PlannedAction => ({ credential: 'oauth-client', kind, clientId, name: clientId, reason });

describe('mergeRotationPlan', () => {
  it('plans a predecessor that is also stale once, with the rotation reason', () => {
    const { plan } = mergeRotationPlan([act('disable', 'old')], [{ ...act('disable', 'old', 'rotated'), rotationStep: 'retire-predecessor' }]);
    expect(plan).toEqual([{ credential: 'oauth-client', kind: 'disable', clientId: 'old', name: 'old', reason: 'rotated', rotationStep: 'retire-predecessor' }]);
  });

  it('does not rotate a client the staleness rules retire, and says so', () => {
    const { plan, warnings } = mergeRotationPlan([act('disable', 'a')], [act('rotate', 'a', 'old'), act('rotate', 'b', 'old')]);
    expect(plan.map((a) => `${a.kind} ${a.clientId}`)).toEqual(['disable a', 'rotate b']);
    expect(warnings).toEqual(['rotation: a (a) is due for rotation but the staleness rules retire it; not rotated']);
  });

  it('orders disables, deletes, then rotations, each by client id', () => {
    const { plan } = mergeRotationPlan([act('delete', 'd'), act('disable', 'c')], [act('rotate', 'a'), act('delete', 'b')]);
    expect(plan.map((a) => `${a.kind} ${a.clientId}`)).toEqual(['disable c', 'delete b', 'delete d', 'rotate a']);
  });
});
