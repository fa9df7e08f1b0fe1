import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter, formatRetryAfter } from '../../sandbox/rate-limiter.js';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { api, tokenFor } from './sandbox-http-client.js';

const OTHER_PAT = {
  id: '0ther0000000000000000000000000001',
  name: 'second-pat',
  scope: null,
  owner: { type: 'IDENTITY', id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', name: 'IAM Automation' },
  created: '2026-01-01T00:00:00.000Z',
  lastUsed: null,
  managed: false,
  accessTokenValiditySeconds: 43200,
  expirationDate: null,
  userAwareTokenNeverExpires: true,
};

describe('RateLimiter', () => {
  it('slides: a slot frees exactly when the oldest admitted request leaves the window', () => {
    let now = 1_000;
    const limiter = new RateLimiter(2, 100, () => now);
    expect(limiter.take('t').allowed).toBe(true);
    now = 1_040;
    expect(limiter.take('t').allowed).toBe(true);
    now = 1_050;
    expect(limiter.take('t')).toEqual({ allowed: false, retryAfterMs: 50 });
    expect(limiter.take('other').allowed).toBe(true);
    now = 1_100;
    expect(limiter.take('t').allowed).toBe(true);
    expect(limiter.take('t')).toEqual({ allowed: false, retryAfterMs: 40 });
  });
});

describe('formatRetryAfter', () => {
  it('rounds integer seconds up (at least 1) and keeps fractional to the millisecond', () => {
    expect(formatRetryAfter(1, 'integer')).toBe('1');
    expect(formatRetryAfter(1001, 'integer')).toBe('2');
    expect(formatRetryAfter(42.2, 'fractional')).toBe('0.043');
    expect(formatRetryAfter(0, 'fractional')).toBe('0.001');
  });
});

describe('startSandbox rate limit', () => {
  let sandbox: Sandbox;
  afterEach(async () => sandbox.close());

  it('answers 429 with Retry-After and the ISC body once a client_id exceeds its budget on a version, then recovers', async () => {
    sandbox = await startSandbox({ rateLimit: { requests: 3, windowMs: 300 }, retryAfter: 'fractional', pats: [OTHER_PAT], patSecrets: { [OTHER_PAT.id]: 'other-secret' } });
    const token = await tokenFor(sandbox);
    for (let i = 0; i < 3; i += 1) expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
    const limited = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: ' Rate Limit Exceeded ' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(limited.headers.get('retry-after')).toMatch(/^0\.\d{3}$/);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(0.3);
    // A second token of the same PAT shares the budget; the PAT has its own on another version
    // (v1 included), another client_id has its own, and the token endpoint is never limited.
    const again = await tokenFor(sandbox);
    expect((await api(sandbox, 'GET', '/v3/personal-access-tokens', { token: again })).status).toBe(429);
    expect((await api(sandbox, 'GET', '/v2026/oauth-clients', { token: again })).status).toBe(200);
    expect((await api(sandbox, 'GET', '/oauth-clients/v1', { token: again })).status).toBe(200);
    const other = await tokenFor(sandbox, { clientId: OTHER_PAT.id, clientSecret: 'other-secret' });
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token: other })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 5));
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
  });

  it('sends integer Retry-After seconds by default', async () => {
    sandbox = await startSandbox({ rateLimit: { requests: 1, windowMs: 10_000 } });
    const token = await tokenFor(sandbox);
    await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    const limited = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^(9|10)$/);
  });

  it('never limits with rateLimit: false', async () => {
    sandbox = await startSandbox({ rateLimit: false });
    const token = await tokenFor(sandbox);
    const statuses = await Promise.all(Array.from({ length: 120 }, async () => (await api(sandbox, 'GET', '/v3/oauth-clients/x', { token })).status));
    expect(new Set(statuses)).toEqual(new Set([404]));
  });

  it('allows 100 calls per client_id and version by default and refuses the 101st', async () => {
    sandbox = await startSandbox();
    const token = await tokenFor(sandbox);
    const statuses = await Promise.all(Array.from({ length: 101 }, async () => (await api(sandbox, 'GET', '/v3/oauth-clients/x', { token })).status));
    expect(statuses.filter((s) => s === 404)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });
});
