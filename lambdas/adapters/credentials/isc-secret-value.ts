import * as z from 'zod';
import { hideSecret } from '../../core/hide-secret.js';
import { API_VERSIONS, type IscApiVersion } from '../isc/isc-client-config.js';
import { parseSecretJson, requiredString } from '../secret-store/parse-secret-json.js';
import type { SecretCodec } from '../secret-store/secret-codec.js';

/** The janitor's own ISC credentials (a personal access token) as stored in Secrets Manager. */
export interface IscSecretValue {
  /** Tenant API URL without version, e.g. `https://acme.api.identitynow.com` (no trailing slash). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiVersion?: IscApiVersion;
}

const EXPECTED = '{"baseUrl","clientId","clientSecret"} (optional "apiVersion")';

/** Extra keys are ignored: secret templates and humans often add notes beside the fields. */
export const iscSecretValueSchema = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/, ...requiredString('an http(s) URL such as https://acme.api.identitynow.com') })
    // Same rule as the ISC client: https, or http only for a loopback sandbox.
    .refine((url) => url.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), {
      message: 'must use https (http only for 127.0.0.1, localhost or [::1])',
    })
    .transform((url) => url.replace(/\/+$/, '')),
  clientId: z.string(requiredString('a string')).min(1, 'must not be empty'),
  clientSecret: z.string(requiredString('a string')).min(1, 'must not be empty'),
  apiVersion: z.enum(API_VERSIONS, { error: `must be one of ${API_VERSIONS.join(', ')}` }).optional(),
});

/** Validate the credentials secret; the result hides `clientSecret` from JSON and inspection. */
export function parseIscSecretValue(text: string | undefined, secretId: string): IscSecretValue {
  return janitorSecretCodec.parse(text, `credentials secret "${secretId}"`);
}

/**
 * The credentials secret as the rotation protocol reads and writes it. A rotated value keeps the
 * base URL and API version and holds the new PAT; notes a person added beside the fields are not
 * carried over (the stored form is exactly the documented fields).
 */
export const janitorSecretCodec: SecretCodec<IscSecretValue> = {
  parse(text, source) {
    const { apiVersion, ...required } = parseSecretJson(text, iscSecretValueSchema, source, EXPECTED);
    return hideSecret<IscSecretValue>(apiVersion ? { ...required, apiVersion } : required, 'clientSecret');
  },
  serialize({ baseUrl, clientId, clientSecret, apiVersion }) {
    return JSON.stringify({ baseUrl, clientId, clientSecret, ...(apiVersion ? { apiVersion } : {}) });
  },
  secretsOf: (value) => [value.clientSecret],
};
