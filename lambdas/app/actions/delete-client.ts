import type { EvaluationContext } from '../../core/plan/evaluate-client.js';
import { evaluateClient } from '../../core/plan/evaluate-client.js';
import type { Door } from '../door/door.js';
import { isClient, passPlanned } from '../door/pass-planned.js';
import type { Executor } from './executor.js';

/**
 * Deletion cannot be undone, so the door reads the client again right before it and the
 * staleness rules judge that copy: if it was re-enabled, used or modified since the list was
 * read, it is left alone.
 */
export function deleteClient(door: Door, evaluation: EvaluationContext): Executor {
  return (action) =>
    passPlanned(door, action, (fresh) => {
      if (!isClient(fresh)) return 'not a client';
      const recheck = evaluateClient(fresh, evaluation);
      return recheck.verdict === 'delete' ? undefined : recheck.reason;
    });
}
