import { describe, expect, it } from 'vitest';
import { isIscApiError, type IscApiError } from '../../../lambdas/core/isc-api-error.js';
import { NEW_CLIENT, startHarness } from './isc-sandbox-fixture.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

async function rejectionOf(promise: Promise<unknown>): Promise<IscApiError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(isIscApiError(error)).toBe(true);
  return error as IscApiError;
}

const newClient = () => ({ ...NEW_CLIENT, grantTypes: [...NEW_CLIENT.grantTypes], scope: [...NEW_CLIENT.scope] });

describe('createIscClient retries', () => {
  it('honours a fractional Retry-After on 429 exactly', async () => {
    const { client, sb, events } = await startHarness();
    sb.faults.failNext(1, { route: 'list' }, { kind: 'status', status: 429, retryAfterSeconds: 0.04 });
    const started = performance.now();
    await client.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
    expect(events.filter((e) => e.type === 'rate-limited')).toEqual([
      { type: 'rate-limited', method: 'GET', path: '/v3/oauth-clients', attempt: 1, delayMs: 40, retryAfterMs: 40 },
    ]);
  });

  it('retries a 429 on create: ISC did not process it', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'create' }, { kind: 'status', status: 429, retryAfterSeconds: 0.005 });
    const before = sb.state.size;
    await client.create(newClient());
    expect(sb.mutatingRequests().map((r) => r.status)).toEqual([429, 200]);
    expect(sb.state.size).toBe(before + 1);
  });

  it('falls back to backoff for a 429 without Retry-After', async () => {
    const { client, sb, events } = await startHarness();
    sb.faults.failNext(1, { route: 'get' }, { kind: 'status', status: 429 });
    await client.get(sb.state.all()[0]?.id ?? '');
    const limited = events.find((e) => e.type === 'rate-limited');
    expect(limited).toMatchObject({ retryAfterMs: undefined });
    expect(limited?.type === 'rate-limited' && limited.delayMs).toBeGreaterThanOrEqual(1);
  });

  it('never retries a create on 500: exactly one POST reaches ISC', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'create' }, { kind: 'status', status: 500 });
    const error = await rejectionOf(client.create(newClient()));
    expect(error).toMatchObject({ kind: 'http', status: 500, method: 'POST', detailCode: '500.0 Internal Fault' });
    expect(sb.mutatingRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('never retries a create when the connection drops', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'create' }, { kind: 'drop' });
    const error = await rejectionOf(client.create(newClient()));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^POST \/v3\/oauth-clients failed: network error \(.+\) after 1 attempt$/);
    expect(sb.mutatingRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('never retries a generic patch on 500', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'patch' }, { kind: 'status', status: 500 });
    await rejectionOf(iscRemovalOf(client).clients.patch(sb.state.all()[0]?.id ?? '', [{ op: 'replace', path: '/name', value: 'x' }]));
    expect(sb.mutatingRequests()).toHaveLength(1);
  });

  it('retries GET, DELETE and disable on 500', async () => {
    const { client, sb, events } = await startHarness();
    const [a, b] = sb.state.all();
    sb.faults.failNext(2, { route: 'get' }, { kind: 'status', status: 500 });
    sb.faults.failNext(1, { route: 'delete' }, { kind: 'status', status: 503 });
    sb.faults.failNext(1, { route: 'patch' }, { kind: 'status', status: 502 });
    expect((await client.get(a?.id ?? '')).id).toBe(a?.id);
    expect(await iscRemovalOf(client).clients.delete(a?.id ?? '')).toBe('deleted');
    expect((await iscRemovalOf(client).clients.disable(b?.id ?? '')).enabled).toBe(false);
    const byRoute = (route: string) => sb.requests.filter((r) => r.route === route).map((r) => r.status);
    expect(byRoute('get')).toEqual([500, 500, 200]);
    expect(byRoute('delete')).toEqual([503, 204]);
    expect(byRoute('patch')).toEqual([502, 200]);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(4);
  });

  it('retries a GET whose connection was dropped', async () => {
    const { client, sb, events } = await startHarness();
    sb.faults.failNext(1, { route: 'list' }, { kind: 'drop' });
    expect((await client.list()).clients.length).toBe(sb.state.size);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'network', method: 'GET' });
  });

  it('retries a GET that timed out', async () => {
    const { client, sb, events } = await startHarness({}, { timeoutMs: 50 });
    await client.list(); // token first, so only the list call is slow
    sb.faults.failNext(1, { route: 'list' }, { kind: 'delay', ms: 300 });
    await client.list();
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'timeout' });
  });

  it('stops after the configured number of attempts', async () => {
    const { client, sb } = await startHarness({}, { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    sb.faults.failNext(10, { route: 'list' }, { kind: 'status', status: 500 });
    const error = await rejectionOf(client.list());
    expect(error.status).toBe(500);
    expect(sb.requests.filter((r) => r.route === 'list')).toHaveLength(3);
  });

  it('reports an HTML page as a clear non-JSON error', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'list' }, { kind: 'html' });
    const error = await rejectionOf(client.list());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/^ISC returned a non-JSON response \(text\/html\) for GET \/v3\/oauth-clients \(status 200\): "<!DOCTYPE html>/);
    expect(error.message.length).toBeLessThan(250);
  });

  it('reports an HTML error page with its status', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'create' }, { kind: 'html', status: 502 });
    const error = await rejectionOf(client.create(newClient()));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toMatch(/^POST \/v3\/oauth-clients failed: 502 Bad Gateway \(non-JSON text\/html body: ".*502 Bad Gateway/);
    expect(sb.mutatingRequests()).toHaveLength(1);
  });

  it('reports a truncated JSON body as a clear error', async () => {
    const { client, sb } = await startHarness();
    sb.faults.failNext(1, { route: 'get' }, { kind: 'truncated' });
    const error = await rejectionOf(client.get(sb.state.all()[0]?.id ?? ''));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/ISC returned malformed JSON \(\d+ characters; truncated or invalid\) for GET \/v3\/oauth-clients\/\w+/);
  });

  it('reports a response of the wrong shape as a clear error', async () => {
    const { client, sb } = await startHarness();
    const first = sb.state.all()[0];
    sb.state.put({ ...first, enabled: 'yes' } as never);
    const error = await rejectionOf(client.get(first?.id ?? ''));
    expect(error.message).toMatch(/^ISC returned an unexpected response shape for GET \/v3\/oauth-clients\/\w+ \(status 200\): enabled: .*boolean/);
  });
});
