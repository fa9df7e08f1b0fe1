import * as z from 'zod';

/**
 * An ISC OAuth API client as the core sees it. The ISC adapter maps every response the official
 * spec allows onto this shape (optional keys filled in as null, enum values kept as plain strings),
 * so the rules never meet the wire format: a value SailPoint adds next year is just another string.
 *
 * Dates stay ISO strings on purpose: the core parses them itself and skips (with a warning) a
 * client whose date it cannot read, instead of one odd value making the whole list unreadable.
 */
export interface OAuthClient {
  readonly id: string;
  readonly name: string | null;
  readonly enabled: boolean;
  /** ISC-internal clients (created by SailPoint for a feature); exempt by default. */
  readonly internal: boolean;
  readonly created: string;
  readonly modified: string;
  /** Null: the client never generated an access token. */
  readonly lastUsed: string | null;
  /** Null or empty: ISC grants `sp:scopes:all`. */
  readonly scope?: readonly string[] | null | undefined;
  readonly grantTypes?: readonly string[] | null | undefined;
  readonly accessType?: string | null | undefined;
  readonly type?: string | null | undefined;
  readonly description?: string | null | undefined;
  readonly businessName?: string | null | undefined;
  readonly homepageUrl?: string | null | undefined;
  readonly accessTokenValiditySeconds?: number | null | undefined;
  readonly refreshTokenValiditySeconds?: number | null | undefined;
  readonly redirectUris?: readonly string[] | null | undefined;
  readonly strongAuthSupported?: boolean | null | undefined;
  readonly claimsSupported?: boolean | null | undefined;
  readonly metadata?: string | null | undefined;
}

/** A client ISC just created: the only moment its secret is ever known. */
export type CreatedOAuthClient = OAuthClient & { readonly secret: string };

/**
 * A list entry the ISC adapter could not read as a client: a field the janitor relies on is
 * missing or of the wrong type. It is never acted on, and it does not stop the run for the
 * others: the run reports it as skipped, naming the entry and the fields.
 */
export interface UnreadableClient {
  /** The entry's id when it had a readable one; otherwise `position` says which entry it was. */
  readonly id: string | null;
  /** 0-based position in the list ISC returned. */
  readonly position: number;
  /** What is wrong, one field each: `enabled: missing`, `internal: expected a boolean, got "yes"`. */
  readonly problems: readonly string[];
}

/** One read of a tenant's clients: those that could be read, and the entries that could not. */
export interface ClientListing {
  readonly clients: OAuthClient[];
  readonly unreadable: readonly UnreadableClient[];
}

export const GRANT_TYPES = ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'] as const;
export const ACCESS_TYPES = ['ONLINE', 'OFFLINE'] as const;
export const CLIENT_TYPES = ['CONFIDENTIAL', 'PUBLIC'] as const;

/**
 * What the janitor may ask ISC to create (CreateOAuthClientRequest). Strict on purpose: we only
 * ever send values the spec lists, and an unknown field in a request is a typo, not a feature.
 * An omitted `scope` means `sp:scopes:all` on ISC's side, which governed creation refuses.
 */
export const oauthClientRequestSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  accessTokenValiditySeconds: z.number().int().positive(),
  grantTypes: z.array(z.enum(GRANT_TYPES)).min(1),
  accessType: z.enum(ACCESS_TYPES),
  enabled: z.boolean(),
  businessName: z.string().nullish(),
  homepageUrl: z.string().nullish(),
  refreshTokenValiditySeconds: z.number().int().positive().nullish(),
  redirectUris: z.array(z.string()).nullish(),
  type: z.enum(CLIENT_TYPES).nullish(),
  internal: z.boolean().nullish(),
  strongAuthSupported: z.boolean().nullish(),
  claimsSupported: z.boolean().nullish(),
  scope: z.array(z.string()).nullish(),
});
export type OAuthClientRequest = z.infer<typeof oauthClientRequestSchema>;
