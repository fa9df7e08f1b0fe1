import * as z from 'zod';
import { hideSecret } from '../../core/hide-secret.js';
import { API_VERSIONS, type IscApiVersion } from '../isc/isc-client-config.js';
import { parseSecretJson, requiredString } from '../secret-store/parse-secret-json.js';

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
  const value = parseSecretJson(text, iscSecretValueSchema, `credentials secret "${secretId}"`, EXPECTED);
  const { apiVersion, ...required } = value;
  return hideSecret<IscSecretValue>(apiVersion ? { ...required, apiVersion } : required, 'clientSecret');
}
