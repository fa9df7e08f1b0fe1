import type { CredentialState, DoorRequest } from '../../model/door-request.js';

export type FreshStateVerdict =
  | { readonly verdict: 'fresh'; readonly state: CredentialState }
  | { readonly verdict: 'gone'; readonly reason: string }
  | { readonly verdict: 'refuse'; readonly reason: string }
  | { readonly verdict: 'conflict'; readonly reason: string };

/**
 * Fresh state and same credential: `copies` is what ISC answered when asked again right before
 * the call (a GET gives one, a list may give the same id twice). Nothing: it is already gone.
 * An answer about another id: refused (a mock or proxy that answers every id with one record
 * would have the call judged on someone else's data). Copies that disagree: left alone, with
 * both named, since which of them is true cannot be told.
 */
export function checkFreshState(request: DoorRequest, copies: readonly CredentialState[]): FreshStateVerdict {
  if (copies.length === 0) return { verdict: 'gone', reason: 'already gone' };
  const other = copies.find((copy) => copy.id !== request.id);
  if (other) {
    return { verdict: 'refuse', reason: `asked for ${request.id}, ISC answered with ${other.id}; refused, nothing sent` };
  }
  const first = copies[0]!;
  const differing = copies.find((copy) => describe(copy) !== describe(first));
  if (differing) {
    return {
      verdict: 'conflict',
      reason: `ISC lists ${request.id} more than once with different states (${describe(first)} / ${describe(differing)}); left alone`,
    };
  }
  return { verdict: 'fresh', state: first };
}

/** `enabled, last used 2026-12-05T10:00:00Z, created ...`: a copy in words, to compare and to name. */
function describe(copy: CredentialState): string {
  return `${copy.enabled ? 'enabled' : 'disabled'}, last used ${copy.lastUsed ?? 'never'}, created ${copy.created}, named ${copy.name ?? '(none)'}`;
}
