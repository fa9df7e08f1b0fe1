import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import { FIXED_NOW, api, requestToken, tokenFor } from './sandbox-http-client.js';

describe('startSandbox /oauth/token', () => {
  let sandbox: Sandbox;
  let clock = FIXED_NOW.getTime();
  afterEach(async () => {
    await sandbox.close();
    clock = FIXED_NOW.getTime();
  });
  const now = (): Date => new Date(clock);

  it('issues a bearer token to the PAT with the documented fields', async () => {
    sandbox = await startSandbox({ now });
    const response = await requestToken(sandbox);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 749, scope: 'sp:scopes:all', org: 'sandbox' });
    expect(body.access_token).toEqual(expect.any(String));
    for (const field of ['tenant_id', 'pod', 'jti']) expect(body[field]).toEqual(expect.any(String));
  });

  it('accepts the parameters as a query string and via HTTP Basic', async () => {
    sandbox = await startSandbox();
    const { clientId, clientSecret } = sandbox.credentials;
    const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect((await fetch(`${sandbox.url}/oauth/token?${query.toString()}`, { method: 'POST' })).status).toBe(200);
    // The request log keeps the query, but never the secret in it.
    expect(JSON.stringify(sandbox.requests)).not.toContain(clientSecret);
    expect(new URLSearchParams(sandbox.requests[0]?.query).get('client_secret')).toBe('[REDACTED]');
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
  });

  it('accepts multipart/form-data, as the official SDKs send it', async () => {
    sandbox = await startSandbox();
    const form = new FormData();
    form.set('grant_type', 'client_credentials');
    form.set('client_id', sandbox.credentials.clientId);
    form.set('client_secret', sandbox.credentials.clientSecret);
    const response = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token_type: 'bearer' });
    const broken = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: 'garbage' });
    expect(broken.status).toBe(400);
  });

  it('answers a wrong secret with 401 invalid_client', async () => {
    sandbox = await startSandbox({ credentials: { clientId: 'pat-id', clientSecret: 'right' } });
    const response = await requestToken(sandbox, { clientId: 'pat-id', clientSecret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'invalid_client', error_description: 'Bad client credentials' });
  });

  it('rejects another grant type with 400 unsupported_grant_type', async () => {
    sandbox = await startSandbox();
    const response = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('expires tokens after tokenTtlSeconds on the sandbox clock', async () => {
    sandbox = await startSandbox({ now, tokenTtlSeconds: 60 });
    const token = await tokenFor(sandbox);
    clock += 59_999;
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
    clock += 1;
    const response = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'JWT validation failed: JWT is expired' });
  });

  it('answers a missing or unknown token with 401 JWT is invalid', async () => {
    sandbox = await startSandbox();
    const missing = await fetch(`${sandbox.url}/v3/oauth-clients`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: 'JWT validation failed: JWT is invalid' });
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token: 'forged' })).status).toBe(401);
  });

  it('invalidates every issued token on revokeTokens', async () => {
    sandbox = await startSandbox();
    const token = await tokenFor(sandbox);
    sandbox.revokeTokens();
    const response = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'JWT validation failed: JWT is invalid' });
    expect((await api(sandbox, 'GET', '/v3/oauth-clients')).status).toBe(200);
  });

  it('rejects the old PAT secret after setCredentials', async () => {
    sandbox = await startSandbox();
    const old = sandbox.credentials;
    sandbox.setCredentials({ clientId: old.clientId, clientSecret: 'rotated' });
    expect((await requestToken(sandbox, old)).status).toBe(401);
    expect((await requestToken(sandbox, { clientId: old.clientId, clientSecret: 'rotated' })).status).toBe(200);
    expect(sandbox.credentials.clientSecret).toBe('rotated');
  });

  it('gives an enabled tenant client a token, stamps its lastUsed, and lets it only get', async () => {
    const [client] = seedTenant({ count: 1, seed: 3, now: FIXED_NOW });
    if (client === undefined) throw new Error('no client');
    sandbox = await startSandbox({ now, clients: [client], secrets: { [client.id]: 's3cret' } });
    clock += 5_000;
    const token = await tokenFor(sandbox, { clientId: client.id, clientSecret: 's3cret' });
    expect(sandbox.state.get(client.id)?.lastUsed).toBe(new Date(clock).toISOString());
    expect((await api(sandbox, 'GET', `/v3/oauth-clients/${client.id}`, { token })).status).toBe(200);
    const list = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ detailCode: '403 Forbidden' });
    const del = await api(sandbox, 'DELETE', `/v3/oauth-clients/${client.id}`, { token });
    expect(del.status).toBe(403);
  });

  it('refuses a token to a disabled tenant client', async () => {
    const [client] = seedTenant({ count: 1, seed: 3, now: FIXED_NOW });
    if (client === undefined) throw new Error('no client');
    sandbox = await startSandbox({ clients: [{ ...client, enabled: false, secret: 's3cret' }] });
    expect((await requestToken(sandbox, { clientId: client.id, clientSecret: 's3cret' })).status).toBe(401);
    expect(sandbox.state.get(client.id)?.lastUsed).toBe(client.lastUsed);
    expect(sandbox.state.get(client.id)?.secret).toBeNull();
  });
});
