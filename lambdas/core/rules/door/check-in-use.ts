import { DAY_MS } from '../../dates.js';
import type { CredentialState, DoorRequest } from '../../model/door-request.js';
import { parseIsoDate } from '../../parse-iso-date.js';

export interface InUseContext {
  readonly now: Date;
  /** The policy's staleness window in days (`disableAfterDays`; `pats.deleteAfterDays` for tokens). */
  readonly windowDays: number;
  /** Ids any stage (AWSCURRENT, AWSPENDING, AWSPREVIOUS) of any managed secret refers to. */
  readonly heldBySecrets: ReadonlySet<string>;
  /** Created by this process and its secret never stored: the only credential a roll-back may delete in use. */
  readonly ownUnstored: boolean;
}

export type InUseVerdict =
  | { readonly verdict: 'free' }
  | { readonly verdict: 'keep'; readonly reason: string }
  /** A left-over that is somebody's after all: listed in the report for a person, never deleted. */
  | { readonly verdict: 'for-a-person'; readonly reason: string };

/**
 * In use means kept. A credential used within the staleness window is never deleted, whatever
 * the reason; for one a rotation replaced, the window starts at its replacement (its use before
 * that was the use its successor took over). A left-over must never have been used, and no stage
 * of any managed secret may refer to it. The one exception: the roll-back of a credential this
 * same process created and whose secret it never stored (nobody can have used it on purpose).
 * Disabling is undoable and is judged by its own reason's rule, not here.
 */
export function checkInUse(request: DoorRequest, state: CredentialState, context: InUseContext): InUseVerdict {
  if (request.operation !== 'delete') return { verdict: 'free' };
  if (request.reason === 'rollback-own-creation' && context.ownUnstored) return { verdict: 'free' };
  const lastUsed = state.lastUsed === null ? null : parseIsoDate(state.lastUsed);
  if (lastUsed === undefined) return { verdict: 'keep', reason: `its lastUsed (${state.lastUsed}) cannot be read; kept` };
  if (request.reason === 'left-over') {
    if (lastUsed !== null) {
      return { verdict: 'for-a-person', reason: `it looks like a left-over but was used (last used ${state.lastUsed}): somebody uses it; a person should decide, never deleted by the janitor` };
    }
    if (context.heldBySecrets.has(request.id)) {
      return { verdict: 'for-a-person', reason: 'it looks like a left-over but a managed secret stage refers to it; a person should decide, never deleted by the janitor' };
    }
  }
  if (lastUsed === null) return { verdict: 'free' };
  const windowStart = context.now.getTime() - context.windowDays * DAY_MS;
  const since = Math.max(windowStart, request.replacedAt?.getTime() ?? -Infinity);
  if (lastUsed.getTime() > since) {
    const window = request.replacedAt && request.replacedAt.getTime() > windowStart ? `since it was replaced on ${request.replacedAt.toISOString()}` : `within the last ${context.windowDays} days`;
    return { verdict: 'keep', reason: `in use: last used ${state.lastUsed}, ${window}; kept` };
  }
  return { verdict: 'free' };
}
