import { createHash } from 'node:crypto';

/**
 * Secrets Manager's ClientRequestToken must be 32-64 characters and is meant to be a UUID. We
 * derive it from the caller's idempotency token (the successor's client id), so a retried write
 * of the same rotation carries the same token and Secrets Manager ignores the duplicate.
 * Layout: an RFC 9562 version 8 ("custom") UUID filled from SHA-256.
 */
export function clientRequestToken(idempotencyToken: string): string {
  if (!idempotencyToken) throw new Error('an idempotency token is required to write a secret');
  const hex = createHash('sha256').update(`isc-oauth-janitor:${idempotencyToken}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [hex.slice(0, 8), hex.slice(8, 12), `8${hex.slice(13, 16)}`, `${variant}${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}
