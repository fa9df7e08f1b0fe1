import type { OAuthClientRequest } from '../model/oauth-client.js';
import type { Policy } from '../model/policy.js';

/** One thing wrong with a create request: the request field and why, in words a person can act on. */
export interface CreationProblem {
  /** `client.scope[1]`, `client.internal`, ... */
  readonly field: string;
  readonly reason: string;
}

export type CreationVerdict = { readonly allowed: true } | { readonly allowed: false; readonly problems: readonly CreationProblem[] };

/**
 * Governed creation against the policy's `creation` block. Every problem is named at once, so a
 * requester fixes the request in one go. A scope is quoted only when it equals a policy entry
 * (never a value the policy does not already hold), so a secret pasted into a field cannot
 * reach an error message.
 *
 * A missing or empty scope is always refused, whatever the block says: ISC turns it into
 * `sp:scopes:all`, and a request should list the rights it needs.
 */
export function checkCreationRequest(request: OAuthClientRequest, creation: Policy['creation']): CreationVerdict {
  const problems: CreationProblem[] = [];
  const scope = request.scope ?? [];
  if (scope.length === 0) {
    problems.push({ field: 'client.scope', reason: 'an empty scope grants sp:scopes:all; list the scopes the client needs' });
  }
  // Forbidden is matched loosely (trimmed, any case) and allowed exactly: whichever way ISC reads
  // ` SP:Scopes:All`, a near-miss of a forbidden scope is refused rather than let through.
  const forbidden = new Map(creation.forbiddenScopes.map((name) => [name.toLowerCase(), name]));
  scope.forEach((entry, index) => {
    const field = `client.scope[${index}]`;
    const name = entry.trim();
    const forbiddenAs = forbidden.get(name.toLowerCase());
    if (name === '') problems.push({ field, reason: 'an empty scope name; remove it' });
    else if (forbiddenAs !== undefined) {
      problems.push({ field, reason: `${forbiddenAs} is forbidden by creation.forbiddenScopes; ask for the narrower scopes the client needs` });
    } else if (creation.allowedScopes && !creation.allowedScopes.includes(entry)) {
      problems.push({ field, reason: 'is not in creation.allowedScopes; use an allowed scope or ask for the policy to allow it' });
    }
  });
  if (request.accessTokenValiditySeconds > creation.maxAccessTokenValiditySeconds) {
    problems.push({
      field: 'client.accessTokenValiditySeconds',
      reason: `is over creation.maxAccessTokenValiditySeconds (${creation.maxAccessTokenValiditySeconds}); ask for a shorter validity`,
    });
  }
  if (request.internal === true && !creation.allowInternal) {
    problems.push({
      field: 'client.internal',
      reason: 'an internal client is exempt from the janitor from birth (exempt.internal); refused unless creation.allowInternal is true',
    });
  }
  return problems.length === 0 ? { allowed: true } : { allowed: false, problems };
}
