import type { AuditSearchApi } from '../../core/ports.js';
import type { ClientCreationEvent, IdentityRecord } from '../../core/model/owner.js';
import { expectOk, type CallIsc } from './checked-calls.js';
import type { ApiCall } from './create-api-caller.js';
import { decodeList } from './decode-response.js';
import type { IscApiVersion } from './isc-client-config.js';
import { auditEventSchema, identityDocumentSchema, type SearchRequestBody } from './search-schemas.js';

/**
 * Clients (or identity keys) per search request. Each client adds two `match` clauses (its name
 * and its id against `target.name`): 500 stay well under the ~800 values the spec says one query
 * may hold.
 */
export const SEARCH_BATCH_SIZE = 250;

/** Hits read per request: the spec's maximum `limit`. A batch of 250 clients has about 250. */
const SEARCH_LIMIT = 10_000;

/**
 * ISC's search over the ISC client's shared caller (same token, pacing and retries): `POST
 * /v3/search`, or `/search/v1` when the client speaks the per-service API. Searches change
 * nothing, so they are retried like reads. Queries use the DSL SailPoint's "Searching Audit
 * Events" guide shows: `match` on `action` and `target.name`, `bool.should` for the batch.
 */
export function createAuditSearchApi(call: CallIsc, apiVersion: IscApiVersion): AuditSearchApi {
  const path = apiVersion === 'v1' ? '/search/v1' : '/v3/search';
  async function search<T>(body: SearchRequestBody, decode: (c: ApiCall, res: Awaited<ReturnType<CallIsc>>) => T[]): Promise<T[]> {
    const c: ApiCall = { method: 'POST', path, query: `limit=${SEARCH_LIMIT}`, idempotent: true, body: JSON.stringify(body), contentType: 'application/json' };
    return decode(c, await expectOk(call, c));
  }
  return {
    batchSize: SEARCH_BATCH_SIZE,
    async clientCreations(clients): Promise<ClientCreationEvent[]> {
      const values = [...new Set(clients.flatMap((client) => (client.name === null ? [client.id] : [client.id, client.name])))];
      if (values.length === 0) return [];
      const body: SearchRequestBody = {
        indices: ['events'],
        queryType: 'DSL',
        queryDsl: {
          bool: {
            must: [{ match: { action: 'API_CLIENT_CREATED' } }],
            should: values.map((value) => ({ match: { 'target.name': value } })),
            minimum_should_match: 1,
          },
        },
        sort: ['-created', 'id'],
      };
      return search(body, (c, res) => decodeList(auditEventSchema, res, c).items);
    },
    async identities({ names = [], ids = [] }): Promise<IdentityRecord[]> {
      const should = [...[...new Set(names)].map((name) => ({ match: { name } })), ...[...new Set(ids)].map((id) => ({ match: { id } }))];
      if (should.length === 0) return [];
      const body: SearchRequestBody = { indices: ['identities'], queryType: 'DSL', queryDsl: { bool: { should, minimum_should_match: 1 } }, sort: ['id'] };
      return search(body, (c, res) => decodeList(identityDocumentSchema, res, c).items);
    },
  };
}
