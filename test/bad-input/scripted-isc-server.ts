import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny ISC stand-in that answers whatever body a test scripts, so the ISC client can be fed
 * wrong types, missing fields and hostile keys the real sandbox would never send.
 */
export interface ScriptedIsc {
  readonly url: string;
  /** Raw JSON text per route; `token` defaults to a valid token response. */
  bodies: { token: string; list: string; get: string; pats: string };
  /** A whole answer per route (status, reason phrase, headers, body), used instead of `bodies` while set. */
  replies: Partial<Record<ScriptedRoute, ScriptedReply>>;
  /** `METHOD path` of every request, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export type ScriptedRoute = 'token' | 'list' | 'get' | 'pats';

export interface ScriptedReply {
  readonly status: number;
  readonly statusText?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export const VALID_TOKEN = JSON.stringify({ access_token: 'scripted-token', token_type: 'bearer', expires_in: 749 });

function routeOf(path: string): ScriptedRoute {
  if (path === '/oauth/token') return 'token';
  if (path === '/v3/oauth-clients') return 'list';
  if (path === '/v3/personal-access-tokens') return 'pats';
  return 'get';
}

export async function startScriptedIsc(): Promise<ScriptedIsc> {
  const requests: string[] = [];
  const bodies = { token: VALID_TOKEN, list: '[]', get: '{}', pats: '[]' };
  const replies: ScriptedIsc['replies'] = {};
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push(`${req.method ?? 'GET'} ${path}`);
    req.resume();
    req.on('end', () => {
      const route = routeOf(path);
      if (req.method !== 'GET' && path !== '/oauth/token') {
        res.writeHead(500).end(); // a mutating call is already a failure of the test; answer it anyway
        return;
      }
      const reply = replies[route];
      if (reply) {
        res.writeHead(reply.status, reply.statusText ?? '', reply.headers ?? {}).end(reply.body ?? '');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(bodies[route]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    replies,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
