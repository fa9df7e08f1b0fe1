import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import type { BadInputCase } from './bad-input-case.js';
import { VALID_CLIENT } from './api-response-cases.js';
import { VALID_TOKEN, type ScriptedIsc, type ScriptedReply, type ScriptedRoute } from './scripted-isc-server.js';

/**
 * Answers a hostile or broken gateway sends: redirects elsewhere (never followed: the error
 * names the status and the host) and errors that echo the PAT secret or the access token back
 * (never in the error). Each case is one answer on one route; the ISC client must refuse it.
 */
const PAT_SECRET = 'pat-secret-echoed-by-the-gateway-4d2a';
const ACCESS_TOKEN = JSON.parse(VALID_TOKEN).access_token as string;

const REDIRECTS: readonly [number, string | undefined, string][] = [
  [301, 'https://evil.example/oauth/token', 'redirected (301) to host evil.example'],
  [302, 'http://127.0.0.1:9/v3/oauth-clients', 'redirected (302) to host 127.0.0.1:9'],
  [303, '/login?next=/v3/oauth-clients', 'redirected (303) to a relative location on the same host'],
  [307, undefined, 'redirected (307) without a Location header'],
  [308, 'https://acme.api.identitynow.com.evil.example/v3/oauth-clients', 'to host acme.api.identitynow.com.evil.example'],
];

function echoes(secret: string): readonly ScriptedReply[] {
  const dto = (text: string) => JSON.stringify({ detailCode: '500.0 Internal Fault', trackingId: secret, messages: [{ locale: 'en-US', text }] });
  return [
    { status: 500, statusText: `Internal ${secret}`, headers: { 'content-type': 'text/plain' } },
    { status: 500, headers: { 'content-type': 'application/json' }, body: dto(`client_secret=${secret}`) },
    { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: `bad token ${secret}` }) },
    { status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body>upstream said ${secret}</body></html>` },
    { status: 503, statusText: `Bearer ${secret}`, headers: { 'content-type': 'application/json' }, body: dto(`Authorization: Bearer ${secret}`) },
  ];
}

export function hostileResponseCases(isc: ScriptedIsc): BadInputCase[] {
  const client = () =>
    createIscClient({ baseUrl: isc.url, credentials: { clientId: 'janitor', clientSecret: PAT_SECRET }, retry: { attempts: 1 }, rateLimit: false });
  const answer = (route: ScriptedRoute, reply: ScriptedReply, call: () => Promise<unknown>) => async () => {
    isc.bodies.token = VALID_TOKEN;
    isc.replies[route] = reply;
    try {
      return await call();
    } finally {
      delete isc.replies[route];
    }
  };
  const calls: Record<'token' | 'list' | 'get', () => Promise<unknown>> = {
    token: () => client().list(),
    list: () => client().list(),
    get: () => client().get(VALID_CLIENT.id),
  };
  const routes = ['token', 'list', 'get'] as const;
  const redirects = routes.flatMap((route) =>
    REDIRECTS.map(([status, location, named]) => ({
      name: `${route} answers ${status}${location ? ` to ${location}` : ''}`,
      field: named,
      secret: PAT_SECRET,
      run: answer(route, { status, ...(location ? { headers: { location } } : {}) }, calls[route]),
    })),
  );
  const echoed = routes.flatMap((route) =>
    echoes(route === 'token' ? PAT_SECRET : ACCESS_TOKEN).map((reply, index) => ({
      name: `${route} echoes the ${route === 'token' ? 'PAT secret' : 'access token'} (#${index + 1}, ${reply.status})`,
      field: 'failed',
      secret: route === 'token' ? PAT_SECRET : ACCESS_TOKEN,
      run: answer(route, reply, calls[route]),
    })),
  );
  return [...redirects, ...echoed];
}
