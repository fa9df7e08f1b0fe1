import * as z from 'zod';

/**
 * Zod schemas for the ISC personal access token payloads (GetPersonalAccessTokenResponse,
 * CreatePersonalAccessTokenRequest/Response), read tolerantly across API versions: v3, beta and
 * v2024 always send `expirationDate` and no `userAwareTokenNeverExpires`; from v2025 the date may
 * be null (never expires). Optional keys that are missing become the documented default (managed
 * false, lastUsed and expirationDate null), so the core always sees one shape.
 * Dates stay strings: the core parses them and skips a token whose date it cannot read.
 */

export const patOwnerSchema = z.looseObject({
  type: z.string().nullish(),
  id: z.string().min(1),
  name: z.string().nullish(),
});

/** One token as ISC returns it from list and patch. Never carries a secret; one echoed is dropped. */
export const personalAccessTokenSchema = z
  .looseObject({
    id: z.string().min(1),
    name: z.string().nullable(),
    // Required by the spec (null: sp:scopes:all); a token without it is not understood.
    scope: z.array(z.string()).nullable(),
    owner: patOwnerSchema,
    created: z.string(),
    lastUsed: z.string().nullish(),
    managed: z.boolean().nullish(),
    accessTokenValiditySeconds: z.number().int().nullish(),
    expirationDate: z.string().nullish(),
    userAwareTokenNeverExpires: z.boolean().nullish(),
  })
  .transform(toModel);

/** The create response: the only time ISC returns the token's secret. It has no lastUsed or managed. */
export const createdPersonalAccessTokenSchema = z
  .looseObject({
    id: z.string().min(1),
    secret: z.string().min(1),
    name: z.string().nullable(),
    scope: z.array(z.string()).nullable(),
    owner: patOwnerSchema,
    created: z.string(),
    accessTokenValiditySeconds: z.number().int().nullish(),
    expirationDate: z.string().nullish(),
    userAwareTokenNeverExpires: z.boolean().nullish(),
  })
  .transform((wire) => ({ ...toModel(wire), secret: wire.secret }));

/** The wire fields each version's CreatePersonalAccessTokenRequest knows. */
export const createPersonalAccessTokenRequestSchema = z.strictObject({
  name: z.string().min(1),
  scope: z.array(z.string().min(1)).nullish(),
  accessTokenValiditySeconds: z.number().int().min(15).max(43_200).nullish(),
  expirationDate: z.string().nullish(),
  userAwareTokenNeverExpires: z.boolean().nullish(),
});

type WireToken = {
  id: string;
  name: string | null;
  scope?: string[] | null | undefined;
  owner: z.output<typeof patOwnerSchema>;
  created: string;
  lastUsed?: string | null | undefined;
  managed?: boolean | null | undefined;
  accessTokenValiditySeconds?: number | null | undefined;
  expirationDate?: string | null | undefined;
  userAwareTokenNeverExpires?: boolean | null | undefined;
};

/** Only the fields the core's model names: unknown wire fields (and any echoed secret) stay here. */
function toModel(wire: WireToken) {
  return {
    id: wire.id,
    name: wire.name,
    owner: { id: wire.owner.id, name: wire.owner.name ?? null },
    scope: wire.scope ?? null,
    created: wire.created,
    lastUsed: wire.lastUsed ?? null,
    managed: wire.managed ?? false,
    expirationDate: wire.expirationDate ?? null,
    ...(wire.accessTokenValiditySeconds == null ? {} : { accessTokenValiditySeconds: wire.accessTokenValiditySeconds }),
    ...(wire.userAwareTokenNeverExpires == null ? {} : { userAwareTokenNeverExpires: wire.userAwareTokenNeverExpires }),
  };
}
