import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIscClient } from '../../../lambdas/adapters/isc/create-isc-client.js';
import { NEW_CLIENT, startHarness } from './isc-sandbox-fixture.js';
import { captureAccessTokens } from '../../support/capture-access-tokens.js';
import { iscRemovalOf } from '../../../lambdas/adapters/isc/isc-removal.js';

afterEach(() => {
  vi.restoreAllMocks();
});


async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

function renderings(value: unknown): string[] {
  return [JSON.stringify(value) ?? '', String(value), inspect(value, { depth: 10, showHidden: true })];
}

describe('createIscClient redaction', () => {
  it('never lets the PAT secret, an access token or a created secret into results, errors, events or the client', async () => {
    const tokens = captureAccessTokens();
    const { client, sb, events } = await startHarness();
    const patSecret = sb.credentials.clientSecret;
    const newClient = () => ({ ...NEW_CLIENT, grantTypes: [...NEW_CLIENT.grantTypes], scope: [...NEW_CLIENT.scope] });

    const created = await client.create(newClient());
    const [a, b] = sb.state.all();
    const artifacts: unknown[] = [client, await client.list(), await client.get(created.id), await iscRemovalOf(client).clients.disable(created.id)];
    artifacts.push(await iscRemovalOf(client).clients.patch(a?.id ?? '', [{ op: 'replace', path: '/description', value: 'x' }]));
    artifacts.push(await iscRemovalOf(client).clients.delete(created.id), await settle(client.get('missing')));

    sb.faults.failNext(1, { route: 'list' }, { kind: 'html' });
    artifacts.push(await settle(client.list()));
    sb.faults.failNext(1, { route: 'create' }, { kind: 'truncated' }); // processed, then cut: its secret is in the body
    const before = new Set(sb.state.all().map((c) => c.id));
    artifacts.push(await settle(client.create(newClient())));
    const truncatedId = sb.state.all().find((c) => !before.has(c.id))?.id ?? '';
    sb.faults.failNext(1, { route: 'create' }, { kind: 'drop' });
    artifacts.push(await settle(client.create(newClient())));
    sb.faults.failNext(2, { route: 'get' }, { kind: 'status', status: 401 });
    artifacts.push(await settle(client.get(b?.id ?? '')));
    // The timeout must also cover the slow client's own token request on a loaded machine.
    const slow = createIscClient({ baseUrl: sb.url, credentials: sb.credentials, timeoutMs: 500, retry: { attempts: 1 }, rateLimit: false });
    sb.faults.failNext(1, { route: 'get' }, { kind: 'delay', ms: 3_000 });
    const timedOut = await settle(slow.get(b?.id ?? ''));
    expect(timedOut).toMatchObject({ kind: 'timeout' });
    artifacts.push(slow, timedOut);
    const wrong = createIscClient({ baseUrl: sb.url, credentials: { clientId: sb.credentials.clientId, clientSecret: `${patSecret}-old` } });
    artifacts.push(wrong, await settle(wrong.list()));
    artifacts.push(events);

    const secrets = [patSecret, ...tokens, created.secret, sb.state.secretOf(truncatedId) ?? 'unused'];
    expect(tokens.length).toBeGreaterThanOrEqual(3); // initial, after the 401, the slow client's
    expect(truncatedId).not.toBe('');
    for (const artifact of artifacts) {
      for (const text of renderings(artifact)) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    }
    // The create result is the one place a secret belongs: the caller must store it.
    expect(JSON.stringify(created)).toContain(created.secret);
  });
});
