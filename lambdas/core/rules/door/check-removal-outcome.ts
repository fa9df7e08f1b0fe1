import type { CredentialState, DoorRequest } from '../../model/door-request.js';

export type RemovalOutcomeVerdict = { readonly verdict: 'done' } | { readonly verdict: 'failed'; readonly reason: string };

/**
 * Real outcome: a disable counts as done only when ISC's answer is the client asked for and
 * shows it disabled. A 200 about another id, or one still enabled, is a failure to report, not
 * a success to count.
 */
export function checkDisableAnswer(request: DoorRequest, answer: CredentialState): RemovalOutcomeVerdict {
  if (answer.id !== request.id) return { verdict: 'failed', reason: `ISC answered the disable of ${request.id} with client ${answer.id}; not counted as done` };
  if (answer.enabled) return { verdict: 'failed', reason: `ISC answered the disable of ${request.id} with the client still enabled; not counted as done` };
  return { verdict: 'done' };
}
