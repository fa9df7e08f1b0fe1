/**
 * The leak response (`revoke`) is an ordinary rotation whose version id says so: its
 * ClientRequestToken is `revoke-<uuid>`. The rotation steps read the intent from the token they are
 * called with, so every retry of every step sees it, in the Lambda and in the directory store
 * alike, and the secret's version history shows which rotation was a revoke. Secrets Manager's own
 * schedule makes plain UUIDs, so a scheduled rotation is never taken for one.
 */
const PREFIX = 'revoke-';

export function revokeToken(uuid: string): string {
  return `${PREFIX}${uuid}`;
}

export function isRevokeToken(token: string): boolean {
  return token.startsWith(PREFIX);
}
