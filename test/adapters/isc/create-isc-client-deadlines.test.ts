import { describe, expect, it } from 'vitest';
import { createIscClient, type IscClientEvent } from '../../../lambdas/adapters/isc/index.js';
import { drip, startHostileServer, tokenReply } from '../../support/hostile-server.js';
import { startHarness } from './isc-sandbox-fixture.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

const PAT = { clientId: 'janitor-pat', clientSecret: 'pat-secret-deadline-tests-0a1b2c' };

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error as Error,
  );
}

const LIST = '/v3/oauth-clients';
const pathsOf = (requests: readonly { path: string }[], path: string) => requests.filter((r) => r.path === path);

describe('createIscClient deadlines', () => {
  it('cuts off a body that drips after its headers, retries per policy, then fails with a timeout', async () => {
    const isc = await startHostileServer((request, res) => (request.path === '/oauth/token' ? tokenReply(res) : drip(res)));
    const events: IscClientEvent[] = [];
    const client = createIscClient({
      baseUrl: isc.url,
      credentials: PAT,
      rateLimit: false,
      timeoutMs: 200,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      onEvent: (event) => events.push(event),
    });

    const error = await failure(client.list());

    expect(error).toMatchObject({ name: 'IscApiError', kind: 'timeout', method: 'GET', path: LIST });
    expect(error.message).toBe('GET /v3/oauth-clients failed: timed out (no complete response within 200 ms) after 3 attempts');
    expect(pathsOf(isc.requests, LIST)).toHaveLength(3);
    const retries = events.filter((e) => e.type === 'retry' && e.path === LIST);
    expect(retries.map((e) => (e.type === 'retry' ? e.reason : ''))).toEqual(['timeout', 'timeout']);
  });

  it('bounds the token request the same way', async () => {
    const isc = await startHostileServer((_request, res) => drip(res));
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, timeoutMs: 100, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });

    const error = await failure(client.list());

    expect(error).toMatchObject({ kind: 'timeout', method: 'POST', path: '/oauth/token' });
    expect(isc.requests).toHaveLength(2);
  });

  it('aborts a request in flight when the run stops, with the run\'s reason, and does not retry it', async () => {
    const run = new AbortController();
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res);
      drip(res);
      run.abort(new Error('the run reached its time limit (--max-run-time 0.04 s)')); // mid-body
    });
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, timeoutMs: 60_000, signal: run.signal });

    const error = await failure(client.list());

    expect(error).toMatchObject({ name: 'IscApiError', kind: 'aborted', method: 'GET' });
    expect(error.message).toBe('GET /v3/oauth-clients failed: the run reached its time limit (--max-run-time 0.04 s)');
    expect(isc.requests).toHaveLength(2);
  });

  it('ends the wait before a retry when the run stops, and starts nothing once stopped', async () => {
    const run = new AbortController();
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res);
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"detailCode":"503 Service Unavailable","messages":[]}');
      setTimeout(() => run.abort(new Error('interrupted by SIGTERM')), 5); // while the client waits to retry
    });
    const { signal } = run;
    // A one-minute backoff: only the stop signal can end this wait within the test's time.
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, retry: { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 }, signal });

    const waiting = await failure(client.get('2c9180835d2e5168015d32f890ca1581'));
    const later = await failure(client.list());

    expect(waiting).toMatchObject({ kind: 'aborted', message: 'GET /v3/oauth-clients/2c9180835d2e5168015d32f890ca1581 failed: interrupted by SIGTERM' });
    expect(later).toMatchObject({ kind: 'aborted', method: 'GET', path: '/v3/oauth-clients' });
    expect(isc.requests.map((r) => r.path)).toEqual(['/oauth/token', '/v3/oauth-clients/2c9180835d2e5168015d32f890ca1581']);
  });
});

describe('createIscClient delete after a lost answer', () => {
  it('counts a 404 on the retry of a DELETE whose first answer stalled as deleted, not as already gone', async () => {
    const { client, sb } = await startHarness({}, { timeoutMs: 150 });
    const [first, second] = sb.state.all();
    sb.faults.failNext(1, { route: 'delete' }, { kind: 'stall', processed: true });

    const lost = await iscRemovalOf(client).clients.delete(first?.id ?? '');
    const gone = await iscRemovalOf(client).clients.delete(second?.id ?? '').then(() => iscRemovalOf(client).clients.delete(second?.id ?? ''));

    expect(lost).toBe('deleted');
    expect(sb.requests.filter((r) => r.route === 'delete' && r.path.endsWith(first?.id ?? '')).map((r) => r.status)).toEqual([204, 404]);
    expect(gone).toBe('already-gone'); // a plain 404, no lost answer before it: someone else's delete
  });
});
