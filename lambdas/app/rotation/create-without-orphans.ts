import { ConfigError } from '../../core/config-error.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import { IscApiError, isIscApiError } from '../../core/isc-api-error.js';
import type { OAuthClientRequest, CreatedOAuthClient } from '../../core/model/oauth-client.js';
import type { RotationDeps } from './rotation-deps.js';
import { withAttempts } from './with-attempts.js';
import { errorMessage } from '../../core/error-message.js';

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
export async function createWithoutOrphans(deps: RotationDeps, request: OAuthClientRequest): Promise<CreatedOAuthClient> {
  const { attempts, delayMs } = deps.retry;
  // Listing is a GET (retried by the ISC client); if it fails, nothing was sent yet.
  const known = new Set((await deps.api.list()).clients.filter((client) => client.name === request.name).map((client) => client.id));
  const startedAt = deps.clock().getTime();
  try {
    return await deps.api.create(request);
  } catch (error) {
    if (surelyNotCreated(error)) throw error;
    const outcome = await removeUnansweredCreates(deps, request.name, known, startedAt - CREATE_CLOCK_SKEW_MS, attempts, delayMs);
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
async function removeUnansweredCreates(
  deps: RotationDeps,
  name: string,
  known: ReadonlySet<string>,
  since: number,
  attempts: number,
  delayMs: number,
): Promise<string> {
  let listing;
  try {
    listing = await withAttempts(() => deps.api.list(), attempts, delayMs);
  } catch (error) {
    return `checking whether ISC created it anyway failed too (${errorMessage(error)}): look for a client named ${name} created after ${new Date(since).toISOString()} and delete it by hand`;
  }
  const created = listing.clients.filter(
    (client) => client.name === name && !known.has(client.id) && (parseIsoDate(client.created)?.getTime() ?? -Infinity) >= since,
  );
  if (created.length === 0 && listing.unreadable.length > 0) {
    // An entry we cannot read might be the new client: say so instead of "nothing changed".
    const entries = listing.unreadable.map((entry) => entry.id ?? `#${entry.position}`).join(', ');
    return `no new client named ${name} was found, but ISC listed entries that could not be read (${entries}): check whether one of them is a client named ${name} created after ${new Date(since).toISOString()} and delete it by hand`;
  }
  if (created.length === 0) return 'ISC did not create it (checked), nothing changed';
  const deleted: string[] = [];
  const left: string[] = [];
  const whys: string[] = [];
  for (const client of created) {
    try {
      await withAttempts(() => deps.api.delete(client.id), attempts, delayMs);
      deleted.push(client.id);
    } catch (error) {
      left.push(client.id);
      whys.push(errorMessage(error));
    }
  }
  deps.logger?.warn('clients a create made although its answer was lost', { name, deleted, left });
  if (left.length === 0) return `ISC had created client ${deleted.join(', ')} anyway; it was found and deleted again, nothing changed`;
  const also = deleted.length > 0 ? ` (${deleted.join(', ')} was deleted)` : '';
  return `ISC had created client ${left.join(', ')} anyway and deleting it failed (${whys.join('; ')})${also}: nobody has its secret; delete client ${left.join(', ')} by hand`;
}

/** Keeps the ISC error's status and tracking id (the report shows them) with the fuller message. */
function withCleanUp(error: unknown, message: string): Error {
  if (!isIscApiError(error)) return new Error(message);
  const { kind, status, method, path, detailCode, trackingId, messages } = error;
  return new IscApiError(message, { kind, status, method, path, detailCode, trackingId, messages });
}
