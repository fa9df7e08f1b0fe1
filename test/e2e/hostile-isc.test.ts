import { describe, expect, it } from 'vitest';
import { startHostileServer, tokenReply } from '../support/hostile-server.js';
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
  });
});
