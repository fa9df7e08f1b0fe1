import { knownSecrets } from '../../core/known-secrets.js';
import { truncate } from '../../core/text.js';

/**
 * A short, secret-free excerpt of a response body for error messages. Redaction comes BEFORE the
 * cut: a truncated create or token response can hold a secret in its first bytes, and a server
 * echoing a known secret must not leak its first half because the second half was cut off.
 */
export function bodyExcerpt(text: string, maxLength = 80): string {
  const flat = knownSecrets.redact(text).replace(/\s+/g, ' ').trim();
  return truncate(flat, maxLength + 1, '…');
}
