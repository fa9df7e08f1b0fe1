import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { cli, scratchDir, startTenant } from './cli-harness.js';
import { daysAgo, makeClient } from '../core/make-client.js';

const NAME = 'isc-oauth-janitor/clients/acme/ci-deploy';
const LEAKED = 'rot000000000000000000000000c00001';
const OLDER = 'rot000000000000000000000000b00001';
const SECRET = 'current-client-secret-9f8e7d6c5b4a';
const sm = mockClient(SecretsManagerClient);
afterEach(() => sm.reset());

/** A managed secret in a directory store whose last rotation's predecessor is still enabled. */
async function leakedTenant() {
  const tenant = await startTenant({
    clients: [
      makeClient({ id: OLDER, name: 'ci-deploy', secret: null, created: daysAgo(200), lastUsed: daysAgo(90) }),
      makeClient({ id: LEAKED, name: 'ci-deploy', secret: null, created: daysAgo(3) }),
    ],
    secrets: { [LEAKED]: SECRET },
  });
  const dir = await scratchDir();
  const store = new DirectorySecretStore({ directory: dir });
  await store.write(NAME, { clientId: LEAKED, clientSecret: SECRET, baseUrl: tenant.sandbox.url, rotatedAt: daysAgo(3), previousClientId: OLDER }, { idempotencyToken: LEAKED, tags: {} });
  return { ...tenant, dir, store };
}

describe('janitor revoke', () => {
  it('rotates at once with --secrets-dir, over the enabled predecessor, and disables the leaked client and that predecessor', async () => {
    const { sandbox, env, dir, store } = await leakedTenant();
    expect((await cli(['rotate-secret', '--secret-id', NAME, '--secrets-dir', dir], env)).stderr).toMatch(/previous rotation is not finished/);

    const result = await cli(['revoke', '--secret-id', NAME, '--secrets-dir', dir], env);

    expect(result.code).toBe(0);
    const current = (await store.read(NAME))!;
    expect(current).toMatchObject({ previousClientId: LEAKED });
    expect(result.stdout).toMatch(/^Dropped the unfinished rotation \(version \S+\) of isc-oauth-janitor\/clients\/acme\/ci-deploy .*: a revoke does not wait for it\.\nRevoking isc-oauth-janitor\/clients\/acme\/ci-deploy .*, version revoke-[0-9a-f-]{36}:\n/);
    expect(result.stdout).toContain(`revoked: client ${LEAKED} (leaked) disabled, client ${OLDER} (older predecessor) disabled\n`);
    expect(result.stdout).toMatch(/Done: version revoke-\S+ is AWSCURRENT; the revoked clients are disabled and the normal lifecycle deletes them later\.\n$/);
    expect(result.stdout + result.stderr).not.toContain(current.clientSecret);
    expect(sandbox.state.get(LEAKED)?.enabled).toBe(false);
    expect(sandbox.state.get(OLDER)?.enabled).toBe(false);
    expect(sandbox.state.get(current.clientId)?.enabled).toBe(true);
    expect(sandbox.mutatingRequests().filter((entry) => entry.method === 'DELETE')).toEqual([]);
  });

  it('starts a revoke in Secrets Manager: a rotation now whose version id says revoke', async () => {
    sm.on(RotateSecretCommand).resolves({ ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-AbCdEf', VersionId: 'revoke-1' });

    const result = await cli(['revoke', '--secret-id', 'isc/acme'], { AWS_REGION: 'eu-west-1' });

    expect(result.code).toBe(0);
    const input = sm.commandCalls(RotateSecretCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ SecretId: 'isc/acme', ClientRequestToken: expect.stringMatching(/^revoke-[0-9a-f-]{36}$/) });
    expect(input?.RotateImmediately).toBeUndefined();
    expect(result.stdout).toContain('Revoke of arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-AbCdEf started');
    expect(result.stdout).toContain('At finishSecret the leaked client (the one AWSCURRENT held) and any older predecessor are disabled');
  });

  it('needs --secret-id, and explains it as the secret whose client leaked', async () => {
    const missing = await cli(['revoke'], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('revoke needs --secret-id ID (the managed client secret whose client leaked)');
    expect((await cli(['revoke', '--help'], {})).stdout).toMatch(/--secret-id ID\s+the managed client secret whose client leaked/);
  });
});
