import { describe, expect, it } from 'vitest';
import { isIscAuthError, type IscAuthError } from '../../../lambdas/core/isc-api-error.js';
import type { CredentialsSource } from '../../../lambdas/adapters/isc/create-isc-client.js';
import { FIXED_NOW, startHarness } from './isc-sandbox-fixture.js';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('createIscClient authentication', () => {
  it('sends the client-credentials grant and caches the token across calls', async () => {
    const { client, count, events } = await startHarness();
    await client.list();
    await client.list();
    await client.get((await client.list()).clients[0]?.id ?? '');
    expect(count('token')).toBe(1);
    expect(events.filter((e) => e.type === 'token')).toEqual([
      { type: 'token', reason: 'initial', clientId: expect.any(String), expiresInSeconds: 749 },
    ]);
  });

  it('shares one token request among concurrent calls', async () => {
    const { client, count } = await startHarness({ latencyMs: { token: 20 } });
    await Promise.all(Array.from({ length: 10 }, () => client.list()));
    expect(count('token')).toBe(1);
    expect(count('list')).toBe(10);
  });

  it('fetches a new token shortly before the cached one expires', async () => {
    let t = FIXED_NOW.getTime();
    const { client, count, sb, events } = await startHarness({ now: () => new Date(t), tokenTtlSeconds: 600 }, { now: () => t });
    await client.list();
    t += 539_000; // inside the 60 s safety margin: still cached
    await client.list();
    expect(count('token')).toBe(1);
    t += 2_000; // 541 s of 600: refresh before ISC would say "expired"
    await client.list();
    expect(count('token')).toBe(2);
    expect(sb.requests.filter((r) => r.status === 401)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'token').map((e) => e.type === 'token' && e.reason)).toEqual(['initial', 'expiring']);
  });

  it('uses a 10% margin for short token lifetimes', async () => {
    let t = FIXED_NOW.getTime();
    const { client, count } = await startHarness({ now: () => new Date(t), tokenTtlSeconds: 10 }, { now: () => t });
    await client.list();
    t += 8_900;
    await client.list();
    expect(count('token')).toBe(1);
    t += 200; // 9.1 s of 10 s
    await client.list();
    expect(count('token')).toBe(2);
  });

  it('gets a fresh token and retries once when ISC says the token expired', async () => {
    let serverTime = FIXED_NOW.getTime();
    const { client, count, sb, events } = await startHarness({ now: () => new Date(serverTime) });
    await client.list();
    serverTime += 750_000; // ISC's clock says expired; the client's does not know yet
    await client.list();
    expect(count('token')).toBe(2);
    expect(sb.requests.filter((r) => r.route === 'list').map((r) => r.status)).toEqual([200, 401, 200]);
    expect(events.filter((e) => e.type === 'auth-retry')).toHaveLength(1);
  });

  it('recovers from a revoked token with one refresh and one retry', async () => {
    const { client, count, sb } = await startHarness();
    const id = (await client.list()).clients[0]?.id ?? '';
    sb.revokeTokens();
    expect((await client.get(id)).id).toBe(id);
    expect(count('token')).toBe(2);
    expect(sb.requests.filter((r) => r.route === 'get').map((r) => r.status)).toEqual([401, 200]);
  });

  it('shares the refresh when concurrent calls all see 401', async () => {
    const { client, count, sb } = await startHarness();
    await client.list();
    sb.revokeTokens();
    await Promise.all(Array.from({ length: 5 }, () => client.list()));
    expect(count('token')).toBe(2);
  });

  it('fails with an auth error naming the client id when a fresh token is also refused', async () => {
    const { client, sb, count } = await startHarness();
    sb.faults.failNext(2, { route: 'list' }, { kind: 'status', status: 401 });
    const error = (await rejectionOf(client.list())) as IscAuthError;
    expect(isIscAuthError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'auth', status: 401, method: 'GET', path: '/v3/oauth-clients', clientId: sb.credentials.clientId });
    expect(error.message).toContain(`rejected the credential for client id ${sb.credentials.clientId}`);
    expect(error.message).not.toContain(sb.credentials.clientSecret);
    expect(count('list')).toBe(2); // one retry, not a loop
    expect(count('token')).toBe(2);
  });

  it('re-reads a rotated credential via CredentialsSource.refresh when the token endpoint says 401', async () => {
    const old = { clientId: 'pat-rotating', clientSecret: 'old-secret-0123456789abcdef' };
    const rotated = { clientId: old.clientId, clientSecret: 'rotated-secret-0123456789abcdef' };
    let reads = 0;
    const source: CredentialsSource = {
      get: async () => {
        reads += 1;
        return old;
      },
      refresh: async () => {
        reads += 1;
        return rotated;
      },
    };
    const h = await startHarness({ credentials: old }, { credentials: source });
    h.sb.setCredentials(rotated); // rotated behind the client's back: the cached value is stale
    await h.client.list();
    expect(reads).toBe(2);
    expect(h.sb.requests.filter((r) => r.route === 'token').map((r) => r.status)).toEqual([401, 200]);
    expect(h.events.some((e) => e.type === 'credentials-reloaded')).toBe(true);
  });

  it('fails with an auth error naming the client id when the token endpoint refuses the credential', async () => {
    const h = await startHarness({}, { credentials: { clientId: 'pat-1234', clientSecret: 'wrong-secret-abcdef' } });
    const error = (await rejectionOf(h.client.list())) as IscAuthError;
    expect(isIscAuthError(error)).toBe(true);
    expect(error.clientId).toBe('pat-1234');
    expect(error.message).toMatch(/ISC rejected the credential for client id pat-1234 at POST \/oauth\/token \(401\)/);
    expect(error.message).not.toContain('wrong-secret-abcdef');
    expect(h.count('token')).toBe(1); // no refresh() to try: a 401 is final
    expect(h.count('list')).toBe(0);
  });

  it('retries the token request on 500 and 429 (issuing a token twice is harmless)', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'token' }, { kind: 'status', status: 500 });
    sb.faults.failNext(1, { route: 'token' }, { kind: 'status', status: 429, retryAfterSeconds: 0.01 });
    await client.list();
    expect(sb.requests.filter((r) => r.route === 'token').map((r) => r.status)).toEqual([500, 429, 200]);
  });

  it('gives up after one credentials refresh when the new value is refused too', async () => {
    const source: CredentialsSource = {
      get: async () => ({ clientId: 'pat-1', clientSecret: 'bad-1-xxxxxxxx' }),
      refresh: async () => ({ clientId: 'pat-2', clientSecret: 'bad-2-xxxxxxxx' }),
    };
    const h = await startHarness({}, { credentials: source });
    const error = (await rejectionOf(h.client.list())) as IscAuthError;
    expect(error.clientId).toBe('pat-2');
    expect(error.message).toMatch(/even after re-reading the credentials/);
    expect(h.count('token')).toBe(2);
  });
});
