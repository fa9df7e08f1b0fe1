import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOAuthClient as OAuthClient } from '../../sandbox/start-sandbox.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import { FIXED_NOW, VERSIONS, api, apiPath, expectErrorDto, tokenFor } from './sandbox-http-client.js';

const createRequest = {
  name: 'ci-deploy-bot',
  description: 'deploys things',
  accessTokenValiditySeconds: 750,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
};

const spec = new SpecValidator();

describe('startSandbox /{version}/oauth-clients', () => {
  let sandbox: Sandbox;
  let token: string;
  let clock = FIXED_NOW.getTime();
  let first: OAuthClient;
  beforeEach(async () => {
    clock = FIXED_NOW.getTime();
    sandbox = await startSandbox({ now: () => new Date(clock), seed: { count: 12, seed: 7 } });
    token = await tokenFor(sandbox);
    first = sandbox.state.all()[0] as OAuthClient;
  });
  afterEach(async () => sandbox.close());

  it('lists every client with secret null, in every version including v2026 and v1', async () => {
    for (const version of VERSIONS) {
      const response = await api(sandbox, 'GET', apiPath(version, 'oauth-clients'), { token });
      expect(response.status).toBe(200);
      const body = (await response.json()) as OAuthClient[];
      expect(spec.response(version, 'listOauthClients', 200, body)).toEqual({ valid: true });
      expect(body).toHaveLength(12);
      for (const client of body) {
        expect(client.secret).toBeNull();
      }
    }
  });

  it('answers an unknown version or route with 404 ErrorResponseDto', async () => {
    for (const path of ['/v1/oauth-clients', '/v3/oauth-client', '/v3/oauth-clients/a/b']) {
      const response = await api(sandbox, 'GET', path, { token });
      expect(response.status).toBe(404);
      expectErrorDto(await response.json(), '404 Not found');
    }
  });

  it('gets one client, and 404s an unknown id', async () => {
    const response = await api(sandbox, 'GET', `/v3/oauth-clients/${first.id}`, { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(first);
    const missing = await api(sandbox, 'GET', '/v3/oauth-clients/00000000000000000000000000000000', { token });
    expect(missing.status).toBe(404);
    expect(expectErrorDto(await missing.json(), '404 Not found').text).toContain('00000000000000000000000000000000');
  });

  it('creates a client, returns its secret exactly once, defaults scope to sp:scopes:all', async () => {
    const response = await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: createRequest });
    expect(response.status).toBe(200);
    const created = (await response.json()) as OAuthClient & { secret: string };
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created).toMatchObject({ name: 'ci-deploy-bot', scope: ['sp:scopes:all'], lastUsed: null, internal: false });
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.created).toBe(FIXED_NOW.toISOString());
    const again = (await (await api(sandbox, 'GET', `/v3/oauth-clients/${created.id}`, { token })).json()) as OAuthClient;
    expect(again.secret).toBeNull();
    const listed = (await (await api(sandbox, 'GET', '/v3/oauth-clients', { token })).json()) as OAuthClient[];
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    // The secret still works at the token endpoint: that is what it is kept for.
    await expect(tokenFor(sandbox, { clientId: created.id, clientSecret: created.secret })).resolves.toEqual(expect.any(String));
  });

  it('keeps an explicit scope on create', async () => {
    const response = await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: { ...createRequest, scope: ['idn:sources:read'] } });
    expect(((await response.json()) as OAuthClient).scope).toEqual(['idn:sources:read']);
  });

  it('rejects an invalid create request with 400 naming the field', async () => {
    const { name: _name, ...noName } = createRequest;
    const response = await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: noName });
    expect(response.status).toBe(400);
    expect(expectErrorDto(await response.json(), '400.1 Bad Request Content').text).toContain('name');
    const garbage = await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect(sandbox.state.size).toBe(12);
  });

  it('patches a patchable field and bumps modified', async () => {
    clock += 60_000;
    const response = await api(sandbox, 'PATCH', `/v3/oauth-clients/${first.id}`, {
      token,
      contentType: 'application/json-patch+json',
      body: [{ op: 'replace', path: '/enabled', value: !first.enabled }, { op: 'replace', path: '/name', value: 'renamed' }],
    });
    expect(response.status).toBe(200);
    const patched = (await response.json()) as OAuthClient;
    expect(patched).toMatchObject({ enabled: !first.enabled, name: 'renamed', modified: new Date(clock).toISOString(), secret: null });
    expect(sandbox.state.get(first.id)).toEqual(patched);
  });

  it('answers a PATCH without application/json-patch+json with 400', async () => {
    const response = await api(sandbox, 'PATCH', `/v3/oauth-clients/${first.id}`, {
      token,
      contentType: 'application/json',
      body: [{ op: 'replace', path: '/enabled', value: false }],
    });
    expect(response.status).toBe(400);
    expect(expectErrorDto(await response.json(), '400.1 Bad Request Content').text).toContain('application/json-patch+json');
    expect(sandbox.state.get(first.id)).toEqual(first);
  });

  it('answers a non-patchable path, a bad value or a bad op with 400 and changes nothing', async () => {
    const bodies = [
      [{ op: 'replace', path: '/enabled', value: false }, { op: 'replace', path: '/lastUsed', value: null }],
      [{ op: 'replace', path: '/internal', value: true }],
      [{ op: 'replace', path: '/enabled', value: 'no' }],
      [{ op: 'move', path: '/enabled', from: '/claimsSupported' }],
      [{ op: 'remove', path: '/enabled' }],
      { op: 'replace', path: '/enabled', value: false },
    ];
    for (const body of bodies) {
      const response = await api(sandbox, 'PATCH', `/v3/oauth-clients/${first.id}`, { token, contentType: 'application/json-patch+json', body });
      expect(response.status).toBe(400);
      expectErrorDto(await response.json(), '400.1 Bad Request Content');
    }
    expect(sandbox.state.get(first.id)).toEqual(first);
  });

  it('404s a PATCH of an unknown id', async () => {
    const response = await api(sandbox, 'PATCH', '/v3/oauth-clients/nope', {
      token,
      contentType: 'application/json-patch+json',
      body: [{ op: 'replace', path: '/enabled', value: false }],
    });
    expect(response.status).toBe(404);
  });

  it('deletes with 204 and an empty body, then 404s', async () => {
    const response = await api(sandbox, 'DELETE', `/v3/oauth-clients/${first.id}`, { token });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(sandbox.state.has(first.id)).toBe(false);
    const again = await api(sandbox, 'DELETE', `/v3/oauth-clients/${first.id}`, { token });
    expect(again.status).toBe(404);
    expectErrorDto(await again.json(), '404 Not found');
  });

  it('uses a fresh tracking id for every error', async () => {
    const a = (await (await api(sandbox, 'GET', '/v3/oauth-clients/x', { token })).json()) as { trackingId: string };
    const b = (await (await api(sandbox, 'GET', '/v3/oauth-clients/x', { token })).json()) as { trackingId: string };
    expect(a.trackingId).not.toBe(b.trackingId);
  });
});

describe('SandboxState', () => {
  it('hands out copies and keeps secrets apart from clients', async () => {
    const [client] = seedTenant({ count: 1, now: FIXED_NOW });
    if (client === undefined) throw new Error('no client');
    const sandbox = await startSandbox({ clients: [{ ...client, secret: 'kept' }] });
    try {
      const copy = sandbox.state.get(client.id) as OAuthClient;
      copy.name = 'mutated';
      expect(sandbox.state.get(client.id)?.name).toBe(client.name);
      expect(copy.secret).toBeNull();
      expect(sandbox.state.secretOf(client.id)).toBe('kept');
      sandbox.state.put({ ...client, enabled: false });
      expect(sandbox.state.secretOf(client.id)).toBe('kept');
      expect(sandbox.state.remove(client.id)).toBe(true);
      expect(sandbox.state.has(client.id)).toBe(false);
    } finally {
      await sandbox.close();
    }
  });
});
