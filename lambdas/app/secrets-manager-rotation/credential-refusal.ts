import { isIscApiError, isIscAuthError } from '../../core/isc-api-error.js';

/** A new credential failed its test in a way waiting will not fix (set by the test itself). */
export class CredentialRefusedError extends Error {
  override readonly name = 'CredentialRefusedError';
}

/**
 * True when ISC answered about the credential itself: it refused the token (401), the new
 * credential may not do what it must (403), or it is gone (404). Only then is a rotation rolled
 * back; a network error, a timeout or a 5xx says nothing about the credential, so the step just
 * fails and Secrets Manager's retry tests it again.
 */
export function isCredentialRefusal(error: unknown): boolean {
  if (error instanceof CredentialRefusedError || isIscAuthError(error)) return true;
  return isIscApiError(error) && error.kind === 'http' && (error.status === 401 || error.status === 403 || error.status === 404);
}
