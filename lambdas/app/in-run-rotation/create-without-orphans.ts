import { ConfigError } from '../../core/config-error.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import { IscApiError, isIscApiError } from '../../core/isc-api-error.js';
import type { OAuthClientRequest, CreatedOAuthClient } from '../../core/model/oauth-client.js';
import type { OAuthClientsApi } from '../../core/ports.js';
import type { Door } from '../door/door.js';
import { ownCreations } from '../door/own-creations.js';
import { rollBackOwnCreation } from '../door/roll-back-own-creation.js';
import type { RunLogger } from '../../core/run-logger.js';
import type { ClientCreationDeps } from './rotation-deps.js';
import type { StoreRetry } from './store-retry.js';
import { withAttempts } from './with-attempts.js';
import { errorMessage } from '../../core/error-message.js';

/**
 * A kind of credential ISC creates with a secret it shows only once: OAuth clients, personal
 * access tokens. `what` names one in messages ("client", "personal access token").
 */
export interface CreatableCredentials<Request extends { readonly name: string }, Created extends { readonly id: string }> {
  readonly what: string;
  /** Every item of the kind, and the entries ISC listed that could not be read (they might be the new one). */
  list(): Promise<{
    readonly items: readonly { readonly id: string; readonly name: string | null; readonly created: string }[];
    readonly unreadable?: readonly { readonly id?: string | null | undefined; readonly position: number }[];
  }>;
  create(request: Request): Promise<Created>;
  /** Delete one again through the door (`rollback-own-creation`); throws when it is not gone. */
  delete(id: string, name: string): Promise<void>;
}

/** What the clean-up after a lost create answer needs besides the API. */
export interface CreateContext {
  readonly clock: () => Date;
  readonly retry: StoreRetry;
  readonly logger?: RunLogger | undefined;
}

/** OAuth clients as CreatableCredentials. */
export function oauthClients(api: OAuthClientsApi, door: Door): CreatableCredentials<OAuthClientRequest, CreatedOAuthClient> {
  return {
    what: 'client',
    list: async () => {
      const listing = await api.list();
      return { items: listing.clients, unreadable: listing.unreadable };
    },
    create: (request) => api.create(request),
    delete: (id, name) => rollBackOwnCreation(door, { kind: 'oauth-client', id, name, because: 'a create whose answer was lost made it; nobody has its secret' }),
  };
}

/** ISC's clock and ours may disagree: a client created this much "before" the POST can still be ours. */
export const CREATE_CLOCK_SKEW_MS = 2 * 60_000;

/**
 * `api.create`, but a create whose answer was lost leaves no client behind: a client whose secret nobody holds is a live credential nobody governs.
 * ISC returns a client's secret only in the create answer, and the POST is never retried, so a
 * create that ISC processed but whose answer was cut off, timed out or came back as a 5xx makes
 * a client nobody has the secret of. Before a name's first secret exists nothing can later tell
 * it apart from the real client, so it is found and deleted here, while we still know.
 *
 * The ids already carrying the name are read right before the POST; after an ambiguous failure
 * every NEW id with that name created since the POST started (minus clock skew) is deleted. Only
 * a 4xx that ISC answered with a JSON error body (or a request refused before sending) is a sure
 * "nothing was created". The original error is rethrown with what the clean-up found or did.
 */
export async function createWithoutOrphans(deps: ClientCreationDeps, request: OAuthClientRequest): Promise<CreatedOAuthClient> {
  return createCredentialWithoutOrphans(oauthClients(deps.api, deps.door), request, deps);
}

/** createWithoutOrphans for any kind of credential. */
export async function createCredentialWithoutOrphans<Request extends { readonly name: string }, Created extends { readonly id: string }>(
  kind: CreatableCredentials<Request, Created>,
  request: Request,
  context: CreateContext,
): Promise<Created> {
  // Listing is a GET (retried by the ISC client); if it fails, nothing was sent yet.
  const known = new Set((await kind.list()).items.filter((item) => item.name === request.name).map((item) => item.id));
  const startedAt = context.clock().getTime();
  try {
    const created = await kind.create(request);
    // Until its secret is stored, only this process can know it: the door may roll it back.
    ownCreations.created(created.id);
    return created;
  } catch (error) {
    if (surelyNotCreated(error)) throw error;
    const outcome = await removeUnansweredCreates(kind, context, request.name, known, startedAt - CREATE_CLOCK_SKEW_MS);
    throw withCleanUp(error, `create of ${request.name} failed without a clear answer (${errorMessage(error)}); ${outcome}`);
  }
}

/** Refused before sending, or a 4xx ISC answered with its JSON error body: ISC made nothing. */
function surelyNotCreated(error: unknown): boolean {
  if (error instanceof ConfigError) return true;
  if (!isIscApiError(error) || (error.kind !== 'http' && error.kind !== 'auth')) return false;
  const status = error.status ?? 0;
  const iscBody = error.detailCode !== undefined || error.trackingId !== undefined || error.messages.length > 0;
  return status >= 400 && status < 500 && iscBody;
}

/** What the clean-up did, in words for the report; never throws. */
async function removeUnansweredCreates<Request extends { readonly name: string }, Created extends { readonly id: string }>(
  kind: CreatableCredentials<Request, Created>,
  context: CreateContext,
  name: string,
  known: ReadonlySet<string>,
  since: number,
): Promise<string> {
  const { attempts, delayMs } = context.retry;
  const { what } = kind;
  let listing;
  try {
    listing = await withAttempts(() => kind.list(), attempts, delayMs);
  } catch (error) {
    return `checking whether ISC created it anyway failed too (${errorMessage(error)}): look for a ${what} named ${name} created after ${new Date(since).toISOString()} and delete it by hand`;
  }
  const created = listing.items.filter(
    (item) => item.name === name && !known.has(item.id) && (parseIsoDate(item.created)?.getTime() ?? -Infinity) >= since,
  );
  const unreadable = listing.unreadable ?? [];
  if (created.length === 0 && unreadable.length > 0) {
    // An entry we cannot read might be the new one: say so instead of "nothing changed".
    const entries = unreadable.map((entry) => entry.id ?? `#${entry.position}`).join(', ');
    return `no new ${what} named ${name} was found, but ISC listed entries that could not be read (${entries}): check whether one of them is a ${what} named ${name} created after ${new Date(since).toISOString()} and delete it by hand`;
  }
  if (created.length === 0) return 'ISC did not create it (checked), nothing changed';
  const deleted: string[] = [];
  const left: string[] = [];
  const whys: string[] = [];
  for (const item of created) {
    try {
      await withAttempts(() => kind.delete(item.id, name), attempts, delayMs);
      deleted.push(item.id);
    } catch (error) {
      left.push(item.id);
      whys.push(errorMessage(error));
    }
  }
  context.logger?.warn(`${what}s a create made although its answer was lost`, { name, deleted, left });
  if (left.length === 0) return `ISC had created ${what} ${deleted.join(', ')} anyway; it was found and deleted again, nothing changed`;
  const also = deleted.length > 0 ? ` (${deleted.join(', ')} was deleted)` : '';
  return `ISC had created ${what} ${left.join(', ')} anyway and deleting it failed (${whys.join('; ')})${also}: nobody has its secret; delete ${what} ${left.join(', ')} by hand`;
}

/** Keeps the ISC error's status and tracking id (the report shows them) with the fuller message. */
function withCleanUp(error: unknown, message: string): Error {
  if (!isIscApiError(error)) return new Error(message);
  const { kind, status, method, path, detailCode, trackingId, messages } = error;
  return new IscApiError(message, { kind, status, method, path, detailCode, trackingId, messages });
}
