import { z } from 'zod';
import {
  PATCHABLE_FIELDS,
  accessTypeSchema,
  grantTypeSchema,
  type OAuthClient,
  type PatchableField,
} from '../lambdas/adapters/isc/oauth-client-schemas.js';

/**
 * Applies an RFC 6902 JSON Patch the way ISC does on OAuth clients: only `add`, `replace` and
 * `remove` on a top-level patchable field (`/enabled`, `/name`, ...), values type-checked, all or
 * nothing. `remove` is only allowed on nullable fields and sets them to null. Nested paths
 * (`/redirectUris/0`) are rejected: the janitor never needs them and ISC's support is undocumented.
 */
const FIELD_VALUES: Record<PatchableField, z.ZodType> = {
  tenant: z.string().nullable(),
  businessName: z.string().nullable(),
  homepageUrl: z.string().nullable(),
  name: z.string().min(1),
  description: z.string().nullable(),
  accessTokenValiditySeconds: z.number().int().positive(),
  refreshTokenValiditySeconds: z.number().int().positive().nullable(),
  redirectUris: z.array(z.string()).nullable(),
  grantTypes: z.array(grantTypeSchema).min(1),
  accessType: accessTypeSchema,
  enabled: z.boolean(),
  strongAuthSupported: z.boolean(),
  claimsSupported: z.boolean(),
};

const operationSchema = z.looseObject({ op: z.string(), path: z.string(), value: z.unknown().optional() });

export type PatchResult = { ok: true; client: OAuthClient } | { ok: false; message: string };

export function applyClientPatch(client: OAuthClient, body: unknown): PatchResult {
  if (!Array.isArray(body)) return fail('The request body must be a JSON Patch array of operations.');
  const patched: Record<string, unknown> = { ...client };
  for (const [index, raw] of body.entries()) {
    const parsed = operationSchema.safeParse(raw);
    if (!parsed.success) return fail(`Operation ${index} must be an object with 'op' and 'path'.`);
    const { op, path } = parsed.data;
    const field = path.slice(1);
    if (!path.startsWith('/') || !isPatchable(field)) {
      return fail(`Operation ${index}: path '${path}' is not patchable. Patchable: ${PATCHABLE_FIELDS.map((f) => `/${f}`).join(', ')}.`);
    }
    const valueSchema = FIELD_VALUES[field];
    if (op === 'remove') {
      if (!valueSchema.safeParse(null).success) return fail(`Operation ${index}: '${path}' is required and cannot be removed.`);
      patched[field] = null;
    } else if (op === 'add' || op === 'replace') {
      if (!('value' in parsed.data)) return fail(`Operation ${index}: '${op}' needs a value.`);
      if (!valueSchema.safeParse(parsed.data.value).success) return fail(`Operation ${index}: invalid value for '${path}'.`);
      patched[field] = parsed.data.value;
    } else {
      return fail(`Operation ${index}: unsupported op '${op}'. Supported: add, replace, remove.`);
    }
  }
  return { ok: true, client: patched as OAuthClient };
}

function isPatchable(field: string): field is PatchableField {
  return (PATCHABLE_FIELDS as readonly string[]).includes(field);
}

function fail(message: string): PatchResult {
  return { ok: false, message };
}
