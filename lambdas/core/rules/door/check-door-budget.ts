import type { DoorRequest } from '../../model/door-request.js';
import type { Policy } from '../../model/policy.js';
import type { CredentialKind } from '../../report/run-report.js';

/** What one door has let through so far, per kind of credential. */
export type DoorSpent = Readonly<Record<CredentialKind, number>>;

export interface DoorBudget {
  readonly limits: Policy['limits'];
  /** How many credentials of each kind the run saw; absent: unknown, so only maxActions applies. */
  readonly totals?: Partial<Readonly<Record<CredentialKind, number>>> | undefined;
}

export type DoorBudgetVerdict = { readonly verdict: 'within' } | { readonly verdict: 'over'; readonly reason: string };

/**
 * Guard: every destructive call the door lets through counts towards `limits.maxActions` (all
 * kinds together) and `limits.maxFraction` (of its kind's total), whatever its reason:
 * retirements, left-overs and roll-backs count like the policy's own actions. The run's plan was
 * judged as a whole before (checkGuard); this holds for calls outside any plan too.
 *
 * A roll-back of the process's own creation counts but is never refused: refusing it would leave
 * a credential nobody has the secret of, and the creation it undoes was counted already.
 */
export function checkDoorBudget(request: DoorRequest, spent: DoorSpent, budget: DoorBudget): DoorBudgetVerdict {
  if (request.reason === 'rollback-own-creation') return { verdict: 'within' };
  const { maxActions, maxFraction } = budget.limits;
  const after = spent['oauth-client'] + spent['personal-access-token'] + 1;
  if (after > maxActions) {
    return { verdict: 'over', reason: `blocked by the guard: this would be destructive call ${after} of the run, over limits.maxActions ${maxActions}` };
  }
  const total = budget.totals?.[request.credential];
  const ofKind = spent[request.credential] + 1;
  if (total !== undefined && (!(total >= ofKind) || ofKind / total > maxFraction)) {
    return { verdict: 'over', reason: `blocked by the guard: this would change ${ofKind} of ${total} listed, over limits.maxFraction ${maxFraction}` };
  }
  return { verdict: 'within' };
}
