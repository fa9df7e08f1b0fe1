import { describe, expect, it } from 'vitest';
import { checkGuard } from '../../../lambdas/core/rules/check-guard.js';
import type { PlannedAction } from '../../../lambdas/core/plan/evaluate-tenant.js';
import type { PlannedActionKind } from '../../../lambdas/core/report/run-report.js';

const planOf = (count: number, kind: PlannedActionKind = 'disable'): PlannedAction[] =>
  Array.from({ length: count }, (_, index) => ({ credential: 'oauth-client' as const, kind, clientId: `c${index}`, name: `n${index}`, reason: 'r' }));
const limits = { maxActions: 50, maxFraction: 0.25 };

describe('checkGuard', () => {
  it.each([
    [50, 1000, true],
    [51, 1000, false],
  ])('by count: %i actions of %i clients allowed=%s', (actions, total, allowed) => {
    expect(checkGuard(planOf(actions), total, limits).allowed).toBe(allowed);
  });

  it.each([
    [25, 100, true],
    [26, 100, false],
    [1, 4, true],
    [2, 7, false],
  ])('by fraction: %i actions of %i clients allowed=%s', (actions, total, allowed) => {
    expect(checkGuard(planOf(actions), total, limits).allowed).toBe(allowed);
  });

  it('names the numbers and the fraction limit', () => {
    expect(checkGuard(planOf(60), 200, { maxActions: 100, maxFraction: 0.25 })).toEqual({
      allowed: false,
      reason: 'the plan would change 60 of 200 clients (30%), over limits.maxFraction 0.25 (25%); nothing was changed',
    });
  });

  it('names the count limit', () => {
    expect(checkGuard(planOf(51), 1000, limits)).toEqual({
      allowed: false,
      reason: 'the plan would change 51 of 1000 clients (5.1%), over limits.maxActions 50; nothing was changed',
    });
  });

  it('names both limits when both are passed', () => {
    const verdict = checkGuard(planOf(3), 9, { maxActions: 2, maxFraction: 0.1 });
    expect(verdict).toEqual({
      allowed: false,
      reason: 'the plan would change 3 of 9 clients (33.33%), over limits.maxActions 2 and limits.maxFraction 0.1 (10%); nothing was changed',
    });
  });

  it('counts deletes and rotations like disables', () => {
    expect(checkGuard([...planOf(1), ...planOf(1, 'delete')], 4, { maxActions: 1, maxFraction: 1 }).allowed).toBe(false);
    expect(checkGuard(planOf(1, 'rotate'), 10, { maxActions: 0, maxFraction: 1 }).allowed).toBe(false);
    expect(checkGuard([...planOf(1), ...planOf(1, 'rotate')], 10, { maxActions: 1, maxFraction: 1 })).toEqual({
      allowed: false,
      reason: 'the plan would change 2 of 10 clients (20%), over limits.maxActions 1; nothing was changed',
    });
  });

  it('allows an empty plan, even with zero limits or an empty tenant', () => {
    expect(checkGuard([], 0, { maxActions: 0, maxFraction: 0 })).toEqual({ allowed: true });
  });

  it('blocks any action when maxActions or maxFraction is 0', () => {
    expect(checkGuard(planOf(1), 100, { maxActions: 0, maxFraction: 1 }).allowed).toBe(false);
    expect(checkGuard(planOf(1), 100, { maxActions: 10, maxFraction: 0 }).allowed).toBe(false);
  });

  it('refuses a plan larger than the tenant instead of dividing by a bad total', () => {
    expect(checkGuard(planOf(2), 0, { maxActions: 10, maxFraction: 1 })).toEqual({
      allowed: false,
      reason: 'the plan would change 2 clients but the tenant lists only 0; nothing was changed',
    });
    expect(checkGuard(planOf(2), Number.NaN, { maxActions: 10, maxFraction: 1 }).allowed).toBe(false);
  });

  it('says, for a plan mixing clients and tokens, the total it counted and which kind is over its fraction', () => {
    const tokens: PlannedAction[] = Array.from({ length: 2 }, (_, index) => ({ credential: 'personal-access-token', kind: 'delete', clientId: `p${index}`, name: `p${index}`, reason: 'r' }));
    expect(checkGuard([...planOf(1), ...tokens], 10, { maxActions: 2, maxFraction: 0.5 }, 3)).toEqual({
      allowed: false,
      reason:
        'the plan would change 1 of 10 clients (10%) and 2 of 3 personal access tokens (66.67%), over limits.maxActions 2 (3 changes in all) and limits.maxFraction 0.5 (50%) for personal access tokens; nothing was changed',
    });
  });
});
