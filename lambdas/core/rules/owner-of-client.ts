import { compileNamePattern, type NamePattern } from '../model/name-pattern.js';
import { isGoneIdentity, type IdentityRecord } from '../model/owner.js';
import type { Policy } from '../model/policy.js';
import type { CredentialOwner } from '../report/run-report.js';

/** What the owner lookups found: the creator of each client, and who those creators are. */
export interface OwnerFacts {
  /** The login name of the identity whose `API_CLIENT_CREATED` event made each client, by client id. */
  readonly creators: ReadonlyMap<string, string>;
  /** Identities by lower-cased login name. */
  readonly identities: ReadonlyMap<string, IdentityRecord>;
  /** False when the identity lookups failed: a creator not found there is then unknown, not gone. */
  readonly identitiesRead: boolean;
}

type OwnersPolicy = Policy['owners'];
type PreparedMap = readonly { readonly ids: ReadonlySet<string> | undefined; readonly pattern: NamePattern | undefined; readonly owner: OwnersPolicy['map'][number]['owner'] }[];

const prepared = new WeakMap<OwnersPolicy, PreparedMap>();

function prepare(owners: OwnersPolicy): PreparedMap {
  let ready = prepared.get(owners);
  if (ready === undefined) {
    ready = owners.map.map((entry) => ({
      ids: entry.ids === undefined ? undefined : new Set(entry.ids),
      pattern: entry.namePattern === undefined ? undefined : compileNamePattern(entry.namePattern),
      owner: entry.owner,
    }));
    prepared.set(owners, ready);
  }
  return ready;
}

/**
 * Who answers for a client: the first `owners.map` entry naming it (by id or name pattern),
 * else the identity that created it (its audit event's actor), with that identity's email and
 * lifecycle state. A creator the identities index does not know (deleted), or one that is
 * inactive or in a leaver state, makes the client `orphaned`. No map entry and no creation event
 * (audit events are kept for a limited time): no owner, and not an orphan either.
 */
export function ownerOfClient(client: { readonly id: string; readonly name: string | null }, owners: OwnersPolicy, facts: OwnerFacts | undefined): CredentialOwner | undefined {
  for (const entry of prepare(owners)) {
    if (entry.ids?.has(client.id) === true || (entry.pattern !== undefined && entry.pattern.test(client.name ?? ''))) {
      return { name: entry.owner.name, ...(entry.owner.email === undefined ? {} : { email: entry.owner.email }), source: 'map' };
    }
  }
  const creator = facts?.creators.get(client.id);
  if (creator === undefined || facts === undefined) return undefined;
  const identity = facts.identities.get(creator.toLowerCase());
  if (identity === undefined) return { name: creator, source: 'audit-event', ...(facts.identitiesRead ? { orphaned: true } : {}) };
  return {
    id: identity.id,
    name: identity.displayName ?? identity.name,
    ...(identity.email === null ? {} : { email: identity.email }),
    source: 'audit-event',
    ...(identity.lifecycleState === null ? {} : { lifecycleState: identity.lifecycleState }),
    ...(isGoneIdentity(identity) ? { orphaned: true } : {}),
  };
}
