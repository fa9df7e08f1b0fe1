import * as z from 'zod';

/**
 * Zod schemas for the ISC OAuth Clients API payloads (GetOAuthClientResponse,
 * CreateOAuthClientRequest/Response, JSON Patch). See shared/reference/ISC-OAUTH-CLIENTS-API.md.
 *
 * Dates stay strings here on purpose: one client with an unparseable `lastUsed` must not make
 * the whole list unreadable. The core parses dates and skips (with a warning) what it can't read.
 * Objects are loose: fields ISC adds later pass through untouched.
 */

export const GRANT_TYPES = ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'] as const;
export const ACCESS_TYPES = ['ONLINE', 'OFFLINE'] as const;
export const CLIENT_TYPES = ['CONFIDENTIAL', 'PUBLIC'] as const;

export const grantTypeSchema = z.enum(GRANT_TYPES);
export const accessTypeSchema = z.enum(ACCESS_TYPES);
export const clientTypeSchema = z.enum(CLIENT_TYPES);

/** One OAuth client as ISC returns it from list/get/patch. `secret` is never relied on here. */
export const oauthClientSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullable(),
  businessName: z.string().nullish(),
  homepageUrl: z.string().nullish(),
  description: z.string().nullish(),
  accessTokenValiditySeconds: z.number().int().nullish(),
  refreshTokenValiditySeconds: z.number().int().nullish(),
  redirectUris: z.array(z.string()).nullish(),
  grantTypes: z.array(grantTypeSchema).nullish(),
  accessType: accessTypeSchema.nullish(),
  type: clientTypeSchema.nullish(),
  internal: z.boolean(),
  enabled: z.boolean(),
  strongAuthSupported: z.boolean().nullish(),
  claimsSupported: z.boolean().nullish(),
  created: z.string(),
  modified: z.string(),
  lastUsed: z.string().nullable(),
  scope: z.array(z.string()).nullish(),
  metadata: z.string().nullish(),
  secret: z.string().nullish(),
});
export type OAuthClient = z.infer<typeof oauthClientSchema>;

export const oauthClientListSchema = z.array(oauthClientSchema);

/** CreateOAuthClientRequest. An omitted `scope` means `sp:scopes:all` on ISC's side. */
export const createOAuthClientRequestSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  accessTokenValiditySeconds: z.number().int().positive(),
  grantTypes: z.array(grantTypeSchema).min(1),
  accessType: accessTypeSchema,
  enabled: z.boolean(),
  businessName: z.string().nullish(),
  homepageUrl: z.string().nullish(),
  refreshTokenValiditySeconds: z.number().int().positive().nullish(),
  redirectUris: z.array(z.string()).nullish(),
  type: clientTypeSchema.nullish(),
  internal: z.boolean().nullish(),
  strongAuthSupported: z.boolean().nullish(),
  claimsSupported: z.boolean().nullish(),
  scope: z.array(z.string()).nullish(),
});
export type CreateOAuthClientRequest = z.infer<typeof createOAuthClientRequestSchema>;

/** The create response: the only time ISC ever returns `secret`. */
export const createdOAuthClientSchema = oauthClientSchema.extend({ secret: z.string().min(1) });
export type CreatedOAuthClient = z.infer<typeof createdOAuthClientSchema>;

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

/** Runtime check of a JsonPatchOperation (callers outside TypeScript, or widened types). */
export const jsonPatchOperationSchema = z.strictObject({
  op: z.enum(['add', 'remove', 'replace']),
  path: z.enum(PATCHABLE_FIELDS.map((field) => `/${field}` as const) as [`/${PatchableField}`, ...`/${PatchableField}`[]]),
  value: z.unknown().optional(),
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
