import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SELF_IDENTITY, startSandbox, type Sandbox, type SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { FIXED_NOW, VERSIONS, api, apiPath, expectErrorDto, requestToken, tokenFor } from './sandbox-http-client.js';

const spec = new SpecValidator();
const DAY = 86_400_000;
const PATCH = 'application/json-patch+json';

/** A token of another identity, scoped to its own PATs only. */
const NARROW: SandboxPersonalAccessToken = {
  id: '1a2b0000000000000000000000000001',
  name: 'my-tokens-only',
  scope: ['sp:my-personal-access-tokens:manage'],
  owner: { type: 'IDENTITY', id: '0d0000000000000000000000000000aa', name: 'Dana Okafor' },
  created: '2026-02-01T00:00:00.000Z',
  lastUsed: null,
  managed: false,
  accessTokenValiditySeconds: 43200,
  expirationDate: '2026-08-01T00:00:00.000Z',
  userAwareTokenNeverExpires: false,
};

describe('startSandbox /{version}/personal-access-tokens', () => {
  let sandbox: Sandbox;
  let token: string;
  let clock = FIXED_NOW.getTime();
  beforeEach(async () => {
    clock = FIXED_NOW.getTime();
    sandbox = await startSandbox({ now: () => new Date(clock), seed: { count: 4, seed: 3, pats: 12 }, pats: [NARROW], patSecrets: { [NARROW.id]: 'narrow-secret' } });
    token = await tokenFor(sandbox);
  });
  afterEach(async () => sandbox.close());
  const list = async (version: (typeof VERSIONS)[number], query = '', as = token): Promise<Response> =>
    api(sandbox, 'GET', `${apiPath(version, 'personal-access-tokens')}${query}`, { token: as });
  const ids = async (response: Response): Promise<string[]> => ((await response.json()) as { id: string }[]).map((pat) => pat.id);

  it('lists the janitor PAT under owner-id=me, owned by the self identity, in every version', async () => {
    for (const version of VERSIONS) {
      const response = await list(version, '?owner-id=me');
      expect(response.status).toBe(200);
      const body = (await response.json()) as SandboxPersonalAccessToken[];
      expect(spec.response(version, 'listPersonalAccessTokens', 200, body)).toEqual({ valid: true });
      expect(body).toEqual([expect.objectContaining({ id: sandbox.credentials.clientId, name: 'isc-oauth-janitor', owner: { type: 'IDENTITY', ...SELF_IDENTITY } })]);
      // The token request stamped lastUsed; expiry is 6 months after creation (30 days ago).
      expect(body[0]).toMatchObject({ lastUsed: FIXED_NOW.toISOString(), created: new Date(clock - 30 * DAY).toISOString(), expirationDate: '2026-07-30T12:00:00.000Z' });
    }
    expect(await ids(await list('v3', `?owner-id=${SELF_IDENTITY.id}`))).toEqual([sandbox.credentials.clientId]);
    const token = (await (await requestToken(sandbox)).json()) as { identity_id: string };
    expect(token.identity_id).toBe(SELF_IDENTITY.id);
  });

  it('lists the whole tenant without owner-id, another owner by id, and applies the lastUsed filters', async () => {
    const all = sandbox.pats.all();
    expect(all).toHaveLength(14);
    expect(await ids(await list('v2026'))).toEqual(all.map((pat) => pat.id));
    const alice = sandbox.identities[1];
    expect(await ids(await list('v3', `?owner-id=${alice?.id}`))).toEqual(all.filter((pat) => pat.owner.id === alice?.id).map((pat) => pat.id));
    expect(await ids(await list('v3', '?owner-id=nobody'))).toEqual([]);
    const never = await ids(await list('v1', `?${new URLSearchParams({ filters: 'lastUsed isnull' })}`));
    expect(never).toEqual(all.filter((pat) => pat.lastUsed === null).map((pat) => pat.id));
    expect(never.length).toBeGreaterThan(0);
    const limit = new Date(clock - 90 * DAY).toISOString();
    const stale = await ids(await list('beta', `?${new URLSearchParams({ filters: `lastUsed le ${limit}` })}`));
    expect(stale).toEqual(all.filter((pat) => pat.lastUsed !== null && pat.lastUsed <= limit).map((pat) => pat.id));
    expect(stale.length).toBeGreaterThan(0);
    const bad = await list('v2025', `?${new URLSearchParams({ filters: 'name eq "x"' })}`);
    expect(bad.status).toBe(400);
    expect(spec.response('v2025', 'listPersonalAccessTokens', 400, await bad.json())).toEqual({ valid: true });
  });

  it('refuses a token with only my- scopes the tenant list and other owners (403), but serves its own', async () => {
    const narrow = await tokenFor(sandbox, { clientId: NARROW.id, clientSecret: 'narrow-secret' });
    const all = await list('v3', '', narrow);
    expect(all.status).toBe(403);
    expectErrorDto(await all.json(), '403 Forbidden');
    expect((await list('v3', `?owner-id=${SELF_IDENTITY.id}`, narrow)).status).toBe(403);
    expect(await ids(await list('v3', '?owner-id=me', narrow))).toEqual([NARROW.id]);
    // Its scopes do not cover the OAuth clients API either.
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token: narrow })).status).toBe(403);
    const other = sandbox.pats.all().find((pat) => pat.owner.id !== NARROW.owner.id)?.id ?? '';
    expect((await api(sandbox, 'DELETE', apiPath('v3', 'personal-access-tokens', other), { token: narrow })).status).toBe(403);
    expect(sandbox.pats.has(other)).toBe(true);
  });

  it('refuses a plain API client token (403) and answers GET of one PAT with 405', async () => {
    const [client] = sandbox.state.all();
    sandbox.state.put({ ...client!, enabled: true }, 'client-secret');
    const clientToken = await tokenFor(sandbox, { clientId: client!.id, clientSecret: 'client-secret' });
    expect((await list('v3', '?owner-id=me', clientToken)).status).toBe(403);
    const one = await api(sandbox, 'GET', apiPath('v3', 'personal-access-tokens', sandbox.credentials.clientId), { token });
    expect(one.status).toBe(405);
  });

  it('creates a PAT for the caller on v3: secret once, 6-month default expiry, a later date refused', async () => {
    const response = await api(sandbox, 'POST', '/v3/personal-access-tokens', { token, body: { name: 'rotation-1', scope: ['sp:my-personal-access-tokens:manage'] } });
    expect(response.status).toBe(200);
    const created = (await response.json()) as SandboxPersonalAccessToken & { secret: string };
    expect(spec.response('v3', 'createPersonalAccessToken', 200, created)).toEqual({ valid: true });
    expect(created).toMatchObject({
      name: 'rotation-1',
      owner: { type: 'IDENTITY', ...SELF_IDENTITY },
      scope: ['sp:my-personal-access-tokens:manage'],
      accessTokenValiditySeconds: 43200,
      created: FIXED_NOW.toISOString(),
      expirationDate: '2026-09-01T12:00:00.000Z',
    });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await (await list('v3', '?owner-id=me')).json())).not.toContain(created.secret);
    // The new PAT works at the token endpoint and acts as the same identity.
    const next = await tokenFor(sandbox, { clientId: created.id, clientSecret: created.secret });
    expect(await ids(await list('v3', '?owner-id=me', next))).toEqual([sandbox.credentials.clientId, created.id]);
    const tooLate = await api(sandbox, 'POST', '/v3/personal-access-tokens', { token, body: { name: 'late', expirationDate: '2026-09-02T00:00:00.000Z' } });
    expect(tooLate.status).toBe(400);
    const again = await api(sandbox, 'POST', '/v2024/personal-access-tokens', { token, body: { name: 'rotation-1' } });
    expect(again.status).toBe(400);
    expect(expectErrorDto(await again.json(), '400.1 Bad Request Content').text).toContain('already used');
    const unknown = await api(sandbox, 'POST', '/v3/personal-access-tokens', { token, body: { name: 'x', userAwareTokenNeverExpires: true } });
    expect(unknown.status).toBe(400); // v3 has no such field
  });

  it('creates never-expiring PATs from v2025 only with the acknowledgement, and any future date', async () => {
    for (const version of ['v2025', 'v2026', 'v1'] as const) {
      const refused = await api(sandbox, 'POST', apiPath(version, 'personal-access-tokens'), { token, body: { name: `never-${version}` } });
      expect(refused.status).toBe(400);
      expect(expectErrorDto(await refused.json(), '400.1 Bad Request Content').text).toContain('userAwareTokenNeverExpires');
      const never = await api(sandbox, 'POST', apiPath(version, 'personal-access-tokens'), { token, body: { name: `never-${version}`, userAwareTokenNeverExpires: true } });
      expect(never.status).toBe(200);
      // The spec's create response cannot say null here (see the contract test's erratum).
      expect(((await never.json()) as SandboxPersonalAccessToken).expirationDate).toBeNull();
      const far = await api(sandbox, 'POST', apiPath(version, 'personal-access-tokens'), { token, body: { name: `far-${version}`, expirationDate: '2030-01-01T00:00:00.000Z' } });
      expect(((await far.json()) as SandboxPersonalAccessToken).expirationDate).toBe('2030-01-01T00:00:00.000Z');
      const past = await api(sandbox, 'POST', apiPath(version, 'personal-access-tokens'), { token, body: { name: `past-${version}`, expirationDate: '2026-02-01T00:00:00.000Z' } });
      expect(past.status).toBe(400);
    }
    // v3 lists a never-expiring token without expirationDate (it cannot say null there); v2025 says null.
    const v3 = (await (await list('v3', '?owner-id=me')).json()) as Partial<SandboxPersonalAccessToken>[];
    expect(v3.find((pat) => pat.name === 'never-v2025')).not.toHaveProperty('expirationDate');
    expect(spec.response('v3', 'listPersonalAccessTokens', 200, v3)).toEqual({ valid: true });
    const v2025 = (await (await list('v2025', '?owner-id=me')).json()) as SandboxPersonalAccessToken[];
    expect(v2025.find((pat) => pat.name === 'never-v2025')).toMatchObject({ expirationDate: null, userAwareTokenNeverExpires: true });
  });

  it('patches name and scope, and from v2025 the expiry; refuses what the version does not allow', async () => {
    const id = sandbox.credentials.clientId;
    const patch = (version: (typeof VERSIONS)[number], body: unknown): Promise<Response> =>
      api(sandbox, 'PATCH', apiPath(version, 'personal-access-tokens', id), { token, contentType: PATCH, body });
    const renamed = await patch('v3', [{ op: 'replace', path: '/name', value: 'janitor-2026' }, { op: 'replace', path: '/scope', value: ['sp:oauth-client:manage'] }]);
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: 'janitor-2026', scope: ['sp:oauth-client:manage'] });
    expect((await patch('v3', [{ op: 'replace', path: '/expirationDate', value: '2026-05-01T00:00:00.000Z' }])).status).toBe(400);
    expect((await patch('v2025', [{ op: 'replace', path: '/expirationDate', value: '2027-05-01T00:00:00.000Z' }])).status).toBe(200);
    expect((await patch('v2025', [{ op: 'remove', path: '/expirationDate' }])).status).toBe(400);
    const never = await patch('v1', [{ op: 'remove', path: '/expirationDate' }, { op: 'replace', path: '/userAwareTokenNeverExpires', value: true }]);
    expect(never.status).toBe(200);
    expect(sandbox.pats.get(id)).toMatchObject({ name: 'janitor-2026', expirationDate: null, userAwareTokenNeverExpires: true });
    expect((await patch('v2026', [{ op: 'replace', path: '/expirationDate', value: '2026-01-01T00:00:00.000Z' }])).status).toBe(400);
    expect((await patch('v3', [{ op: 'replace', path: '/owner', value: 'x' }])).status).toBe(400);
    const missing = await api(sandbox, 'PATCH', apiPath('v3', 'personal-access-tokens', 'nope'), { token, contentType: PATCH, body: [{ op: 'replace', path: '/name', value: 'x' }] });
    expect(missing.status).toBe(404);
  });

  it('deletes a PAT: 204, it disappears, new token requests get 401, issued tokens live on', async () => {
    const created = (await (await api(sandbox, 'POST', '/v2025/personal-access-tokens', { token, body: { name: 'short-lived', expirationDate: '2026-04-01T00:00:00.000Z' } })).json()) as { id: string; secret: string };
    const issued = await tokenFor(sandbox, { clientId: created.id, clientSecret: created.secret });
    const response = await api(sandbox, 'DELETE', apiPath('v1', 'personal-access-tokens', created.id), { token });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(sandbox.pats.has(created.id)).toBe(false);
    expect((await requestToken(sandbox, { clientId: created.id, clientSecret: created.secret })).status).toBe(401);
    expect((await list('v3', '?owner-id=me', issued)).status).toBe(200);
    expect((await api(sandbox, 'DELETE', apiPath('v1', 'personal-access-tokens', created.id), { token })).status).toBe(404);
    expect(sandbox.mutatingPatRequests().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['POST 200', 'DELETE 204', 'DELETE 404']);
    expect(sandbox.mutatingRequests()).toEqual([]);
  });

  it('refuses an expired PAT at the token endpoint', async () => {
    const id = sandbox.credentials.clientId;
    const expires = Date.parse(sandbox.pats.get(id)?.expirationDate ?? '');
    clock = expires - 1;
    expect((await requestToken(sandbox)).status).toBe(200);
    clock = expires;
    expect((await requestToken(sandbox)).status).toBe(401);
  });

  it('setCredentials replaces the janitor PAT: same owner and name, new id', async () => {
    const old = sandbox.credentials;
    sandbox.setCredentials({ clientId: 'f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1', clientSecret: 'next' });
    expect(sandbox.pats.has(old.clientId)).toBe(false);
    expect(sandbox.pats.get('f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1')).toMatchObject({ name: 'isc-oauth-janitor', owner: { id: SELF_IDENTITY.id } });
    expect((await requestToken(sandbox, old)).status).toBe(401);
    expect((await requestToken(sandbox)).status).toBe(200);
  });
});
