import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * A tiny HTTP server on 127.0.0.1 that misbehaves the way a test tells it to (drip a body,
 * redirect elsewhere, echo a secret). Every request is recorded with its body, so a test can
 * prove what reached it. Servers are closed after each test, their sockets too.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
}

export type HostileHandler = (request: RecordedRequest, res: ServerResponse) => void;

const open: Server[] = [];
const timers = new Set<NodeJS.Timeout>();
afterEach(async () => {
  for (const timer of timers) clearInterval(timer);
  timers.clear();
  await Promise.all(
    open.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      handler(request, res);
    });
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, requests };
}

/** Headers at once, then one byte every `everyMs` for ever: a body that never completes. */
export function drip(res: ServerResponse, everyMs = 20): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('[');
  const timer = setInterval(() => res.write(' '), everyMs);
  timers.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    timers.delete(timer);
  });
}

/** A valid token response, as ISC's token endpoint sends it. */
export function tokenReply(res: ServerResponse, accessToken = 'hostile-test-access-token-0123456789'): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', expires_in: 749 }));
}
