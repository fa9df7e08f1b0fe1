import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filters } from '../../lambdas/adapters/isc/filters.js';
import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { parseLastUsedFilter } from '../../sandbox/parse-last-used-filter.js';
import { startSandbox, type Sandbox, type SandboxOAuthClient } from '../../sandbox/start-sandbox.js';
import { api, expectErrorDto, tokenFor } from './sandbox-http-client.js';

const LIMIT = '2026-01-10T00:00:00.000Z';
const at = (iso: string | null, id: string): SandboxOAuthClient =>
  makeSeedClient({
    id,
    name: id,
    businessName: null,
    internal: false,
    enabled: true,
    scope: [],
    created: Date.parse('2025-01-01T00:00:00.000Z'),
    modified: Date.parse('2025-01-01T00:00:00.000Z'),
    lastUsed: iso === null ? null : Date.parse(iso),
  });

const clients = [
  at('2026-01-09T23:59:59.999Z', 'before'),
  at(LIMIT, 'equal'),
  at('2026-01-10T00:00:00.001Z', 'after'),
  at(null, 'never'),
];

describe('startSandbox list filters', () => {
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ clients });
    token = await tokenFor(sandbox);
  });
  afterAll(async () => sandbox.close());
  const list = async (filter: string): Promise<Response> =>
    api(sandbox, 'GET', `/v3/oauth-clients?${new URLSearchParams({ filters: filter }).toString()}`, { token });
  const ids = async (filter: string): Promise<string[]> => ((await (await list(filter)).json()) as SandboxOAuthClient[]).map((c) => c.id);

  it('applies lastUsed le inclusively to the millisecond and skips never-used clients', async () => {
    expect(await ids(filters.lastUsedLe(new Date(LIMIT)))).toEqual(['before', 'equal']);
  });

  it('compares instants, not strings, when the filter has an offset', async () => {
    expect(await ids('lastUsed le 2026-01-10T01:00:00.000+01:00')).toEqual(['before', 'equal']);
  });

  it('applies lastUsed isnull', async () => {
    expect(await ids(filters.lastUsedIsNull())).toEqual(['never']);
  });

  it('answers any other filter with 400 naming the problem', async () => {
    const cases: [string, string][] = [
      ['name eq "x"', "field 'name'"],
      ['lastUsed gt 2026-01-10T00:00:00.000Z', "operator 'gt'"],
      ['lastUsed le yesterday', "date-time 'yesterday'"],
      ['lastUsed le 2026-01-10', "date-time '2026-01-10'"],
      ['lastUsed isnull and enabled eq true', 'Invalid filter'],
      ['lastUsed', 'Invalid filter'],
    ];
    for (const [filter, named] of cases) {
      const response = await list(filter);
      expect(response.status, filter).toBe(400);
      expect(expectErrorDto(await response.json(), '400.1 Bad Request Content').text).toContain(named);
    }
  });

  it('returns everything whatever the filter while ignoreFilters is on', async () => {
    sandbox.faults.ignoreFilters(true);
    try {
      expect(await ids(filters.lastUsedIsNull())).toHaveLength(4);
      expect((await list('name eq "x"')).status).toBe(200);
    } finally {
      sandbox.faults.ignoreFilters(false);
    }
    expect(await ids(filters.lastUsedIsNull())).toEqual(['never']);
  });
});

describe('parseLastUsedFilter', () => {
  it('treats an absent or empty filter as match-all', () => {
    for (const value of [null, '', '  ']) {
      const parsed = parseLastUsedFilter(value);
      expect(parsed.ok && parsed.matches(at(null, 'x'))).toBe(true);
    }
  });
});
