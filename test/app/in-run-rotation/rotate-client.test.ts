import { readFile, stat } from 'node:fs/promises';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerSecretStore } from '../../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { runJanitor } from '../../../lambdas/app/run-janitor.js';
import { daysAgo, makeClient } from '../../core/make-client.js';
import {
  clientToken,
  CURRENT_ID,
  CURRENT_SECRET,
  MANAGED,
  managedClient,
  SECRET_NAME,
  startRotationTenant,
} from './rotation-harness.js';
import { iscWithDoor } from '../../support/isc-with-door.js';

const sm = mockClient(SecretsManagerClient);
const smClient = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException', $metadata: {} });

describe('rotateClient (through runJanitor, sandbox over HTTP)', () => {
  beforeEach(() => sm.reset());

  it('creates a successor with the same configuration and stores exactly one secret with its credentials', async () => {
    const tenant = await startRotationTenant();

    const report = await tenant.run();

    const posts = tenant.sandbox.mutatingRequests();
    expect(posts.map((r) => r.method)).toEqual(['POST']);
    const [action] = report.actions;
    expect(action).toMatchObject({ clientId: CURRENT_ID, action: 'rotate', outcome: 'done', secretId: tenant.store.pathOf(SECRET_NAME) });
    const successorId = action?.successorId ?? '';
    const stored = await tenant.store.read(SECRET_NAME);
    expect(stored).toMatchObject({ clientId: successorId, baseUrl: tenant.sandbox.url, rotatedAt: tenant.now().toISOString(), previousClientId: CURRENT_ID });
    expect(stored?.clientSecret).toBe(tenant.sandbox.state.secretOf(successorId));
    expect(await tenant.files()).toHaveLength(1);
    expect(await clientToken(tenant.sandbox, successorId, stored?.clientSecret ?? '')).toBe(200);

    const { id: _a, created: _b, modified: _c, lastUsed: _d, ...original } = managedClient();
    const { id: _e, created: _f, modified: _g, lastUsed: _h, ...copy } = tenant.sandbox.state.get(successorId)!;
    expect(copy).toEqual(original);
    expect(tenant.sandbox.state.get(CURRENT_ID)?.enabled).toBe(true);
    expect(report).toMatchObject({ outcome: 'ok', counts: { rotated: 1 } });
  });

  it('stores the successor in Secrets Manager once, with a request token from the successor id', async () => {
    const tenant = await startRotationTenant();
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' });

    const report = await tenant.run({ store: new SecretsManagerSecretStore({ client: smClient }) });

    const creates = sm.commandCalls(CreateSecretCommand);
    expect(creates).toHaveLength(1);
    const input = creates[0]!.args[0].input;
    const successorId = report.actions[0]?.successorId ?? '';
    expect(JSON.parse(input.SecretString ?? '{}')).toMatchObject({ clientId: successorId, clientSecret: tenant.sandbox.state.secretOf(successorId) });
    expect(input.Tags).toEqual([{ Key: 'managed-by', Value: 'isc-oauth-janitor' }, { Key: 'isc-client-name', Value: MANAGED }]);
    expect(report.actions[0]).toMatchObject({ outcome: 'done', secretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' });
  });

  it('deletes the successor again when Secrets Manager keeps failing, and reports the rotation failed', async () => {
    const tenant = await startRotationTenant();
    sm.on(GetSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: {} }));

    const report = await tenant.run({ store: new SecretsManagerSecretStore({ client: smClient }) });

    expect(sm.commandCalls(CreateSecretCommand).length).toBe(3);
    expect(tenant.sandbox.mutatingRequests().map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(tenant.sandbox.state.all().filter((c) => c.name === MANAGED).map((c) => c.id)).toEqual([CURRENT_ID]);
    expect(report.outcome).toBe('failed');
    expect(report.actions[0]).toMatchObject({ outcome: 'failed', error: { message: expect.stringContaining('the new client was deleted again, nothing changed') } });
  });

  it('cleans up a left-over successor of a crashed run before starting a new rotation', async () => {
    const leftover = managedClient({ id: 'rot000000000000000000000000c0bad', created: daysAgo(2), lastUsed: null });
    const current = managedClient({ created: daysAgo(95) });
    const tenant = await startRotationTenant([current, leftover]);
    await tenant.store.write(SECRET_NAME, { clientId: CURRENT_ID, clientSecret: CURRENT_SECRET, baseUrl: tenant.sandbox.url, rotatedAt: daysAgo(95), previousClientId: null }, { idempotencyToken: CURRENT_ID, tags: {} });

    const report = await tenant.run();

    expect(tenant.sandbox.mutatingRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /v3/oauth-clients/${leftover.id}`,
      'POST /v3/oauth-clients',
    ]);
    expect(tenant.sandbox.state.has(leftover.id)).toBe(false);
    expect(report.actions.map((a) => [a.action, a.outcome])).toEqual([['delete', 'done'], ['rotate', 'done']]);
  });

  it('reports a left-over someone else deleted first as skipped ("already gone"), not deleted, and still rotates', async () => {
    const leftover = managedClient({ id: 'rot000000000000000000000000c0bad', created: daysAgo(2), lastUsed: null });
    const tenant = await startRotationTenant([managedClient({ created: daysAgo(95) }), leftover]);
    await tenant.store.write(SECRET_NAME, { clientId: CURRENT_ID, clientSecret: CURRENT_SECRET, baseUrl: tenant.sandbox.url, rotatedAt: daysAgo(95), previousClientId: null }, { idempotencyToken: CURRENT_ID, tags: {} });
    tenant.sandbox.faults.failNext(1, { route: 'delete', method: 'DELETE' }, { kind: 'status', status: 404 });

    const report = await tenant.run();

    expect(report.actions.map((a) => [a.action, a.outcome, a.detail ?? ''])).toEqual([
      ['delete', 'skipped', 'already gone'],
      ['rotate', 'done', expect.stringContaining('successor')],
    ]);
    expect(report.counts).toMatchObject({ deleted: 0, rotated: 1 });
  });

  it('sends no POST and writes no secret in report mode, but plans the rotation', async () => {
    const tenant = await startRotationTenant();

    const report = await tenant.run({ policy: { mode: 'report', rotation: { enabled: true, names: ['^ci-'] } } });

    expect(tenant.sandbox.mutatingRequests()).toEqual([]);
    expect(await tenant.files()).toEqual([]);
    expect(report.actions).toEqual([expect.objectContaining({ action: 'rotate', outcome: 'planned', secretId: SECRET_NAME })]);
    expect(report.counts.rotated).toBe(1);
  });

  it('counts a rotation against the guard', async () => {
    const tenant = await startRotationTenant();

    const report = await tenant.run({ policy: { rotation: { enabled: true, names: ['^ci-'] }, limits: { maxActions: 0 } } });

    expect(report.outcome).toBe('blocked');
    expect(tenant.sandbox.mutatingRequests()).toEqual([]);
  });

  it('does not rotate when no secret store is configured, and says so', async () => {
    const tenant = await startRotationTenant([managedClient(), makeClient({ name: 'other', secret: null })]);
    const report = await runJanitor({
      ...iscWithDoor(tenant.api),
      policy: parsePolicy({ mode: 'enforce', rotation: { enabled: true, names: ['^ci-'] } }),
      tenant: 'acme',
      selfClientId: 'x',
      clock: tenant.now,
      reportId: 'r',
    });
    expect(report.actions).toEqual([]);
    expect(report.warnings).toContain('rotation.enabled is set but no secret store is configured for this run; nothing was rotated');
  });

  it('stores the secret file with mode 0600 and the managed tags', async () => {
    const tenant = await startRotationTenant();
    await tenant.run();
    const [file] = await tenant.files();
    const path = `${tenant.dir}/${file}`;
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('tags', { 'managed-by': 'isc-oauth-janitor', 'isc-client-name': MANAGED });
  });
});
