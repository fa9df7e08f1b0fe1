import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientEvent, startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { api, apiPath, expectErrorDto, FIXED_NOW } from './sandbox-http-client.js';

const validator = new SpecValidator();
const spec = loadSpec();

interface Hit {
  id: string;
  name: string;
  created?: string;
  actor?: { name: string };
  target?: { name: string };
  attributes?: Record<string, unknown>;
  email?: string;
  inactive?: boolean;
}

async function search(sandbox: Sandbox, body: unknown, query = '', path = '/v3/search'): Promise<{ status: number; hits: Hit[]; total: string | null; raw: unknown }> {
  const response = await api(sandbox, 'POST', `${path}${query}`, { body });
  const raw = (await response.json()) as unknown;
  return { status: response.status, hits: Array.isArray(raw) ? (raw as Hit[]) : [], total: response.headers.get('x-total-count'), raw };
}

const createdQuery = (names: string[]) => ({
  indices: ['events'],
  queryType: 'DSL',
  queryDsl: { bool: { must: [{ match: { action: 'API_CLIENT_CREATED' } }], should: names.map((name) => ({ match: { 'target.name': name } })), minimum_should_match: 1 } },
  sort: ['-created', 'id'],
});

describe('sandbox search (POST /v3/search, /search/v1)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: { count: 40 }, now: () => FIXED_NOW, rateLimit: false });
  });
  afterAll(async () => sandbox.close());

  it('finds who created the seeded clients, with hits valid under the EventDocuments schema, on v3 and v1', async () => {
    const clients = sandbox.state.all().slice(0, 5);
    for (const path of ['/v3/search', '/search/v1']) {
      const { status, hits } = await search(sandbox, createdQuery(clients.map((c) => c.name)), '', path);
      expect(status).toBe(200);
      expect(hits.map((hit) => hit.target?.name).sort()).toEqual(clients.map((c) => c.name).sort());
      for (const hit of hits) expect(validator.check(spec.searchDocumentSchema(path === '/v3/search' ? 'v3' : 'v1', 'events'), hit)).toEqual({ valid: true });
      expect(hits.map((hit) => hit.created)).toEqual([...hits.map((hit) => hit.created)].sort().reverse());
    }
  });

  it('gives the seeded creators identity documents with email and lifecycle state, two of them gone', async () => {
    const { hits } = await search(sandbox, { indices: ['identities'], queryType: 'DSL', queryDsl: { match_all: {} }, sort: ['name'] });
    for (const hit of hits) expect(validator.check(spec.searchDocumentSchema('v3', 'identities'), hit)).toEqual({ valid: true });
    expect(hits.filter((hit) => hit.inactive).map((hit) => hit.attributes?.cloudLifecycleState).sort()).toEqual(['inactive', 'terminated']);
    const { hits: events } = await search(sandbox, { indices: ['events'], queryType: 'DSL', queryDsl: { match: { action: 'API_CLIENT_CREATED' } } }, '?limit=1000');
    expect(events).toHaveLength(40);
    expect(new Set(events.map((event) => event.actor?.name)).size).toBeGreaterThanOrEqual(3);
    expect(events.every((event) => hits.some((identity) => identity.name === event.actor?.name))).toBe(true);
  });

  it('pages with limit, offset, count and searchAfter without losing or repeating a hit', async () => {
    const all = await search(sandbox, { ...createdQuery([]), queryDsl: { match: { action: 'API_CLIENT_CREATED' } } }, '?limit=1000&count=true');
    expect(all.total).toBe('40');
    const byOffset = [];
    for (let offset = 0; offset < 40; offset += 15) byOffset.push(...(await search(sandbox, { ...createdQuery([]), queryDsl: { match: { action: 'API_CLIENT_CREATED' } } }, `?limit=15&offset=${offset}`)).hits);
    expect(byOffset.map((hit) => hit.id)).toEqual(all.hits.map((hit) => hit.id));
    const byMarker: Hit[] = [];
    let searchAfter: string[] | undefined;
    for (;;) {
      const page = await search(sandbox, { ...createdQuery([]), queryDsl: { match: { action: 'API_CLIENT_CREATED' } }, ...(searchAfter === undefined ? {} : { searchAfter }) }, '?limit=7');
      if (page.hits.length === 0) break;
      byMarker.push(...page.hits);
      const last = page.hits.at(-1) as Hit;
      searchAfter = [last.created ?? '', last.id];
    }
    expect(byMarker.map((hit) => hit.id)).toEqual(all.hits.map((hit) => hit.id));
  });

  it('filters on a created range', async () => {
    const { hits: all } = await search(sandbox, { indices: ['events'], queryType: 'DSL', queryDsl: { match_all: {} } }, '?limit=1000');
    const cut = '2025-06-01T00:00:00Z';
    const { hits } = await search(sandbox, { indices: ['events'], queryType: 'DSL', queryDsl: { bool: { must: [{ match_all: {} }, { range: { created: { gte: cut } } }] } } }, '?limit=1000');
    expect(hits.map((hit) => hit.id).sort()).toEqual(all.filter((hit) => Date.parse(hit.created ?? '') >= Date.parse(cut)).map((hit) => hit.id).sort());
  });

  it('records API_CLIENT_CREATED and API_CLIENT_DELETED for clients made and removed through the API, by the caller', async () => {
    const created = await api(sandbox, 'POST', apiPath('v3', 'oauth-clients'), {
      body: { name: 'search-probe', description: null, accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true },
    });
    const client = (await created.json()) as { id: string };
    expect((await api(sandbox, 'DELETE', apiPath('v3', 'oauth-clients', client.id))).status).toBe(204);
    const { hits } = await search(sandbox, { indices: ['events'], queryType: 'DSL', queryDsl: { match: { 'attributes.clientId': client.id } }, sort: ['created', 'action'] });
    expect(hits.map((hit) => [hit.name, hit.actor?.name, hit.target?.name])).toEqual([
      ['Create API Client Passed', 'iam.automation', 'search-probe'],
      ['Delete API Client Passed', 'iam.automation', 'search-probe'],
    ]);
  });

  it('refuses what it does not serve with a 400 naming it, and bodies the spec does not allow', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ indices: ['events'], queryType: 'DSL', queryDsl: { wildcard: { name: 'a*' } } }, '', /'wildcard' is not supported/],
      [{ indices: ['events'], queryType: 'DSL', queryDsl: { range: { created: { gte: 'now-30d/d' } } } }, '', /date math is not supported/],
      [{ indices: ['roles'], queryType: 'DSL', queryDsl: { match_all: {} } }, '', /one index at a time/],
      [{ indices: ['events'], query: { query: '*' } }, '', /queryType 'DSL'/],
      [{ indices: ['nope'], queryType: 'DSL', queryDsl: { match_all: {} } }, '', /Invalid Search: \/indices\/0 must be equal to one of the allowed values/],
      [{ indices: ['events'], queryType: 'DSL', queryDsl: { match_all: {} } }, '?limit=10001', /limit must be/],
      [{ indices: ['events'], queryType: 'DSL', queryDsl: { match_all: {} }, searchAfter: ['x'] }, '', /searchAfter needs sort/],
    ];
    for (const [body, query, message] of cases) {
      const { status, raw } = await search(sandbox, body, query);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(expectErrorDto(raw, '400.1 Bad Request Content').text).toMatch(message);
    }
  });
});

describe('sandbox search scopes', () => {
  it('answers 403 to a PAT without sp:search:read, and serves events a test hands in', async () => {
    const event = apiClientEvent('API_CLIENT_CREATED', { id: 'c1', name: 'handed-in' }, 'jane.doe', '2026-01-01T00:00:00.000Z');
    const sandbox = await startSandbox({ credentialsPat: { scope: ['sp:oauth-client:manage'] }, auditEvents: [event], now: () => FIXED_NOW });
    try {
      const refused = await search(sandbox, { indices: ['events'], queryType: 'DSL', queryDsl: { match_all: {} } });
      expect(refused.status).toBe(403);
      expect(expectErrorDto(refused.raw, '403 Forbidden').text).toMatch(/sp:search:read/);
    } finally {
      await sandbox.close();
    }
    const allowed = await startSandbox({ credentialsPat: { scope: ['sp:search:read'] }, auditEvents: [event], now: () => FIXED_NOW });
    try {
      expect((await search(allowed, { indices: ['events'], queryType: 'DSL', queryDsl: { match: { 'actor.name': 'JANE.DOE' } } })).hits.map((hit) => hit.target?.name)).toEqual(['handed-in']);
    } finally {
      await allowed.close();
    }
  });
});
