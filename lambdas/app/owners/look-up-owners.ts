import { errorMessage } from '../../core/error-message.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import type { OAuthClient } from '../../core/model/oauth-client.js';
import type { ClientCreationEvent, IdentityRecord } from '../../core/model/owner.js';
import type { Policy } from '../../core/model/policy.js';
import { parseIsoTime } from '../../core/parse-iso-date.js';
import type { AuditSearchApi } from '../../core/ports.js';
import type { CredentialOwner } from '../../core/report/run-report.js';
import { matchCreationEvents } from '../../core/rules/match-creation-events.js';
import { ownerOfClient, type OwnerFacts } from '../../core/rules/owner-of-client.js';
import type { RunLogger } from '../../core/run-logger.js';

export interface OwnerLookup {
  /** Each client's owner, by client id (clients with no owner are absent). */
  readonly owners: ReadonlyMap<string, CredentialOwner>;
  readonly warnings: readonly string[];
  /** Search requests sent: at most ceil(clients / batch size) for events, and as many for identities. */
  readonly queries: { readonly events: number; readonly identities: number };
}

const NO_QUERIES = { events: 0, identities: 0 } as const;

/**
 * Every client's owner for this run: `owners.map` first; then, with `owners.fromAuditEvents`,
 * the creators of the other clients from ISC's audit events, one search per batch of clients
 * (never one per client), and who those creators are from the identities index, one search per
 * batch of distinct names. Each creator is looked up once per run. A search ISC refuses (403:
 * the credentials lack `sp:search:read`) or that fails is one warning and no further search:
 * the run goes on with the owners it has.
 */
export async function lookUpOwners(input: {
  readonly clients: readonly OAuthClient[];
  readonly policy: Policy;
  readonly search: AuditSearchApi | undefined;
  readonly logger: RunLogger;
}): Promise<OwnerLookup> {
  const { owners: ownersPolicy } = input.policy;
  const mapped = (facts: OwnerFacts | undefined): Map<string, CredentialOwner> => {
    const owners = new Map<string, CredentialOwner>();
    for (const client of input.clients) {
      const owner = ownerOfClient(client, ownersPolicy, facts);
      if (owner !== undefined) owners.set(client.id, owner);
    }
    return owners;
  };
  if (!ownersPolicy.fromAuditEvents) return { owners: mapped(undefined), warnings: [], queries: NO_QUERIES };
  if (input.search === undefined) {
    return { owners: mapped(undefined), warnings: ['owners.fromAuditEvents is set but this run has no search connection to ISC; owners come from owners.map only'], queries: NO_QUERIES };
  }
  const search = input.search;
  const queries = { events: 0, identities: 0 };
  const warnings: string[] = [];
  // Clients the map already owns need no search.
  const unmapped = input.clients.filter((client) => ownerOfClient(client, ownersPolicy, undefined) === undefined);
  const creators = new Map<string, string>();
  const failed = (what: string, error: unknown): void => {
    warnings.push(searchWarning(what, error));
    input.logger.warn('owner lookup failed', { what, error: errorMessage(error) });
  };
  try {
    for (let start = 0; start < unmapped.length; start += search.batchSize) {
      const batch = unmapped.slice(start, start + search.batchSize);
      queries.events += 1;
      const events: ClientCreationEvent[] = await search.clientCreations(batch.map(({ id, name }) => ({ id, name })));
      const facts = batch.map((client) => ({ id: client.id, name: client.name, created: parseIsoTime(client.created) ?? null }));
      for (const [clientId, event] of matchCreationEvents(facts, events)) creators.set(clientId, event.actorName);
    }
  } catch (error) {
    failed('audit events', error);
    return { owners: mapped({ creators, identities: new Map(), identitiesRead: false }), warnings, queries };
  }
  const identities = new Map<string, IdentityRecord>();
  let identitiesRead = true;
  const names = [...new Set([...creators.values()].map((name) => name.toLowerCase()))];
  try {
    for (let start = 0; start < names.length; start += search.batchSize) {
      queries.identities += 1;
      for (const identity of await search.identities({ names: names.slice(start, start + search.batchSize) })) identities.set(identity.name.toLowerCase(), identity);
    }
  } catch (error) {
    identitiesRead = false;
    failed('identities', error);
  }
  return { owners: mapped({ creators, identities, identitiesRead }), warnings, queries };
}

function searchWarning(what: string, error: unknown): string {
  if (isIscApiError(error) && error.status === 403) {
    return `owners.fromAuditEvents: ISC refused to search ${what} (403): the janitor's credentials need the scope sp:search:read; owners come from owners.map only this run`;
  }
  return `owners.fromAuditEvents: searching ${what} failed (${errorMessage(error)}); owners from audit events are incomplete this run`;
}
