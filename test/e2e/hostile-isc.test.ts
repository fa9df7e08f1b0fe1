import { describe, expect, it } from 'vitest';
import { drip, startHostileServer, tokenReply } from '../support/hostile-server.js';
import { cli, reportFile } from './cli-harness.js';
import { SECRET, SELF_ID } from './tenant-clients.js';

/** The CLI against a tenant that misbehaves on purpose: it echoes secrets, redirects, stalls. */
const TOKEN = 'hostile-access-token-5e0c7a9b1d3f';

function envFor(url: string): Record<string, string> {
  return { SAIL_BASE_URL: url, SAIL_CLIENT_ID: SELF_ID, SAIL_CLIENT_SECRET: SECRET };
}

describe('janitor against a hostile ISC', () => {
  it('prints no secret when the token endpoint echoes the PAT secret in its status text, body and messages', async () => {
    const isc = await startHostileServer((_request, res) => {
      res.writeHead(500, `no ${SECRET}`, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detailCode: '500.0 Internal Fault', trackingId: SECRET, messages: [{ text: `client_secret=${SECRET}` }] }));
    });

    const result = await cli(['plan'], envFor(isc.url));

    expect(result.code).toBe(1);
    expect(isc.requests[0]?.body).toContain(SECRET);
    expect(result.stderr).toContain('POST /oauth/token failed');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('prints no token when the API echoes the bearer token back', async () => {
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res, TOKEN);
      res.writeHead(500, `seen ${request.headers.authorization ?? ''}`, { 'content-type': 'text/plain' }).end(`token ${TOKEN}`);
    });
    const json = await reportFile();

    const result = await cli(['plan', '--json', json.path], envFor(isc.url), { tty: true });

    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    const written = await json.text();
    expect(written).not.toContain(TOKEN);
    expect((await json.read()).failedReason).toContain('GET /v3/oauth-clients failed: 500');
  });
});

describe('janitor request timeouts', () => {
  async function drippingTenant() {
    return startHostileServer((request, res) => (request.path === '/oauth/token' ? tokenReply(res, TOKEN) : drip(res)));
  }

  it('--request-timeout cuts off a body that never ends: exit 1 naming the timeout', async () => {
    const isc = await drippingTenant();

    const result = await cli(['plan', '--request-timeout', '0.1'], envFor(isc.url));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GET /v3/oauth-clients failed: timed out (no complete response within 100 ms) after 4 attempts');
  });

  it('ISC_REQUEST_TIMEOUT_S does the same, and the flag beats it', async () => {
    const isc = await drippingTenant();

    const fromEnv = await cli(['plan'], { ...envFor(isc.url), ISC_REQUEST_TIMEOUT_S: '0.1' });
    const flagWins = await cli(['plan', '--request-timeout', '0.05'], { ...envFor(isc.url), ISC_REQUEST_TIMEOUT_S: '900' });

    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain('no complete response within 100 ms');
    expect(flagWins.stderr).toContain('no complete response within 50 ms');
  });

  it.each([
    [['--request-timeout', '0'], {}, '--request-timeout: must be more than 0 seconds'],
    [['--request-timeout', 'soon'], {}, '--request-timeout: must be a number of seconds'],
    [['--request-timeout', '901'], {}, '--request-timeout: must be at most 900 seconds'],
    [['--max-run-time=-5'], {}, '--max-run-time: must be a number of seconds'],
    [[], { ISC_REQUEST_TIMEOUT_S: '1e3' }, 'ISC_REQUEST_TIMEOUT_S: must be a number of seconds'],
  ])('refuses %j %j before any request (exit 2)', async (flags, env, message) => {
    const isc = await drippingTenant();

    const result = await cli(['plan', ...flags], { ...envFor(isc.url), ...env });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(isc.requests).toEqual([]);
  });
});
