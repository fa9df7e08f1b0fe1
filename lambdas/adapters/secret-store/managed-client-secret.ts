import * as z from 'zod';
import type { ManagedClientSecret } from '../../core/ports.js';
import { hideSecret } from '../../core/hide-secret.js';
import { parseSecretJson, requiredString } from './parse-secret-json.js';
import type { SecretCodec } from './secret-codec.js';

const EXPECTED = '{"clientId","clientSecret","baseUrl","rotatedAt","previousClientId"}';

export const managedClientSecretSchema = z.object({
  clientId: z.string(requiredString('a string')).min(1, 'must not be empty'),
  clientSecret: z.string(requiredString('a string')).min(1, 'must not be empty'),
  baseUrl: z.url({ protocol: /^https?$/, ...requiredString('an http(s) URL') }),
  rotatedAt: z.iso.datetime({ offset: true, ...requiredString('an ISO date-time such as 2026-01-31T00:00:00.000Z') }),
  // A hand-made secret for a client that was never rotated may leave it out.
  previousClientId: z.string({ error: 'must be a client id or null' }).min(1).nullable().default(null),
});

/** Validate a managed client secret (already parsed or as text); `clientSecret` stays hidden. */
export function parseManagedClientSecret(text: string | undefined, source: string): ManagedClientSecret {
  const value = parseSecretJson(text, managedClientSecretSchema, source, EXPECTED);
  return hideSecret<ManagedClientSecret>(value, 'clientSecret');
}

/** The stored form: exactly the port's fields, in a stable order (no stray properties). */
export function serializeManagedClientSecret(value: ManagedClientSecret): string {
  const { clientId, clientSecret, baseUrl, rotatedAt, previousClientId } = value;
  return JSON.stringify({ clientId, clientSecret, baseUrl, rotatedAt, previousClientId });
}

/** A managed client secret as the staged stores read and write it. */
export const managedClientSecretCodec: SecretCodec<ManagedClientSecret> = {
  parse: (text, source) => parseManagedClientSecret(text, source),
  serialize: serializeManagedClientSecret,
  secretsOf: (value) => [value.clientSecret],
};
