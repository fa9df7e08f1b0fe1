/**
 * What the sandbox stores and serves, written from the vendored spec (`sandbox/openapi/`):
 * GetOAuthClientResponse and GetPersonalAccessTokenResponse with every key present. The sandbox
 * owns these types on purpose: a fake ISC that borrowed the janitor's decoder types would agree
 * with the janitor's mistakes instead of the spec.
 *
 * Enums are open: SailPoint calls a new enum value a non-breaking change, so a stored client may
 * carry `DEVICE_CODE` or `HYBRID` (a test puts one, or `seed.unknownEnums` does). Requests the
 * sandbox accepts are still checked against the spec's closed lists.
 */

// `string & {}` keeps the known values visible to the editor while allowing any other string.
export type GrantType = 'CLIENT_CREDENTIALS' | 'AUTHORIZATION_CODE' | 'REFRESH_TOKEN' | (string & {});
export type AccessType = 'ONLINE' | 'OFFLINE' | (string & {});
export type ClientType = 'CONFIDENTIAL' | 'PUBLIC' | (string & {});

/** Values outside today's lists, one per enum, for tests of tolerant readers. */
export const UNKNOWN_ENUM_VALUES = { grantType: 'DEVICE_CODE', type: 'HYBRID', accessType: 'SEMI' } as const;

/**
 * GetOAuthClientResponse. `lastUsed`, `metadata` and `secret` are optional in the spec; the
 * sandbox stores them as null and leaves the key out where a response may (see `specSparse`).
 * `secret` is always null in storage: it only ever leaves the server in a create response.
 */
export interface SandboxOAuthClient {
  id: string;
  businessName: string | null;
  homepageUrl: string | null;
  name: string;
  description: string | null;
  accessTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  redirectUris: string[] | null;
  grantTypes: GrantType[];
  accessType: AccessType;
  type: ClientType;
  internal: boolean;
  enabled: boolean;
  strongAuthSupported: boolean;
  claimsSupported: boolean;
  created: string;
  modified: string;
  /** Null: never generated an access token. */
  lastUsed: string | null;
  metadata: string | null;
  secret: string | null;
  /** Null: `sp:scopes:all`. */
  scope: string[] | null;
}

/**
 * What a test may store. Loose on purpose: tests hand in clients built with the janitor's own
 * types, and bad-input tests store clients that break the spec; the sandbox serves what it holds.
 * Left-out `lastUsed` and `metadata` are stored as null.
 */
export type SandboxOAuthClientInput = { readonly id: string } & { readonly [K in Exclude<keyof SandboxOAuthClient, 'id'>]?: unknown };

/** An identity of the sandbox tenant: a PAT's owner. */
export interface SandboxIdentity {
  id: string;
  name: string;
}

/** PatOwner. */
export interface PatOwner {
  type: 'IDENTITY' | (string & {});
  id: string;
  name: string;
}

/**
 * GetPersonalAccessTokenResponse (v2025 and later, the widest version). Older versions show the
 * same token without `userAwareTokenNeverExpires`, and without `expirationDate` when it is null.
 */
export interface SandboxPersonalAccessToken {
  id: string;
  name: string;
  /** Null: `sp:scopes:all`. */
  scope: string[] | null;
  owner: PatOwner;
  created: string;
  /** Null: never used to get an access token. */
  lastUsed: string | null;
  /** Created by ISC Workflows for the workflow's author; hidden in the UI. */
  managed: boolean;
  accessTokenValiditySeconds: number;
  /** Null: never expires (possible from v2025, with `userAwareTokenNeverExpires`). */
  expirationDate: string | null;
  userAwareTokenNeverExpires: boolean;
}

/**
 * An audit event of the search `events` index (EventDocuments): who did what to which object.
 * The sandbox records `API_CLIENT_CREATED` / `API_CLIENT_DELETED` (type `AUTH`) with the acting
 * identity's name as `actor.name`, the client's name as `target.name` and its id in
 * `attributes.clientId`. SailPoint documents the fields, not each event's attributes: readers
 * must not count on `attributes.clientId` (see the janitor's owner lookup).
 */
export interface SandboxAuditEvent {
  id: string;
  /** Display name, e.g. 'Create API Client Passed'. */
  name: string;
  created: string;
  action: string;
  type: string;
  actor: { name: string };
  target: { name: string };
  attributes: Record<string, unknown>;
  operation: string;
  status: string;
  technicalName: string;
}

/**
 * An identity of the search `identities` index (IdentityDocuments), the fields the owner lookup
 * reads: `name` is the login name events carry as `actor.name`; `attributes.cloudLifecycleState`
 * is the lifecycle state (active, inactive, terminated, ...).
 */
export interface SandboxIdentityDocument {
  id: string;
  name: string;
  displayName: string;
  email: string | null;
  inactive: boolean;
  attributes: Record<string, unknown>;
}
