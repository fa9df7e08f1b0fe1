import { errorResponse } from './error-response.js';
import { runSearchQuery, type SearchDocument } from './run-search-query.js';
import { jsonReply, mediaType, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { SearchIndex } from './search-index.js';
import { sharedSpecValidator } from './spec/spec-validator.js';
import type { SearchIndex as IndexName, SearchOperation } from './spec/spec-types.js';

export interface SearchDeps {
  search: SearchIndex;
}

/** The indices the sandbox serves, with the document fields ISC adds to every hit. */
const SERVED: Readonly<Record<IndexName, { type: string }>> = { events: { type: 'event' }, identities: { type: 'identity' } };

/**
 * `POST /v3/search` and `POST /search/v1`, once auth, rate limit and scopes have passed: the body
 * is checked against the spec's `Search` schema, then one index (`events` or `identities`) is
 * searched with the DSL subset of `runSearchQuery`. `limit` (0..10000, default 250), `offset` and
 * `count` are query parameters, as the spec has them; `count=true` adds `X-Total-Count`.
 */
export function handleSearch(operation: SearchOperation, request: SandboxRequest, deps: SearchDeps): Reply {
  if (mediaType(request.headers) !== 'application/json') return bad(`Content-Type '${request.headers['content-type'] ?? ''}' is not supported: use application/json.`);
  let body: unknown;
  try {
    body = JSON.parse(request.body) as unknown;
  } catch {
    return bad('The request body is not valid JSON.');
  }
  const schema = operation.requestBody?.schema;
  const check = schema === undefined ? { valid: true as const } : sharedSpecValidator().check(schema, body);
  if (!check.valid) return bad(`Invalid Search: ${check.errors.join('; ')}`);
  const search = body as { indices?: string[]; queryType?: string; queryDsl?: unknown; sort?: string[]; searchAfter?: string[] };
  const [index, ...more] = search.indices ?? [];
  if (index === undefined || more.length > 0 || !(index in SERVED)) {
    return bad(`indices: the sandbox searches one index at a time, 'events' or 'identities' (got ${JSON.stringify(search.indices ?? [])}).`);
  }
  if (search.queryType !== 'DSL' || search.queryDsl === undefined) return bad("The sandbox answers queryType 'DSL' with a queryDsl only.");
  const page = readPage(request.query);
  if (typeof page === 'string') return bad(page);
  const name = index as IndexName;
  const documents: SearchDocument[] =
    name === 'events'
      ? deps.search.events().map((event) => ({ ...event, pod: 'sandbox', org: 'sandbox', _type: SERVED.events.type, _version: 'v2' }))
      : deps.search.identities().map((identity) => ({ ...identity, pod: 'sandbox', org: 'sandbox', _type: SERVED.identities.type, _version: 'v2' }));
  const result = runSearchQuery(documents, search.queryDsl, { sort: search.sort, searchAfter: search.searchAfter, offset: page.offset, limit: page.limit });
  if (!result.ok) return bad(result.message);
  return jsonReply(200, result.hits, page.count ? { 'x-total-count': String(result.total) } : {});
}

function readPage(query: URLSearchParams): { limit: number; offset: number; count: boolean } | string {
  const limit = whole(query.get('limit'), 250);
  const offset = whole(query.get('offset'), 0);
  if (limit === undefined || limit > 10_000) return 'limit must be a whole number from 0 to 10000.';
  if (offset === undefined) return 'offset must be a whole number, 0 or more.';
  const count = query.get('count');
  if (count !== null && count !== 'true' && count !== 'false') return "count must be 'true' or 'false'.";
  return { limit, offset, count: count === 'true' };
}

function whole(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function bad(message: string): Reply {
  return errorResponse(400, message);
}
