import { truncate } from '../../core/text.js';

/**
 * A short, secret-free excerpt of a response body for error messages. A truncated create or
 * token response can hold a secret or token in its first bytes, so secret-looking JSON members
 * and bearer tokens are masked before cutting, and a truncated member at the cut is masked too.
 */

const SECRET_MEMBER = /("(?:secret|client_secret|clientSecret|access_token|refresh_token|token)"\s*:\s*)"[^"]*("|$)/gi;
const BEARER = /\bBearer\s+[\w.~+/=-]+/gi;

export function redactSecrets(text: string): string {
  return text.replace(SECRET_MEMBER, '$1"[redacted]$2').replace(BEARER, 'Bearer [redacted]');
}

export function bodyExcerpt(text: string, maxLength = 80): string {
  const flat = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return truncate(flat, maxLength + 1, '…');
}
