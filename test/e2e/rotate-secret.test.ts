import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { cli, scratchDir, startTenant } from './cli-harness.js';
import { daysAgo, makeClient, NOW } from '../core/make-client.js';

const NAME = 'isc-oauth-janitor/clients/acme/ci-deploy';
const CURRENT = 'rot000000000000000000000000c00001';
const SECRET = 'current-client-secret-9f8e7d6c5b4a';
const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

async function managedTenant() {
  const tenant = await startTenant({
    clients: [makeClient({ id: CURRENT, name: 'ci-deploy', secret: null, created: daysAgo(100) })],
    secrets: { [CURRENT]: SECRET },
  });
  const dir = await scratchDir();
  const store = new DirectorySecretStore({ directory: dir });
  await store.write(NAME, { clientId: CURRENT, clientSecret: SECRET, baseUrl: tenant.sandbox.url, rotatedAt: daysAgo(100), previousClientId: null }, { idempotencyToken: CURRENT, tags: {} });
  return { ...tenant, dir, store };
}

describe('janitor rotate-secret', () => {
  it('runs the four steps locally against the directory store with --secrets-dir', async () => {
    const { sandbox, env, dir, store } = await managedTenant();

    const result = await cli(['rotate-secret', '--secret-id', NAME, '--secrets-dir', dir], env);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const current = (await store.read(NAME))!;
    expect(current).toMatchObject({ previousClientId: CURRENT, baseUrl: sandbox.url, rotatedAt: NOW.toISOString() });
    expect(result.stdout).toContain(`  createSecret: successor ${current.clientId} of client ${CURRENT} created`);
    expect(result.stdout).toMatch(/ {2}testSecret: client \S+ got an access token with the pending credentials\n/);
    expect(result.stdout).toMatch(/ {2}finishSecret: version \S+ is AWSCURRENT; version \S+ is AWSPREVIOUS\n/);
    expect(result.stdout).not.toContain(current.clientSecret);
    expect(sandbox.state.get(CURRENT)?.enabled).toBe(true);
    expect((await store.staged.describe(NAME)).rotationEnabled).toBe(true);
  });

  it('exits 1 and leaves AWSCURRENT as it was when a step fails', async () => {
    const { sandbox, env, dir, store } = await managedTenant();
    sandbox.faults.failNext(1, { route: 'create' }, { kind: 'status', status: 400 });

    const result = await cli(['rotate-secret', '--secret-id', NAME, '--secrets-dir', dir], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: the run failed: POST \/v3\/oauth-clients failed: 400/);
    expect(await store.read(NAME)).toMatchObject({ clientId: CURRENT });
    expect((await store.staged.describe(NAME)).rotationFailure).toMatchObject({ step: 'createSecret' });
  });

  it('starts a rotation in Secrets Manager without --secrets-dir', async () => {
    sm.on(RotateSecretCommand).resolves({ ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-AbCdEf', VersionId: 'v-1' });

    const result = await cli(['rotate-secret', '--secret-id', 'isc/acme'], { AWS_REGION: 'eu-west-1' });

    expect(result.code).toBe(0);
    expect(sm.commandCalls(RotateSecretCommand)[0]?.args[0].input).toMatchObject({ SecretId: 'isc/acme' });
    expect(result.stdout).toContain('Rotation of arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-AbCdEf started');
  });

  it('exits 2 when Secrets Manager has no rotation to run, naming what to do', async () => {
    sm.on(RotateSecretCommand).rejects(Object.assign(new Error('No Lambda rotation function ARN is associated with this secret.'), { name: 'InvalidRequestException', $metadata: {} }));

    const result = await cli(['rotate-secret', '--secret-id', 'isc/acme'], { AWS_REGION: 'eu-west-1' });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the secret needs a rotation function/);
  });

  it('needs --secret-id, and explains it as the secret to rotate', async () => {
    expect((await cli(['rotate-secret'], {})).code).toBe(2);
    expect((await cli(['rotate-secret', '--help'], {})).stdout).toMatch(/--secret-id ID\s+the secret to rotate/);
  });
});
