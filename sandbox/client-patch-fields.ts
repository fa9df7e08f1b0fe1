import type { PatchField } from './apply-json-patch.js';
import { loadSpec } from './spec/load-spec.js';
import type { JsonSchema, SpecVersion } from './spec/spec-types.js';
import { acceptsNull, problemWith } from './spec/spec-validator.js';

/** The fields the spec's patch description lists for OAuth clients. */
export const CLIENT_PATCHABLE_FIELDS = [
  'tenant',
  'businessName',
  'homepageUrl',
  'name',
  'description',
  'accessTokenValiditySeconds',
  'refreshTokenValiditySeconds',
  'redirectUris',
  'grantTypes',
  'accessType',
  'enabled',
  'strongAuthSupported',
  'claimsSupported',
] as const;

const TENANT: JsonSchema = Object.freeze({ type: ['string', 'null'] as const });

/**
 * What a value of each patchable client field must be: what GetOAuthClientResponse of that
 * version says of the field (closed enums: a patch may not introduce `DEVICE_CODE`), and a few
 * rules a server must add for the client to stay usable (a name, positive validities, at least
 * one grant type). `tenant` is patchable but no client field; any string goes.
 */
export function clientPatchFields(version: SpecVersion): Record<string, PatchField> {
  const client = loadSpec().schema(version, 'GetOAuthClientResponse');
  const extra: Partial<Record<string, (value: unknown) => string | undefined>> = {
    name: (value) => (value === '' ? 'must not be empty' : undefined),
    accessTokenValiditySeconds: positive,
    refreshTokenValiditySeconds: positive,
    grantTypes: (value) => (Array.isArray(value) && value.length === 0 ? 'needs at least one grant type' : undefined),
  };
  return Object.fromEntries(
    CLIENT_PATCHABLE_FIELDS.map((field): [string, PatchField] => {
      const schema: JsonSchema = client.properties?.[field] ?? TENANT;
      return [field, { nullable: acceptsNull(schema), check: (value) => problemWith(schema, value) ?? extra[field]?.(value) }];
    }),
  );
}

function positive(value: unknown): string | undefined {
  return typeof value === 'number' && value <= 0 ? 'must be positive' : undefined;
}
