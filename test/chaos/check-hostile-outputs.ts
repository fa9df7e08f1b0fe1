import type { RequestLogEntry } from '../../sandbox/start-sandbox.js';
import { captureAccessTokens } from '../support/capture-access-tokens.js';
import { findSecretLeaks } from './find-secret-leaks.js';

let tokens: string[] | undefined;

/**
 * Every access token the sandbox issued since the first call in this test file: fetch is watched
 * from then on. The janitor's own secret registry is not asked: it is what is under test.
 */
export function issuedTokens(): readonly string[] {
  tokens ??= captureAccessTokens();
  return tokens;
}

/**
 * The hostile-world invariants of one chaos run. inv4: no known secret (the PAT secret, every
 * access token issued, whatever `secrets` adds) in any output, echoes by the server included.
 * inv6: no redirect was followed (the sandbox's redirect fault points at its own `/redirected`
 * path, so a client that followed one shows up in the request log).
 */
export function checkHostileOutputs(requests: readonly RequestLogEntry[], outputs: readonly string[], secrets: readonly string[]): string[] {
  const followed = requests.filter((entry) => entry.path.startsWith('/redirected/'));
  return [
    ...followed.map((entry) => `inv6: a redirect was followed: ${entry.method} ${entry.path}`),
    ...findSecretLeaks(outputs, [...secrets, ...issuedTokens()]),
  ];
}
