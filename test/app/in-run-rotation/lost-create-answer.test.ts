import { describe, expect, it } from 'vitest';
import type { OAuthClientsApi } from '../../../lambdas/core/ports.js';
import { IscApiError } from '../../../lambdas/core/isc-api-error.js';
import { DEFAULT_POLICY } from '../../../lambdas/core/model/policy.js';
import { createGovernedClient, governedRequestOf } from '../../../lambdas/app/in-run-rotation/create-governed-client.js';
import { failure } from '../../adapters/secret-store/failure.js';
import { NOW } from '../../core/make-client.js';
import { CURRENT_ID, MANAGED, SECRET_NAME, startRotationTenant, TENANT, type RotationTenant } from './rotation-harness.js';
import { iscWithDoor } from '../../support/isc-with-door.js';

/**
 * A create ISC processed but whose answer was lost (cut-off body, 5xx after processing) made a
 * client nobody has the secret of. On a name's first rotation, or in governed creation, nothing
 * could tell it apart later, so rotation of the name stalled until a person acted. Now it is found and deleted before the action is reported failed.
 */
const NAME = 'ci-nightly';
const REQUEST = governedRequestOf(
  { name: NAME, description: 'nightly export', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true, scope: ['idn:sources:read'] },
  DEFAULT_POLICY.creation,
);

function governed(tenant: RotationTenant, api: OAuthClientsApi = tenant.api) {
  return createGovernedClient({ api, door: iscWithDoor(tenant.api).door, store: tenant.store, tenant: TENANT, baseUrl: tenant.sandbox.url, secretPrefix: 'isc-oauth-janitor/clients/', request: REQUEST, clock: () => NOW, retry: { retryDelayMs: 1 } });
}

const named = (tenant: RotationTenant, name: string) => tenant.sandbox.state.all().filter((client) => client.name === name).map((client) => client.id);
const methods = (tenant: RotationTenant) => tenant.sandbox.mutatingRequests().map((r) => r.method);

describe('createWithoutOrphans', () => {
  it('deletes the successor of a first rotation whose create answer was cut off, and fails the rotation', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'truncated' });

    const report = await tenant.run();

    const [action] = report.actions;
    expect(action).toMatchObject({ clientId: CURRENT_ID, action: 'rotate', outcome: 'failed' });
    expect(action?.error?.message).toMatch(/^create of ci-deploy failed without a clear answer \(.*malformed JSON.*\); ISC had created client \w+ anyway; it was found and deleted again, nothing changed$/);
    expect(report.outcome).toBe('failed');
    expect(methods(tenant)).toEqual(['POST', 'DELETE']);
    expect(named(tenant, MANAGED)).toEqual([CURRENT_ID]);
    expect(await tenant.store.read(SECRET_NAME)).toBeUndefined();
    expect(await tenant.files()).toEqual([]);
  });

  it('rotates the name on the next run, no person needed', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'truncated' });
    await tenant.run();

    const report = await tenant.run();

    expect(report.warnings.join('\n')).not.toContain('share the managed name');
    expect(report.actions[0]).toMatchObject({ action: 'rotate', outcome: 'done' });
    expect((await tenant.store.read(SECRET_NAME))?.previousClientId).toBe(CURRENT_ID);
  });

  it('checks and deletes nothing when a 500 came before ISC processed the create', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'status', status: 500 });

    const report = await tenant.run();

    expect(report.actions[0]?.outcome).toBe('failed');
    expect(report.actions[0]?.error).toMatchObject({ status: 500, message: expect.stringMatching(/; ISC did not create it \(checked\), nothing changed$/) });
    expect(methods(tenant)).toEqual(['POST']);
    expect(named(tenant, MANAGED)).toEqual([CURRENT_ID]);
  });

  it('deletes a governed client whose create answer was cut off, and stores nothing', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'truncated' });

    const error = await failure(governed(tenant));

    expect(error.message).toMatch(/^create of ci-nightly failed without a clear answer .*; ISC had created client \w+ anyway; it was found and deleted again, nothing changed$/);
    expect(methods(tenant)).toEqual(['POST', 'DELETE']);
    expect(named(tenant, NAME)).toEqual([]);
    expect(await tenant.files()).toEqual([]);
  });

  it('deletes a governed client when ISC processed the create but answered 504', async () => {
    const tenant = await startRotationTenant();
    const api: OAuthClientsApi = {
      ...tenant.api,
      create: async (request) => {
        await tenant.api.create(request);
        throw new IscApiError('POST /v3/oauth-clients failed: 504 Gateway Timeout', { kind: 'http', status: 504, method: 'POST', path: '/v3/oauth-clients' });
      },
    };

    const error = await failure(governed(tenant, api));

    expect(error).toMatchObject({ status: 504, kind: 'http' });
    expect(error.message).toContain('it was found and deleted again');
    expect(named(tenant, NAME)).toEqual([]);
  });

  it('leaves a client that existed before the POST alone', async () => {
    const tenant = await startRotationTenant();
    const before = await tenant.api.create({ ...REQUEST, description: 'made by a person' });
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'truncated' });

    await failure(governed(tenant));

    expect(named(tenant, NAME)).toEqual([before.id]);
  });

  it('names the client to delete by hand when deleting it fails too', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'truncated' });
    tenant.sandbox.faults.failNext(50, { route: 'delete' }, { kind: 'status', status: 503 });

    const error = await failure(governed(tenant));

    const [orphan] = named(tenant, NAME);
    expect(orphan).toBeDefined();
    expect(error.message).toContain(`nobody has its secret; delete client ${orphan ?? '?'} by hand`);
    expect(await tenant.files()).toEqual([]);
  });

  it('does not clean up after a 4xx ISC answered with its error body', async () => {
    const tenant = await startRotationTenant();
    tenant.sandbox.faults.failNext(1, { route: 'create' }, { kind: 'status', status: 400 });
    const lists = () => tenant.sandbox.requests.filter((r) => r.route === 'list').length;

    const error = await failure(governed(tenant));

    expect(error).toMatchObject({ status: 400, message: expect.stringMatching(/^POST \/v3\/oauth-clients failed: .*Injected 400 response/) });
    expect(error.message).not.toContain('clear answer');
    expect(lists()).toBe(1);
  });
});
