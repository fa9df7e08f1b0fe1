import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createIscClient, type IscClientEvent } from '../../../lambdas/adapters/isc/index.js';
import { startHostileServer, tokenReply } from '../../support/hostile-server.js';

/**
 * A server that echoes the secrets it was sent: in a status text, in ISC's messages[].text, in a
 * non-JSON body. The client's errors and events must carry none of them.
 */
const PAT = { clientId: 'janitor-pat', clientSecret: 'pat-secret-echo-target-77c1d0e9a4' };
const TOKEN = 'access-token-echo-target-3f6b2a9e1c';

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error as Error,
  );
}

function renderings(value: unknown): string {
  return [JSON.stringify(value), String(value), inspect(value, { depth: 10, showHidden: true })].join('\n');
}

describe('createIscClient and echoed secrets', () => {
  it.each([
    ['a status text', (secret: string) => ({ status: 500, statusText: `Bad secret ${secret}`, type: 'text/plain', body: '' })],
    [
      'ISC messages[].text',
      (secret: string) => ({
        status: 400,
        statusText: 'Bad Request',
        type: 'application/json',
        body: JSON.stringify({ detailCode: '400.1 Bad Request Content', trackingId: 't1', messages: [{ locale: 'en-US', text: `client_secret ${secret} is wrong` }] }),
      }),
    ],
    ['a non-JSON body', (secret: string) => ({ status: 502, statusText: 'Bad Gateway', type: 'text/html', body: `<p>upstream refused ${secret}</p>` })],
  ])('keeps the PAT secret out of a token-endpoint error when it is echoed in %s', async (_where, reply) => {
    const isc = await startHostileServer((_request, res) => {
      const { status, statusText, type, body } = reply(PAT.clientSecret);
      res.writeHead(status, statusText, { 'content-type': type }).end(body);
    });
    const events: IscClientEvent[] = [];
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, retry: { baseDelayMs: 1, maxDelayMs: 2 }, onEvent: (e) => events.push(e) });

    const error = await failure(client.list());

    expect(error.name).toBe('IscApiError');
    expect(isc.requests[0]?.body).toContain(PAT.clientSecret); // it really was sent, and echoed
    expect(renderings(error)).not.toContain(PAT.clientSecret);
    expect(renderings(events)).not.toContain(PAT.clientSecret);
    expect(error.message).toContain('[redacted]');
  });

  it('keeps the access token and the PAT secret out of an API error that echoes both', async () => {
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res, TOKEN);
      const echoed = `${request.headers.authorization ?? ''} / ${PAT.clientSecret}`;
      res.writeHead(500, `Oops ${TOKEN}`, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detailCode: '500.0 Internal Fault', trackingId: TOKEN, messages: [{ text: echoed }] }));
    });
    const client = createIscClient({ baseUrl: isc.url, credentials: PAT, rateLimit: false, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });

    const error = await failure(client.get('2c9180835d2e5168015d32f890ca1581'));

    expect(isc.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    for (const secret of [TOKEN, PAT.clientSecret]) expect(renderings(error)).not.toContain(secret);
    expect(error).toMatchObject({ status: 500, kind: 'http' });
  });
});
