import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../../lambdas/core/config-error.js';
import { createIscClient } from '../../../lambdas/adapters/isc/create-isc-client.js';
import { API_VERSIONS, collectionPath } from '../../../lambdas/adapters/isc/isc-client-config.js';
import { isIscApiError, type IscApiError } from '../../../lambdas/core/isc-api-error.js';
import { FIXED_NOW, NEW_CLIENT, startHarness } from './isc-sandbox-fixture.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('createIscClient', () => {
  it('lists every client without a filter', async () => {
    const { sb, client } = await startHarness();
    const { clients } = await client.list();
    expect(clients.map((c) => c.id).sort()).toEqual(sb.state.all().map((c) => c.id).sort());
    expect(sb.requests.find((r) => r.route === 'list')).toMatchObject({ method: 'GET', path: '/v3/oauth-clients', query: '' });
  });

  it('sends `lastUsed le <ISO>` exactly and gets only clients used at or before it', async () => {
    const { sb, client } = await startHarness();
    const cutoff = new Date(FIXED_NOW.getTime() - 90 * 86_400_000);
    const { clients } = await client.list({ lastUsedLe: cutoff });
    const sent = sb.requests.find((r) => r.route === 'list');
    expect(new URLSearchParams(sent?.query).get('filters')).toBe(`lastUsed le ${cutoff.toISOString()}`);
    expect(sent?.query).toBe(`filters=lastUsed%20le%20${encodeURIComponent(cutoff.toISOString())}`);
    const expected = sb.state.all().filter((c) => c.lastUsed !== null && Date.parse(c.lastUsed) <= cutoff.getTime());
    expect(clients.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(clients.length).toBeGreaterThan(0);
  });

  it('sends `lastUsed isnull` exactly and gets only never-used clients', async () => {
    const { sb, client } = await startHarness();
    const { clients } = await client.list({ lastUsedIsNull: true });
    expect(new URLSearchParams(sb.requests.find((r) => r.route === 'list')?.query).get('filters')).toBe('lastUsed isnull');
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((c) => c.lastUsed === null)).toBe(true);
    expect(clients).toHaveLength(sb.state.all().filter((c) => c.lastUsed === null).length);
  });

  it('gets one client by id', async () => {
    const { sb, client } = await startHarness();
    const wanted = sb.state.all()[3];
    const got = await client.get(wanted?.id ?? '');
    expect(got).toMatchObject({ id: wanted?.id, name: wanted?.name, enabled: wanted?.enabled });
    expect('secret' in got).toBe(false);
  });

  it('creates a client and returns its secret once', async () => {
    const { sb, client } = await startHarness();
    const created = await client.create({ ...NEW_CLIENT, grantTypes: [...NEW_CLIENT.grantTypes], scope: [...NEW_CLIENT.scope] });
    expect(created.secret).toMatch(/.{16,}/);
    expect(sb.state.get(created.id)).toMatchObject({ name: NEW_CLIENT.name, enabled: true });
    expect('secret' in (await client.get(created.id))).toBe(false);
    expect(sb.mutatingRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('refuses an invalid create request before sending anything', async () => {
    const { sb, client } = await startHarness();
    const error = await rejectionOf(client.create({ ...NEW_CLIENT, name: '', grantTypes: [] } as never));
    expect(isConfigError(error)).toBe(true);
    expect(String(error)).toMatch(/name/);
    expect(sb.mutatingRequests()).toHaveLength(0);
  });

  it('patches with application/json-patch+json and returns the updated client', async () => {
    const { sb, client } = await startHarness();
    const target = sb.state.all()[0];
    const updated = await iscRemovalOf(client).clients.patch(target?.id ?? '', [{ op: 'replace', path: '/description', value: 'patched by test' }]);
    expect(updated.description).toBe('patched by test');
    expect(sb.state.get(target?.id ?? '')?.description).toBe('patched by test');
  });

  it('refuses a patch of a non-patchable path before sending anything', async () => {
    const { sb, client } = await startHarness();
    const error = await rejectionOf(iscRemovalOf(client).clients.patch('abc', [{ op: 'replace', path: '/id', value: 'x' }] as never));
    expect(isConfigError(error)).toBe(true);
    expect(sb.mutatingRequests()).toHaveLength(0);
  });

  it('disables a client with a replace of /enabled', async () => {
    const { sb, client } = await startHarness();
    const target = sb.state.all().find((c) => c.enabled);
    const updated = await iscRemovalOf(client).clients.disable(target?.id ?? '');
    expect(updated.enabled).toBe(false);
    expect(sb.state.get(target?.id ?? '')?.enabled).toBe(false);
  });

  it('deletes a client (204) and reports a second delete as already gone (404)', async () => {
    const { sb, client } = await startHarness();
    const id = sb.state.all()[1]?.id ?? '';
    expect(await iscRemovalOf(client).clients.delete(id)).toBe('deleted');
    expect(sb.state.has(id)).toBe(false);
    expect(await iscRemovalOf(client).clients.delete(id)).toBe('already-gone');
  });

  it('turns a 404 into an IscApiError with status, path, detailCode and tracking id', async () => {
    const { client } = await startHarness();
    const error = (await rejectionOf(iscRemovalOf(client).clients.patch('no-such-id', [{ op: 'replace', path: '/name', value: 'x' }]))) as IscApiError;
    expect(isIscApiError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'http', status: 404, method: 'PATCH', path: '/v3/oauth-clients/no-such-id', detailCode: '404 Not found' });
    expect(error.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.messages.length).toBeGreaterThan(0);
    expect(error.message).toMatch(/^PATCH \/v3\/oauth-clients\/no-such-id failed: 404 Not found: .+ \(tracking id [0-9a-f]{32}\)$/);
  });

  it.each(API_VERSIONS)('sends every request of API version %s to that version\'s paths, and the sandbox accepts each', async (apiVersion) => {
    const { sb, client } = await startHarness({}, { apiVersion });
    const [clients, pats] = apiVersion === 'v1' ? ['/oauth-clients/v1', '/personal-access-tokens/v1'] : [`/${apiVersion}/oauth-clients`, `/${apiVersion}/personal-access-tokens`];
    await client.list({ lastUsedIsNull: true });
    const created = await client.create({ ...NEW_CLIENT, grantTypes: ['CLIENT_CREDENTIALS'], scope: ['sp:oauth-client:read'] });
    await client.get(created.id);
    await iscRemovalOf(client).clients.disable(created.id);
    await iscRemovalOf(client).clients.delete(created.id);
    // The harness's sandbox runs on real time, and a PAT must expire within 6 months of its creation.
    const expirationDate = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const pat = await client.personalAccessTokens.create({ name: `janitor-test-${apiVersion}`, expirationDate });
    await client.personalAccessTokens.list({ ownerId: 'me' });
    await iscRemovalOf(client).pats.delete(pat.id);

    const api = sb.requests.filter((r) => r.route !== 'token');
    expect(api.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${clients}`,
      `POST ${clients}`,
      `GET ${clients}/${created.id}`,
      `PATCH ${clients}/${created.id}`,
      `DELETE ${clients}/${created.id}`,
      `POST ${pats}`,
      `GET ${pats}`,
      `DELETE ${pats}/${pat.id}`,
    ]);
    expect(api.map((r) => r.status)).toEqual([200, 200, 200, 200, 204, 200, 200, 204]);
    expect(new Set(api.map((r) => r.version))).toEqual(new Set([apiVersion]));
  });

  it('builds every collection path from one function: versioned, or per-service for v1', () => {
    expect(collectionPath('v3', 'oauth-clients')).toBe('/v3/oauth-clients');
    expect(collectionPath('v2026', 'personal-access-tokens')).toBe('/v2026/personal-access-tokens');
    expect(collectionPath('v1', 'oauth-clients')).toBe('/oauth-clients/v1');
    expect(collectionPath('v1', 'personal-access-tokens')).toBe('/personal-access-tokens/v1');
  });
});

describe('createIscClient config', () => {
  const credentials = { clientId: 'id', clientSecret: 'shh-very-secret' };
  const configError = (baseUrl: string): unknown => {
    try {
      createIscClient({ baseUrl, credentials });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('accepts https tenants and http loopback hosts', () => {
    for (const url of ['https://acme.api.identitynow.com', 'http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:3000/']) {
      expect(configError(url)).toBeUndefined();
    }
  });

  it('rejects http for a non-loopback host with a clear error', () => {
    const error = configError('http://acme.api.identitynow.com');
    expect(isConfigError(error)).toBe(true);
    expect(String(error)).toMatch(/baseUrl: must use https \(http is allowed only for loopback hosts/);
  });

  it('rejects a base URL with a version path', () => {
    for (const url of ['https://acme.api.identitynow.com/v3', 'https://acme.api.identitynow.com/beta/', 'http://127.0.0.1:1/v2024']) {
      expect(String(configError(url))).toMatch(/baseUrl: must not include an API version path/);
    }
  });

  it('rejects a malformed URL, embedded credentials and bad numbers without echoing values', () => {
    expect(String(configError('not a url'))).toMatch(/baseUrl: not a valid URL/);
    const withUser = configError('https://user:hunter2@acme.api.identitynow.com');
    expect(String(withUser)).toMatch(/must not contain a user name or password/);
    expect(String(withUser)).not.toContain('hunter2');
    let error: unknown;
    try {
      createIscClient({ baseUrl: 'https://a.api.identitynow.com', credentials: { clientId: 'id', clientSecret: '' }, retry: { attempts: 0 } });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
    expect(String(error)).toMatch(/retry\.attempts/);
  });

  it('serializes the client without credentials', () => {
    const client = createIscClient({ baseUrl: 'https://acme.api.identitynow.com', credentials });
    expect(JSON.parse(JSON.stringify(client))).toEqual({ type: 'IscClient', baseUrl: 'https://acme.api.identitynow.com', apiVersion: 'v3' });
    expect(String(client)).toBe('IscClient(https://acme.api.identitynow.com, v3)');
  });
});
