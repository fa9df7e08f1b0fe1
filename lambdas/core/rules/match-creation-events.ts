import type { ClientCreationEvent } from '../model/owner.js';

const DAY_MS = 86_400_000;

interface Candidate {
  readonly event: ClientCreationEvent;
  /** 0 for an event that names the client's id; else how far its time is from the client's creation. */
  readonly distance: number;
  readonly exact: boolean;
}

/**
 * Which `API_CLIENT_CREATED` event created which client. An event that carries the client's id
 * (in `target.name` or any attribute) is exact. Otherwise an event whose `target.name` is the
 * client's name counts if it is not more than a day after the client's `created` (a client
 * deleted and made again under the same name leaves older events behind): the one closest to
 * `created` wins. SailPoint documents the fields of an event, not each event's attributes, so
 * both ways are needed.
 */
export function matchCreationEvents(
  clients: readonly { readonly id: string; readonly name: string | null; readonly created: number | null }[],
  events: readonly ClientCreationEvent[],
): Map<string, ClientCreationEvent> {
  const byId = new Map(clients.map((client) => [client.id, client]));
  const byName = new Map<string, (typeof clients)[number][]>();
  for (const client of clients) {
    if (client.name === null) continue;
    const key = client.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), client]);
  }
  const best = new Map<string, Candidate>();
  const offer = (clientId: string, candidate: Candidate): void => {
    const current = best.get(clientId);
    if (current === undefined || (candidate.exact && !current.exact) || (candidate.exact === current.exact && candidate.distance < current.distance)) best.set(clientId, candidate);
  };
  for (const event of events) {
    const named = [event.targetName, ...event.attributeTexts].filter((text): text is string => text !== null);
    const exact = named.find((text) => byId.has(text));
    if (exact !== undefined) {
      offer(exact, { event, distance: 0, exact: true });
      continue;
    }
    for (const client of event.targetName === null ? [] : (byName.get(event.targetName.toLowerCase()) ?? [])) {
      if (client.created === null || event.created === null) {
        offer(client.id, { event, distance: Number.MAX_SAFE_INTEGER, exact: false });
      } else if (event.created <= client.created + DAY_MS) {
        offer(client.id, { event, distance: Math.abs(client.created - event.created), exact: false });
      }
    }
  }
  return new Map([...best].map(([clientId, candidate]) => [clientId, candidate.event]));
}
