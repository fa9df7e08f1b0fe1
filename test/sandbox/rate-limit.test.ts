import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter, formatRetryAfter } from '../../sandbox/rate-limiter.js';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { api, tokenFor } from './sandbox-http-client.js';

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

  it('answers 429 with Retry-After and the ISC body once a token exceeds its budget, then recovers', async () => {
    sandbox = await startSandbox({ rateLimit: { requests: 3, windowMs: 300 }, retryAfter: 'fractional' });
    const token = await tokenFor(sandbox);
    for (let i = 0; i < 3; i += 1) expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
    const limited = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: ' Rate Limit Exceeded ' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(limited.headers.get('retry-after')).toMatch(/^0\.\d{3}$/);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(0.3);
    // Another token has its own budget, and the token endpoint is never limited.
    const other = await tokenFor(sandbox);
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

  it('allows 100 calls per token by default and refuses the 101st', async () => {
    sandbox = await startSandbox();
    const token = await tokenFor(sandbox);
    const statuses = await Promise.all(Array.from({ length: 101 }, async () => (await api(sandbox, 'GET', '/v3/oauth-clients/x', { token })).status));
    expect(statuses.filter((s) => s === 404)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });
});
