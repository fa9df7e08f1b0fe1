import { evaluateClient, type EvaluationContext } from '../../core/plan/evaluate-client.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import type { Door } from '../door/door.js';
import { isClient, passPlanned } from '../door/pass-planned.js';
import type { Executor } from './executor.js';

/**
 * Disabling is the undoable first phase: one PATCH through the door, after the client was read
 * again. The lifecycle's disable still needs the staleness rules' verdict; a predecessor's
 * retirement still needs nobody to have used it since its replacement.
 */
export function disableClient(door: Door, evaluation: EvaluationContext): Executor {
  return (action) =>
    passPlanned(door, action, (fresh) => {
      if (!isClient(fresh)) return 'not a client';
      if (!fresh.enabled) return 'already disabled';
      if (action.rotationStep === 'retire-predecessor') {
        const replacedAt = action.replacedAt === undefined ? undefined : parseIsoDate(action.replacedAt);
        const lastUsed = fresh.lastUsed === null ? null : parseIsoDate(fresh.lastUsed);
        if (lastUsed === undefined) return `its lastUsed (${fresh.lastUsed}) cannot be read`;
        return lastUsed !== null && replacedAt && lastUsed.getTime() > replacedAt.getTime() ? `used since its replacement (last used ${fresh.lastUsed})` : undefined;
      }
      const recheck = evaluateClient(fresh, evaluation);
      return recheck.verdict === 'disable' ? undefined : recheck.reason;
    });
}
