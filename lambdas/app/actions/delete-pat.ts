import { evaluatePat, type PatEvaluationContext } from '../../core/plan/evaluate-pat.js';
import type { Door } from '../door/door.js';
import { isClient, passPlanned } from '../door/pass-planned.js';
import type { Executor } from './executor.js';

/**
 * A token's deletion cannot be undone either: the door lists the tokens again right before it
 * (ISC has no get-by-id for tokens), leaves alone a token listed twice with different states, and
 * the token rules judge the fresh copy: a token used, exempted or gone since the plan stays.
 * The janitor's own previous PAT (a retirement) is judged by the door's rules alone: the
 * credential review decided it, and the token rules exempt the janitor's own credentials.
 */
export function deletePat(door: Door, context: PatEvaluationContext | undefined): Executor {
  return (action) =>
    passPlanned(door, action, (fresh) => {
      if (isClient(fresh)) return 'not a personal access token';
      if (action.rotationStep === 'retire-predecessor') return undefined;
      if (!context) return 'personal access tokens are not governed in this run';
      const recheck = evaluatePat(fresh, context);
      return recheck.verdict === 'delete' ? undefined : recheck.reason;
    });
}
