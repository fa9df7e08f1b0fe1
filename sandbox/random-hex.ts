import { randomBytes } from 'node:crypto';

/** Unpredictable hex (ids, secrets, tracking ids): `bytes` bytes give `2 * bytes` characters. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
