import { describe, expect, it } from 'vitest';
import { createIscClient } from '../../../lambdas/adapters/isc/index.js';
import { startHostileServer, tokenReply } from '../../support/hostile-server.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

const PAT = { clientId: 'janitor-pat', clientSecret: 'pat-secret-that-must-stay-home-5a1f' };

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

describe('createIscClient and redirects', () => {
  it('does not follow a 307 from the token endpoint: the other host gets nothing, the error names it', async () => {
    const elsewhere = await startHostileServer((_request, res) => tokenReply(res));
    const isc = await startHostileServer((_request, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/oauth/token` }).end();
    });
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

    const error = await settle(client.list());

    expect(error).toMatchObject({ name: 'IscApiError', kind: 'http', status: 307, method: 'POST', path: '/oauth/token' });
    expect((error as Error).message).toContain(`redirected (307) to host 127.0.0.1:${elsewhere.port}`);
    expect((error as Error).message).not.toContain(PAT.clientSecret);
    expect(elsewhere.requests).toEqual([]);
    expect(isc.requests).toHaveLength(1); // a redirect is not a transient failure: not retried either
  });

  it('does not follow a redirect from the API: the bearer token never leaves the base URL', async () => {
    const elsewhere = await startHostileServer((_request, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') tokenReply(res);
      else res.writeHead(302, { location: `${elsewhere.url}/v3/oauth-clients` }).end();
    });
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false });

    const list = await settle(client.list());
    const remove = await settle(iscRemovalOf(client).clients.delete('2c9180835d2e5168015d32f890ca1581'));

    expect(list).toMatchObject({ kind: 'http', status: 302, method: 'GET', path: '/v3/oauth-clients' });
    expect((list as Error).message).toContain(`to host 127.0.0.1:${elsewhere.port}`);
    expect(remove).toMatchObject({ status: 302, method: 'DELETE' });
    expect(elsewhere.requests).toEqual([]);
  });

  it('names a redirect without a Location, and a relative one, without following either', async () => {
    let answer = 0;
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res);
      answer += 1;
      if (answer === 1) res.writeHead(301).end();
      else res.writeHead(308, { location: '/v3/oauth-clients?moved=1' }).end();
    });
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false });

    const missing = (await settle(client.list())) as Error;
    const relative = (await settle(client.list())) as Error;

    expect(missing.message).toContain('redirected (301) without a Location header');
    expect(relative.message).toContain('redirected (308) to a relative location on the same host');
    expect(isc.requests.map((r) => r.path)).toEqual(['/oauth/token', '/v3/oauth-clients', '/v3/oauth-clients']);
  });
});
