import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { FIXED_NOW, api, expectErrorDto, requestToken, tokenFor } from './sandbox-http-client.js';

const disable = [{ op: 'replace', path: '/enabled', value: false }];

describe('SandboxFaults', () => {
  let sandbox: Sandbox;
  let token: string;
  let id: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ seed: { count: 5, seed: 2, now: FIXED_NOW } });
    token = await tokenFor(sandbox);
    id = sandbox.state.all().find((c) => c.enabled)?.id ?? '';
  });
  afterEach(async () => sandbox.close());
  const patch = async (): Promise<Response> =>
    api(sandbox, 'PATCH', `/v3/oauth-clients/${id}`, { token, body: disable, contentType: 'application/json-patch+json' });

  it('consumes failNext faults in order, only by matching requests, without touching state', async () => {
    sandbox.faults.failNext(2, { route: 'patch' }, { kind: 'status', status: 500 });
    sandbox.faults.failNext(1, { method: 'patch' }, { kind: 'status', status: 503 });
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
    const first = await patch();
    expect(first.status).toBe(500);
    expectErrorDto(await first.json(), '500.0 Internal Fault');
    expect((await patch()).status).toBe(500);
    expect((await patch()).status).toBe(503);
    expect(sandbox.state.get(id)?.enabled).toBe(true);
    expect((await patch()).status).toBe(200);
    expect(sandbox.state.get(id)?.enabled).toBe(false);
  });

  it('sends 429 and 401 faults with their own bodies', async () => {
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'status', status: 429, retryAfterSeconds: 0.01 });
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'status', status: 429 });
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'status', status: 401 });
    const limited = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '0.01']);
    expect(await limited.json()).toEqual({ message: ' Rate Limit Exceeded ' });
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).headers.get('retry-after')).toBeNull();
    const unauthorized = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(await unauthorized.json()).toEqual({ error: 'JWT validation failed: JWT is invalid' });
  });

  it('serves HTML with 200 by default or with a given 5xx status', async () => {
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'html' });
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'html', status: 502 });
    const ok = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/html');
    expect(await ok.text()).toMatch(/^<!DOCTYPE html>/);
    const bad = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    expect(bad.status).toBe(502);
    expect(await bad.text()).toContain('502 Bad Gateway');
  });

  it('truncates the JSON body of a processed request', async () => {
    sandbox.faults.failNext(1, { route: 'patch' }, { kind: 'truncated' });
    const response = await patch();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith(`{"id":"${id}"`)).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(sandbox.state.get(id)?.enabled).toBe(false);
  });

  it('drops the socket so fetch rejects', async () => {
    sandbox.faults.failNext(1, { route: 'token' }, { kind: 'drop' });
    await expect(requestToken(sandbox)).rejects.toThrow();
    expect((await requestToken(sandbox)).status).toBe(200);
  });

  it('adds latency per route and one-shot delays', async () => {
    sandbox.faults.setLatency('get', 40);
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'delay', ms: 40 });
    for (const path of [`/v3/oauth-clients/${id}`, '/v3/oauth-clients']) {
      const started = performance.now();
      expect((await api(sandbox, 'GET', path, { token })).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    }
  });

  it('injects seeded random 500s at the configured rate, reproducibly', async () => {
    const run = async (): Promise<number[]> => {
      sandbox.faults.setErrorRate('get', 0.5, 42);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await api(sandbox, 'GET', `/v3/oauth-clients/${id}`, { token })).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(await run()).toEqual(first);
    expect(sandbox.requests.filter((r) => r.fault === 'error-rate').length).toBe(2 * first.filter((s) => s === 500).length);
  });

  it('stalls a body after its headers until the client gives up; processed only when asked', async () => {
    sandbox.faults.failNext(1, { route: 'patch' }, { kind: 'stall' });
    sandbox.faults.failNext(1, { route: 'patch' }, { kind: 'stall', processed: true });
    for (const processed of [false, true]) {
      const controller = new AbortController();
      const response = await fetch(`${sandbox.url}/v3/oauth-clients/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-patch+json' },
        body: JSON.stringify(disable),
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      expect((await reader.read()).done).toBe(false); // the first byte, then a drip
      expect((await reader.read()).done).toBe(false);
      controller.abort();
      expect(sandbox.state.get(id)?.enabled).toBe(!processed);
    }
    expect(sandbox.requests.filter((r) => r.fault === 'stall')).toHaveLength(2);
  });

  it('redirects without processing, by default to its own /redirected path', async () => {
    sandbox.faults.failNext(1, { route: 'patch' }, { kind: 'redirect' });
    sandbox.faults.failNext(1, { route: 'token' }, { kind: 'redirect', status: 302, location: 'http://127.0.0.1:9/oauth/token' });
    const moved = await fetch(`${sandbox.url}/v3/oauth-clients/${id}`, {
      method: 'PATCH',
      redirect: 'manual',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify(disable),
    });
    const away = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([307, `${sandbox.url}/redirected/v3/oauth-clients/${id}`]);
    expect([away.status, away.headers.get('location')]).toEqual([302, 'http://127.0.0.1:9/oauth/token']);
    expect(sandbox.state.get(id)?.enabled).toBe(true);
    expect(sandbox.requests.map((r) => r.fault).filter(Boolean)).toEqual(['redirect:307', 'redirect:302']);
  });

  it('echoes the PAT secret and the caller\'s token in the status text, trackingId and messages', async () => {
    sandbox.faults.failNext(1, { route: 'list' }, { kind: 'echo-secret' });
    sandbox.faults.failNext(1, { route: 'token' }, { kind: 'echo-secret' });
    const listed = await api(sandbox, 'GET', '/v3/oauth-clients', { token });
    const tokenAnswer = await requestToken(sandbox);
    const body = (await listed.json()) as { trackingId: string; messages: { text: string }[] };
    const secret = sandbox.credentials.clientSecret;
    expect(listed.status).toBe(500);
    expect(listed.statusText).toContain(token);
    expect(body.trackingId).toBe(secret);
    expect(body.messages[0]?.text).toContain(`Bearer ${token}`);
    expect(tokenAnswer.statusText).toContain(secret);
    expect(((await tokenAnswer.json()) as { messages: { text: string }[] }).messages[0]?.text).toContain(secret);
  });

  it('clear() removes queued faults, latency, error rates and ignoreFilters', async () => {
    sandbox.faults.failNext(5, {}, { kind: 'status', status: 500 });
    sandbox.faults.setErrorRate('*', 1);
    sandbox.faults.clear();
    expect((await api(sandbox, 'GET', '/v3/oauth-clients', { token })).status).toBe(200);
  });
});

describe('Sandbox.requests', () => {
  it('logs every request in order with status, route, sandbox time and fault', async () => {
    const sandbox = await startSandbox({ now: () => FIXED_NOW, seed: { count: 2 } });
    try {
      const token = await tokenFor(sandbox);
      const id = sandbox.state.all()[0]?.id ?? '';
      sandbox.faults.failNext(1, { route: 'delete' }, { kind: 'status', status: 500 });
      await api(sandbox, 'GET', '/v3/oauth-clients?filters=lastUsed%20isnull', { token });
      await api(sandbox, 'DELETE', `/beta/oauth-clients/${id}`, { token });
      await api(sandbox, 'PATCH', `/v3/oauth-clients/${id}`, { token, body: disable, contentType: 'application/json-patch+json' });
      await api(sandbox, 'GET', '/nowhere', { token });
      expect(sandbox.requests.map(({ method, route, status, fault }) => ({ method, route, status, fault }))).toEqual([
        { method: 'POST', route: 'token', status: 200, fault: undefined },
        { method: 'GET', route: 'list', status: 200, fault: undefined },
        { method: 'DELETE', route: 'delete', status: 500, fault: 'status:500' },
        { method: 'PATCH', route: 'patch', status: 200, fault: undefined },
        { method: 'GET', route: 'unknown', status: 404, fault: undefined },
      ]);
      const list = sandbox.requests[1];
      expect(list?.path).toBe('/v3/oauth-clients');
      expect(new URLSearchParams(list?.query).get('filters')).toBe('lastUsed isnull');
      expect(list?.at).toBe(FIXED_NOW.getTime());
      expect(sandbox.mutatingRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
        `DELETE /beta/oauth-clients/${id}`,
        `PATCH /v3/oauth-clients/${id}`,
      ]);
    } finally {
      await sandbox.close();
    }
  });
});
