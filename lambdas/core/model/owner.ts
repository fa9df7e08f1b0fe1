/**
 * Who owns a credential, and what the owner lookups read to find out. ISC's OAuth client has no
 * owner field: the owner is the policy's `owners.map`, or the identity its `API_CLIENT_CREATED`
 * audit event names as actor; a personal access token has its owner on it.
 */

export type OwnerSource = 'map' | 'audit-event' | 'pat-owner';

/** An `API_CLIENT_CREATED` event as the core reads it (the adapter maps the search hit). */
export interface ClientCreationEvent {
  /** The acting identity's login name (`actor.name`). */
  readonly actorName: string;
  /** `target.name`: the client's name (or, in some tenants, its id). */
  readonly targetName: string | null;
  /** Every text value of `attributes`: one of them is the client's id when ISC recorded it. */
  readonly attributeTexts: readonly string[];
  /** Epoch ms, or null when unreadable. */
  readonly created: number | null;
}

/** An identity of the search `identities` index, the fields an owner needs. */
export interface IdentityRecord {
  readonly id: string;
  /** Login name: what events carry as `actor.name`. */
  readonly name: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly inactive: boolean;
  /** `attributes.cloudLifecycleState` (active, inactive, terminated, ...), when present. */
  readonly lifecycleState: string | null;
}

/** Lifecycle states that mean the person has left. */
const GONE_STATES: ReadonlySet<string> = new Set(['inactive', 'terminated', 'deleted', 'disabled', 'leaver', 'separated']);

/** True when the identity can no longer answer for a credential: inactive, or in a leaver state. */
export function isGoneIdentity(identity: IdentityRecord): boolean {
  return identity.inactive || (identity.lifecycleState !== null && GONE_STATES.has(identity.lifecycleState.toLowerCase()));
}
