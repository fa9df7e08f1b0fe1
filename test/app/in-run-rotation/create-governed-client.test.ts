import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lambdas/core/config-error.js';
import type { SecretStore } from '../../../lambdas/core/ports.js';
import { DEFAULT_POLICY, parsePolicy, type PolicyInput } from '../../../lambdas/core/model/policy.js';
import { createGovernedClient, governedRequestOf } from '../../../lambdas/app/in-run-rotation/create-governed-client.js';
import { failure } from '../../adapters/secret-store/failure.js';
import { NOW } from '../../core/make-client.js';
import { clientToken, startRotationTenant, TENANT } from './rotation-harness.js';
import { iscWithDoor } from '../../support/isc-with-door.js';

const REQUEST = {
  name: 'ci-nightly',
  description: 'nightly export',
  accessTokenValiditySeconds: 750,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
  scope: ['idn:sources:read'],
};

/** Like the CLI and the handler: the request is checked against the creation rules, then created. */
async function create(request: unknown, store?: SecretStore, creation: PolicyInput['creation'] = undefined) {
  const tenant = await startRotationTenant();
  const rules = creation === undefined ? DEFAULT_POLICY.creation : parsePolicy({ creation }).creation;
  const run = async () =>
    createGovernedClient({
      ...iscWithDoor(tenant.api),
      store: store ?? tenant.store,
      tenant: TENANT,
      baseUrl: tenant.sandbox.url,
      secretPrefix: 'isc-oauth-janitor/clients/',
      request: governedRequestOf(request, rules),
      clock: () => NOW,
      retry: { retryDelayMs: 1 },
    });
  return { tenant, run };
}

describe('createGovernedClient', () => {
  it('creates the client, stores its secret and returns where it is, never the secret', async () => {
    const { tenant, run } = await create(REQUEST);

    const result = await run();

    const secret = tenant.sandbox.state.secretOf(result.clientId) ?? '';
    expect(result).toEqual({ clientId: expect.any(String), name: 'ci-nightly', secretArn: tenant.store.pathOf('isc-oauth-janitor/clients/acme/ci-nightly') });
    expect(JSON.stringify(result) + inspect(result)).not.toContain(secret);
    const stored = await tenant.store.read('isc-oauth-janitor/clients/acme/ci-nightly');
    expect(stored).toMatchObject({ clientId: result.clientId, previousClientId: null, rotatedAt: NOW.toISOString() });
    expect(await clientToken(tenant.sandbox, result.clientId, stored?.clientSecret ?? '')).toBe(200);
  });

  it.each([
    ['an empty scope', { ...REQUEST, scope: [] }],
    ['a missing scope', (({ scope: _scope, ...rest }) => rest)(REQUEST)],
    ['a null scope', { ...REQUEST, scope: null }],
  ])('refuses %s, which would grant sp:scopes:all, before sending anything', async (_, request) => {
    const { tenant, run } = await create(request);

    const error = await failure(run());

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('Invalid client create request: client.scope: an empty scope grants sp:scopes:all; list the scopes the client needs');
    expect((error as ConfigError).fields).toEqual(['client.scope']);
    expect(tenant.sandbox.mutatingRequests()).toEqual([]);
  });

  it.each([
    ['sp:scopes:all', { ...REQUEST, scope: ['idn:sources:read', 'sp:scopes:all'] }, undefined, 'client.scope[1]', 'sp:scopes:all is forbidden by creation.forbiddenScopes'],
    ['a near-miss of a forbidden scope', { ...REQUEST, scope: [' SP:Scopes:All '] }, undefined, 'client.scope[0]', 'sp:scopes:all is forbidden'],
    ['an internal client', { ...REQUEST, internal: true }, undefined, 'client.internal', 'exempt from the janitor from birth'],
    ['a token valid for 68 years', { ...REQUEST, accessTokenValiditySeconds: 2_147_483_647 }, undefined, 'client.accessTokenValiditySeconds', 'over creation.maxAccessTokenValiditySeconds (43200)'],
    ['a scope the policy does not allow', REQUEST, { allowedScopes: ['idn:accounts:read'] }, 'client.scope[0]', 'is not in creation.allowedScopes'],
    ['a scope the policy forbids', REQUEST, { forbiddenScopes: ['sp:scopes:all', 'idn:sources:read'] }, 'client.scope[0]', 'idn:sources:read is forbidden'],
  ])('refuses %s under the creation policy, naming the field, and creates nothing', async (_, request, creation, field, words) => {
    const { tenant, run } = await create(request, undefined, creation);

    const error = await failure(run());

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields).toEqual([field]);
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(words);
    expect(tenant.sandbox.mutatingRequests()).toEqual([]);
    expect(await tenant.files()).toEqual([]);
  });

  it('names every field outside the policy at once', async () => {
    const { run } = await create({ ...REQUEST, internal: true, accessTokenValiditySeconds: 86_400, scope: ['sp:scopes:all'] });
    expect(((await failure(run())) as ConfigError).fields).toEqual(['client.scope[0]', 'client.accessTokenValiditySeconds', 'client.internal']);
  });

  it('creates what the policy allows: an internal client, a long token, sp:scopes:all, when the policy says so', async () => {
    const creation = { forbiddenScopes: [], allowInternal: true, maxAccessTokenValiditySeconds: 86_400 };
    const { tenant, run } = await create({ ...REQUEST, internal: true, accessTokenValiditySeconds: 86_400, scope: ['sp:scopes:all'] }, undefined, creation);

    const result = await run();

    expect(tenant.sandbox.state.get(result.clientId)).toMatchObject({ internal: true, accessTokenValiditySeconds: 86_400, scope: ['sp:scopes:all'] });
  });

  it('refuses an invalid request, naming the field', async () => {
    const { tenant, run } = await create({ ...REQUEST, grantTypes: [] });
    const error = await failure(run());
    expect((error as ConfigError).fields).toEqual(['grantTypes']);
    expect(tenant.sandbox.mutatingRequests()).toEqual([]);
  });

  it('refuses a name whose managed secret already exists instead of overwriting it', async () => {
    const { tenant, run } = await create(REQUEST);
    await run();
    const error = await failure(run());
    expect((error as ConfigError).fields).toEqual(['client.name']);
    expect(tenant.sandbox.mutatingRequests().map((r) => r.method)).toEqual(['POST']);
  });

  it('deletes the new client again when its secret cannot be stored', async () => {
    const broken: SecretStore = {
      read: async () => undefined,
      write: async () => {
        throw new Error('disk full');
      },
    };
    const { tenant, run } = await create(REQUEST, broken);

    const error = await failure(run());

    expect(error.message).toMatch(/^storing the secret of new client \w+ at isc-oauth-janitor\/clients\/acme\/ci-nightly failed \(disk full\); the new client was deleted again, nothing changed$/);
    expect(tenant.sandbox.mutatingRequests().map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(tenant.sandbox.state.all().some((c) => c.name === 'ci-nightly')).toBe(false);
  });
});
