import type { SpecOperation } from './spec/spec-types.js';
import type { TokenSubject } from './token-issuer.js';

/** The scope that grants everything its holder may do. */
export const ALL_SCOPES = 'sp:scopes:all';

/**
 * The 403 check, read from the operation's `security` in the spec: a plain API client's token
 * (application context) may only call operations that list `applicationAuth` (get one OAuth
 * client); a PAT's token needs `sp:scopes:all` or one of the operation's `userAuth` scopes.
 * Client tokens' scopes are not checked: ISC's rules for them are not documented beyond that.
 * Returns the refusal's message, or undefined when the call may go ahead.
 */
export function authorizeOperation(operation: Pick<SpecOperation, 'security'>, subject: TokenSubject): string | undefined {
  const refuse = 'The server understood the request but refuses to authorize it';
  if (subject.kind === 'client') {
    if (operation.security.some((requirement) => 'applicationAuth' in requirement)) return undefined;
    return `${refuse}: this operation needs a user-context token (a personal access token).`;
  }
  if (subject.scope.includes(ALL_SCOPES)) return undefined;
  const wanted = operation.security.flatMap((requirement) => requirement.userAuth ?? []);
  if (wanted.some((scope) => subject.scope.includes(scope))) return undefined;
  return `${refuse}: the token's scopes (${subject.scope.join(' ') || 'none'}) include none of ${wanted.join(', ')}.`;
}

/** True when a PAT token's scopes include one of these (or `sp:scopes:all`). */
export function hasScope(subject: TokenSubject, ...scopes: string[]): boolean {
  return subject.scope.includes(ALL_SCOPES) || scopes.some((scope) => subject.scope.includes(scope));
}
