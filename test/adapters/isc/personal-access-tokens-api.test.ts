import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIscClient } from '../../../lambdas/adapters/isc/create-isc-client.js';
import type { IscApiVersion } from '../../../lambdas/adapters/isc/isc-client-config.js';
import { isConfigError } from '../../../lambdas/core/config-error.js';
import { isIscApiError } from '../../../lambdas/core/isc-api-error.js';
import { SpecValidator } from '../../../sandbox/spec/spec-validator.js';
import type { OperationName } from '../../../sandbox/spec/spec-types.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

/**
 * The personal access tokens API against a scripted ISC whose every answer is checked against
 * the vendored spec first, so the adapter is tested on what ISC may really send.
 */
const spec = new SpecValidator();
const TOKEN = JSON.stringify({ access_token: 'scripted-token', token_type: 'bearer', expires_in: 749 });

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: string;
}
interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly contentType?: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  })));
});

async function scriptedIsc(version: IscApiVersion, answer: (sent: Sent) => Answer & { operation?: OperationName }) {
  const sent: Sent[] = [];
  const server = createServer((req, res) => {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (path === '/oauth/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(TOKEN);
        return;
      }
      const request = { method: req.method ?? 'GET', path, query, body };
      sent.push(request);
      const reply = answer(request);
      if (reply.operation) {
        // The script may only say what the spec allows for this version and status.
        const check = spec.response(version, reply.operation, reply.status, reply.body);
        if (!check.valid) throw new Error(`scripted answer breaks the spec: ${check.errors.join('; ')}`);
      }
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createIscClient({
    baseUrl: `http://127.0.0.1:${port}`,
    apiVersion: version,
    credentials: { clientId: 'janitor-pat', clientSecret: 'pat-secret-value-123' },
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    rateLimit: false,
  });
  return { sent, pats: client.personalAccessTokens, removal: iscRemovalOf(client).pats };
}

const OWNER = { type: 'IDENTITY', id: '2c9180a46faadee4016fb4e018c20639', name: 'Ada Lovelace' };
const V3_TOKEN = {
  id: '86f1dc6fe8f54414950454cbb11278fa',
  name: 'NodeJS Integration',
  scope: null,
  owner: OWNER,
  created: '2025-07-11T18:45:37.098Z',
  expirationDate: '2026-01-11T18:45:37.098Z',
};
const V2025_TOKEN = {
  ...V3_TOKEN,
  id: 'ef38f94347e94562b5bb8424a56397d8',
  scope: ['sp:scopes:all'],
  lastUsed: '2026-02-01T00:00:00.000Z',
  managed: true,
  accessTokenValiditySeconds: 36_900,
  expirationDate: null,
  userAwareTokenNeverExpires: true,
};

describe('personal access tokens API', () => {
  it('lists every token of the tenant without owner-id, missing optional keys read as their defaults', async () => {
    const { sent, pats } = await scriptedIsc('v3', () => ({ status: 200, body: [V3_TOKEN], operation: 'listPersonalAccessTokens' }));
    const { tokens, unreadable } = await pats.list();
    expect(unreadable).toEqual([]);
    expect(sent).toEqual([{ method: 'GET', path: '/v3/personal-access-tokens', query: '', body: '' }]);
    expect(tokens).toEqual([
      {
        id: V3_TOKEN.id,
        name: 'NodeJS Integration',
        owner: { id: OWNER.id, name: 'Ada Lovelace' },
        scope: null,
        created: V3_TOKEN.created,
        lastUsed: null,
        managed: false,
        expirationDate: '2026-01-11T18:45:37.098Z',
      },
    ]);
  });

  it('reads a v2025 token that never expires and is managed', async () => {
    const { pats } = await scriptedIsc('v2025', () => ({ status: 200, body: [V2025_TOKEN], operation: 'listPersonalAccessTokens' }));
    const [token] = (await pats.list()).tokens;
    expect(token).toMatchObject({ expirationDate: null, userAwareTokenNeverExpires: true, managed: true, scope: ['sp:scopes:all'], accessTokenValiditySeconds: 36_900 });
  });

  it('sends the lastUsed filters and owner-id in ISC syntax', async () => {
    const { sent, pats } = await scriptedIsc('v2024', () => ({ status: 200, body: [], operation: 'listPersonalAccessTokens' }));
    const cutoff = new Date('2025-12-01T12:00:00.000Z');
    await pats.list({ filter: { lastUsedLe: cutoff } });
    await pats.list({ ownerId: OWNER.id, filter: { lastUsedIsNull: true } });
    expect(sent.map((s) => s.query)).toEqual([
      'filters=lastUsed%20le%202025-12-01T12%3A00%3A00.000Z',
      `owner-id=${OWNER.id}&filters=lastUsed%20isnull`,
    ]);
    expect(new URLSearchParams(sent[0]?.query).get('filters')).toBe(`lastUsed le ${cutoff.toISOString()}`);
  });

  it('never returns a secret ISC echoes on a listed token', async () => {
    const { pats } = await scriptedIsc('v3', () => ({ status: 200, body: [{ ...V3_TOKEN, secret: 'leaked-secret-value' }] }));
    const [token] = (await pats.list()).tokens;
    expect(JSON.stringify(token)).not.toContain('leaked-secret-value');
  });

  it('skips a listed token it cannot read (no owner, as the spec requires one), naming it and the field, and reads the others', async () => {
    const { owner: _owner, ...ownerless } = V3_TOKEN;
    const { pats } = await scriptedIsc('v3', () => ({ status: 200, body: [{ ...ownerless, id: 'no-owner' }, V3_TOKEN, 'not a token'] }));
    const { tokens, unreadable } = await pats.list();
    expect(tokens.map((token) => token.id)).toEqual([V3_TOKEN.id]);
    expect(unreadable).toEqual([
      { id: 'no-owner', position: 0, problems: ['owner: missing'] },
      { id: null, position: 2, problems: [expect.stringMatching(/^\(root\): expected object/)] },
    ]);
  });

  it('creates a token with a spec-valid request and returns its secret once', async () => {
    const { sent, pats } = await scriptedIsc('v2025', () => ({
      status: 200,
      operation: 'createPersonalAccessToken',
      body: { id: 'new-pat', secret: 'new-pat-secret', name: 'janitor', scope: ['sp:oauth-client:read'], owner: OWNER, created: '2026-03-01T12:00:00.000Z', accessTokenValiditySeconds: 900, expirationDate: '2026-09-01T12:00:00.000Z' },
    }));
    const created = await pats.create({ name: 'janitor', scope: ['sp:oauth-client:read'], accessTokenValiditySeconds: 900, expirationDate: '2026-09-01T12:00:00.000Z' });
    expect(created).toMatchObject({ id: 'new-pat', secret: 'new-pat-secret', lastUsed: null, managed: false, owner: { id: OWNER.id } });
    const body: unknown = JSON.parse(sent[0]?.body ?? '');
    expect(spec.request('v2025', 'createPersonalAccessToken', body)).toEqual({ valid: true });
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v2025/personal-access-tokens' });
  });

  it('refuses userAwareTokenNeverExpires on a version whose spec lacks it, before sending', async () => {
    const { sent, pats } = await scriptedIsc('v3', () => ({ status: 500 }));
    const error: unknown = await pats.create({ name: 'forever', expirationDate: null, userAwareTokenNeverExpires: true }).catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect(String(error)).toMatch(/userAwareTokenNeverExpires.*v3/);
    expect(sent).toHaveLength(0);
  });

  it('deletes: 204 is deleted, ISC’s JSON 404 already gone, a proxy’s HTML 404 an error', async () => {
    const answers: Answer[] = [
      { status: 204 },
      { status: 404, body: { detailCode: '404 Not found', trackingId: 't-1', messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'not found' }] } },
      { status: 404, body: '<html>nginx</html>', contentType: 'text/html' },
    ];
    const { sent, removal } = await scriptedIsc('v2025', () => answers.shift() ?? { status: 500 });
    expect(await removal.delete('a b')).toBe('deleted');
    expect(await removal.delete('gone')).toBe('already-gone');
    const error: unknown = await removal.delete('proxy').catch((e: unknown) => e);
    expect(isIscApiError(error) && error.status).toBe(404);
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'DELETE /v2025/personal-access-tokens/a%20b',
      'DELETE /v2025/personal-access-tokens/gone',
      'DELETE /v2025/personal-access-tokens/proxy',
    ]);
  });

  it('refuses an empty id before sending', async () => {
    const { sent, removal } = await scriptedIsc('v3', () => ({ status: 204 }));
    const error: unknown = await removal.delete(' ').catch((e: unknown) => e);
    expect(isConfigError(error)).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
