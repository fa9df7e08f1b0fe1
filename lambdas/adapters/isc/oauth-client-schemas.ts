import * as z from 'zod';
import type { CreatedOAuthClient, OAuthClient as ClientModel, OAuthClientRequest } from '../../core/model/oauth-client.js';
import { ACCESS_TYPES, CLIENT_TYPES, GRANT_TYPES } from '../../core/model/oauth-client.js';

/**
 * The ISC OAuth Clients API on the wire, as SailPoint's OpenAPI spec describes it (the same in
 * v3, beta, v2024, v2025, v2026 and v1; vendored in sandbox/openapi/), and its mapping onto the
 * core's model. Only this adapter knows these shapes.
 *
 * Tolerant reader: every response the spec allows is read. `lastUsed`, `metadata` and `secret`
 * may be missing (GetOAuthClientResponse marks them optional; CreateOAuthClientResponse has no
 * `lastUsed` at all), nullable fields may be null, enum values SailPoint adds later are kept as
 * plain strings (its versioning rules call a new enum value non-breaking), and unknown fields
 * are ignored. What the janitor decides on must be there and well-typed (`id`, `name`,
 * `enabled`, `internal`, `created`, `modified`, `scope`; `lastUsed` when present), and a field
 * it copies into a successor must be well-typed when present: otherwise the entry is not
 * understood, and a list skips it (see decodeList) instead of guessing.
 *
 * Strict writer: a request carries only what the spec's request schema allows, enum values
 * from its lists, and never `null` for a field the spec does not mark nullable.
 *
 * Dates stay strings: the core parses them and skips (with a warning) a client whose date it
 * cannot read, instead of acting on a wrong age.
 */

/** The largest value of an OpenAPI `int32`. */
const INT32_MAX = 2_147_483_647;

const optionalText = z.string().nullish();
const optionalSeconds = z.number().int().nullish();
const optionalFlag = z.boolean().nullish();
const optionalTexts = z.array(z.string()).nullish();

/** The fields GetOAuthClientResponse and CreateOAuthClientResponse share, read tolerantly. */
const clientFields = {
  id: z.string().min(1),
  name: z.string().nullable(),
  enabled: z.boolean(),
  internal: z.boolean(),
  created: z.string(),
  modified: z.string(),
  // Required (nullable) by the spec. Read strictly on purpose: a successor copies it, and a
  // missing list would give the successor sp:scopes:all.
  scope: z.array(z.string()).nullable(),
  businessName: optionalText,
  homepageUrl: optionalText,
  description: optionalText,
  accessTokenValiditySeconds: optionalSeconds,
  refreshTokenValiditySeconds: optionalSeconds,
  redirectUris: optionalTexts,
  grantTypes: optionalTexts,
  accessType: optionalText,
  type: optionalText,
  strongAuthSupported: optionalFlag,
  claimsSupported: optionalFlag,
  // Unused by the janitor: a value of another type is dropped, never a reason to skip a client.
  metadata: z.string().nullish().catch(undefined),
};

/** One OAuth client from list, get or patch (GetOAuthClientResponse), mapped onto the core's model. */
export const oauthClientSchema = z
  .looseObject({ ...clientFields, lastUsed: z.string().nullish() })
  .transform((wire): ClientModel => toModel(wire, wire.lastUsed ?? null));

/**
 * The create answer (CreateOAuthClientResponse): the only time ISC returns `secret`. It has no
 * `lastUsed` (a new client was never used) and no `metadata`.
 */
export const createdOAuthClientSchema = z
  .looseObject({ ...clientFields, secret: z.string().min(1) })
  .transform((wire): CreatedOAuthClient => ({ ...toModel(wire, null), secret: wire.secret }));

type WireClient = z.output<z.ZodObject<typeof clientFields>>;

/** Only the fields the core's model names: unknown wire fields (and any echoed secret) stay here. */
function toModel(wire: WireClient, lastUsed: string | null): ClientModel {
  const model: Record<string, unknown> = {
    id: wire.id,
    name: wire.name,
    enabled: wire.enabled,
    internal: wire.internal,
    created: wire.created,
    modified: wire.modified,
    lastUsed,
    scope: wire.scope,
  };
  for (const key of OPTIONAL_MODEL_FIELDS) {
    const value = wire[key];
    if (value !== undefined) model[key] = value;
  }
  return model as unknown as ClientModel;
}

const OPTIONAL_MODEL_FIELDS = [
  'businessName',
  'homepageUrl',
  'description',
  'accessTokenValiditySeconds',
  'refreshTokenValiditySeconds',
  'redirectUris',
  'grantTypes',
  'accessType',
  'type',
  'strongAuthSupported',
  'claimsSupported',
  'metadata',
] as const satisfies readonly (keyof WireClient & keyof ClientModel)[];

/** The enum lists of the spec, closed: what the janitor (and the sandbox) may send or accept in a request. */
export const grantTypeSchema = z.enum(GRANT_TYPES);
export const accessTypeSchema = z.enum(ACCESS_TYPES);
export const clientTypeSchema = z.enum(CLIENT_TYPES);

/**
 * CreateOAuthClientRequest as the janitor sends it. `description` is required and nullable, the
 * only other nullable fields are businessName, homepageUrl, redirectUris and scope; every
 * integer is an int32. The janitor itself never sends a null name or grant type list (the spec
 * would allow it) and asks for at least one grant type.
 */
export const createOAuthClientRequestSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().nullable(),
  accessTokenValiditySeconds: z.number().int().positive().max(INT32_MAX),
  grantTypes: z.array(grantTypeSchema).min(1),
  accessType: accessTypeSchema,
  enabled: z.boolean(),
  businessName: z.string().nullable().optional(),
  homepageUrl: z.string().nullable().optional(),
  refreshTokenValiditySeconds: z.number().int().positive().max(INT32_MAX).optional(),
  redirectUris: z.array(z.string()).nullable().optional(),
  type: clientTypeSchema.optional(),
  internal: z.boolean().optional(),
  strongAuthSupported: z.boolean().optional(),
  claimsSupported: z.boolean().optional(),
  scope: z.array(z.string()).nullable().optional(),
});
export type CreateOAuthClientRequest = z.infer<typeof createOAuthClientRequestSchema>;

/** Request fields the spec does not let be null: the model's "not given" (null) is left out. */
const NOT_NULLABLE_IN_REQUEST = ['refreshTokenValiditySeconds', 'type', 'internal', 'strongAuthSupported', 'claimsSupported'] as const;

/** The core's request as the body to send; validate it with createOAuthClientRequestSchema. */
export function createRequestBodyOf(request: OAuthClientRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request };
  for (const key of NOT_NULLABLE_IN_REQUEST) if (body[key] === null) delete body[key];
  return body;
}

/** Fields ISC allows in a JSON Patch path (`/enabled`, `/name`, ...). */
export const PATCHABLE_FIELDS = [
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
export type PatchableField = (typeof PATCHABLE_FIELDS)[number];

/** One RFC 6902 operation, limited to what ISC accepts on OAuth clients. */
export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: `/${PatchableField}`;
  readonly value?: unknown;
}

/**
 * The values the spec's JsonPatchOperation allows: a string, boolean, integer, object, or an
 * array of strings, integers and objects. Not `null`: a nullable field is cleared with `remove`.
 */
const patchObject = z.record(z.string(), z.unknown());
const patchValueSchema = z.union([z.string(), z.boolean(), z.number().int(), patchObject, z.array(z.union([z.string(), z.number().int(), patchObject]))]);

/** Runtime check of a JsonPatchOperation (callers outside TypeScript, or widened types). */
export const jsonPatchOperationSchema = z.strictObject({
  op: z.enum(['add', 'remove', 'replace']),
  path: z.enum(PATCHABLE_FIELDS.map((field) => `/${field}` as const) as [`/${PatchableField}`, ...`/${PatchableField}`[]]),
  value: patchValueSchema.optional(),
});
export const jsonPatchSchema = z.array(jsonPatchOperationSchema).min(1);

/** ISC's ErrorResponseDto (400/403/404/500). */
export const errorResponseSchema = z.looseObject({
  detailCode: z.string().nullish(),
  trackingId: z.string().nullish(),
  messages: z.array(z.looseObject({ locale: z.string().nullish(), text: z.string().nullish() })).nullish(),
  causes: z.array(z.unknown()).nullish(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Token endpoint response. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
