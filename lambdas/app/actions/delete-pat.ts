import type { PersonalAccessToken } from '../../core/model/personal-access-token.js';
import { evaluatePat, type PatEvaluationContext } from '../../core/plan/evaluate-pat.js';
import type { PersonalAccessTokensApi } from '../../core/ports.js';
import { ALREADY_GONE } from './delete-client.js';
import type { Executor } from './executor.js';

/**
 * A token's deletion cannot be undone either, so it is judged again right before it. ISC has no
 * get-by-id for tokens: the first deletion of the run lists the tenant's tokens afresh, and every
 * deletion is re-checked against that list (seconds old, not the minutes-old plan). A token used,
 * exempted or gone since the plan was made is left alone.
 */
export function deletePat(api: PersonalAccessTokensApi, context: PatEvaluationContext): Executor {
  let fresh: Promise<ReadonlyMap<string, PersonalAccessToken>> | undefined;
  return async (action) => {
    fresh ??= api.list().then(({ tokens }) => new Map(tokens.map((token) => [token.id, token])));
    const token = (await fresh).get(action.clientId);
    if (token === undefined) return { outcome: 'skipped', detail: 'not listed any more at the pre-delete check; left alone' };
    const recheck = evaluatePat(token, context);
    if (recheck.verdict !== 'delete') {
      return { outcome: 'skipped', detail: `no longer qualifies at the pre-delete check (${recheck.reason}); left alone` };
    }
    // ISC's 404: someone else deleted it first; reported as skipped, never as our own deletion.
    return (await api.delete(action.clientId)) === 'already-gone' ? ALREADY_GONE : { outcome: 'done' };
  };
}
