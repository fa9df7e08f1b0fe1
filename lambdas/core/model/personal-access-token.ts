import * as z from 'zod';
import type { UnreadableClient } from './oauth-client.js';

/** Who a personal access token belongs to: an identity. Its name is for people, the id decides. */
export interface PatOwner {
  readonly id: string;
  /** Null when ISC did not say: reports then show the id. */
  readonly name: string | null;
}

/**
 * An ISC personal access token (PAT) as the core sees it. A PAT carries the rights of the person
 * who owns it, so it is the same kind of risk as an OAuth client, with its own lifecycle: it
 * cannot be disabled (only deleted), it has an owner, it may expire, and ISC Workflows create
 * `managed` ones they depend on.
 *
 * Dates stay ISO strings, as for clients: the core parses them itself and skips a token whose
 * date it cannot read instead of acting on a wrong age.
 */
export interface PersonalAccessToken {
  readonly id: string;
  readonly name: string | null;
  readonly owner: PatOwner;
  /** Null or empty: the token holds `sp:scopes:all`, every right of its owner. */
  readonly scope: readonly string[] | null;
  readonly created: string;
  /** Null: the token never generated an access token. ISC updates it at most once a day. */
  readonly lastUsed: string | null;
  /** Created by the platform for a feature (Workflows): never touched. */
  readonly managed: boolean;
  /** Null: the token never expires (possible from API version v2025 on). */
  readonly expirationDate: string | null;
  readonly accessTokenValiditySeconds?: number | null | undefined;
  readonly userAwareTokenNeverExpires?: boolean | null | undefined;
}

/** A listed token that could not be read: where it was, its id if readable, and why (as for clients). */
export type UnreadableToken = UnreadableClient;

/** One read of personal access tokens: those that could be read, and the entries that could not. */
export interface PatListing {
  readonly tokens: PersonalAccessToken[];
  readonly unreadable: readonly UnreadableToken[];
}

/** A token ISC just created: the only moment its secret is ever known. */
export type CreatedPersonalAccessToken = PersonalAccessToken & { readonly secret: string };

/**
 * What the janitor may ask ISC to create (CreatePersonalAccessTokenRequest). Strict, as every
 * request we send: only `name` is required; an omitted `scope` means `sp:scopes:all`. A null
 * `expirationDate` needs `userAwareTokenNeverExpires: true` (API version v2025 on), which ISC
 * itself enforces; the adapter refuses the flag on versions whose spec does not know it.
 */
export const personalAccessTokenRequestSchema = z.strictObject({
  name: z.string().min(1),
  scope: z.array(z.string().min(1)).nullish(),
  accessTokenValiditySeconds: z.number().int().min(15).max(43_200).nullish(),
  expirationDate: z.string().nullish(),
  userAwareTokenNeverExpires: z.boolean().nullish(),
});
export type PersonalAccessTokenRequest = z.infer<typeof personalAccessTokenRequestSchema>;
