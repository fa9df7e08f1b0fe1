import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWithRetry } from '../../../lambdas/adapters/isc/send-with-retry.js';
import { isIscApiError } from '../../../lambdas/core/isc-api-error.js';

const MB = 1024 * 1024;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/**
 * A server whose list answer never ends: 64 KB chunks for as long as the client reads, as a
 * broken proxy or a hostile server would send. Counts what it managed to write.
 */
async function endlessBody(options: { declareLength?: number } = {}): Promise<{ url: string; written: () => number; requests: () => number }> {
  let written = 0;
  let requests = 0;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json', ...(options.declareLength ? { 'content-length': String(options.declareLength) } : {}) });
    const pump = () => {
      while (!res.destroyed && written < 512 * MB) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.write('[');
    pump();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/oauth-clients`, written: () => written, requests: () => requests };
}

const send = (url: string, maxResponseBytes: number) =>
  sendWithRetry({
    method: 'GET',
    path: '/v3/oauth-clients',
    idempotent: true,
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
    emit: () => {},
    timeoutMs: 10_000,
    maxResponseBytes,
    send: (signal) => fetch(url, { signal }),
  });

describe('the cap on an ISC response body', () => {
  it('stops reading an endless body at the cap and fails the request once, naming the cap and the setting', async () => {
    const server = await endlessBody();

    const failure = await send(server.url, 2 * MB).catch((error: unknown) => error);

    expect(isIscApiError(failure) && failure.kind).toBe('too-large');
    expect((failure as Error).message).toBe(
      'GET /v3/oauth-clients failed: the response body is larger than the 2 MB cap per ISC response (--max-response-mb / ISC_MAX_RESPONSE_MB raises it)',
    );
    // Not retried (it would be as large again), and the server was cut off near the cap, not at its end.
    expect(server.requests()).toBe(1);
    expect(server.written()).toBeLessThan(64 * MB);
  });

  it('refuses a body whose Content-Length is over the cap before reading it', async () => {
    const server = await endlessBody({ declareLength: 300 * MB });

    await expect(send(server.url, MB)).rejects.toThrow(/larger than the 1 MB cap/);
  });

  it('reads a body under the cap whole, multi-byte characters across chunk boundaries included', async () => {
    const text = JSON.stringify([{ name: 'Zürich-Ä€😀'.repeat(20_000) }]);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const bytes = Buffer.from(text);
      // Split mid-character: the decoder must join the pieces.
      res.write(bytes.subarray(0, 7));
      res.end(bytes.subarray(7));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    const res = await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/oauth-clients`, MB);

    expect(res.text).toBe(text);
  });
});
