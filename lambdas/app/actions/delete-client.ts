import type { EvaluationContext } from '../../core/plan/evaluate-client.js';
import { evaluateClient } from '../../core/plan/evaluate-client.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import type { OAuthClientsApi } from '../../core/ports.js';
import type { Executor, ExecutorResult } from './executor.js';

/**
 * Deletion cannot be undone, so the client is fetched and judged again right before it: if it
 * was re-enabled, used or modified since the list was read, it is left alone.
 */
export function deleteClient(api: OAuthClientsApi, evaluation: EvaluationContext): Executor {
  return async (action) => {
    let fresh;
    try {
      fresh = await api.get(action.clientId);
    } catch (error) {
      // A 404 here may come from a proxy, not ISC: let the DELETE itself confirm (204, or ISC's
      // own JSON 404 = already gone) rather than trusting the GET.
      if (!(isIscApiError(error) && error.status === 404)) throw error;
      return confirmDelete(api, action.clientId);
    }
    const recheck = evaluateClient(fresh, evaluation);
    if (recheck.verdict !== 'delete') {
      return { outcome: 'skipped', detail: `no longer qualifies at the pre-delete check (${recheck.reason}); left alone` };
    }
    return confirmDelete(api, action.clientId);
  };
}

/**
 * A 404 means someone else (a person, a concurrent run) deleted it first: reported as `skipped`,
 * never `done`, so two runs never both claim the same deletion and `deleted` counts our own.
 */
async function confirmDelete(api: OAuthClientsApi, clientId: string): Promise<ExecutorResult> {
  const result = await api.delete(clientId);
  return result === 'already-gone' ? ALREADY_GONE : { outcome: 'done' };
}

export const ALREADY_GONE: ExecutorResult = { outcome: 'skipped', detail: 'already gone' };
