import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../bin/cli/cli-usage.js';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { managedSecretName } from '../../lambdas/core/secret-name.js';
import { cli, policyFile, scratchDir, startTenant } from '../e2e/cli-harness.js';

/** What --help says matches what the commands do. */
const line = (command: keyof typeof USAGE, flag: string): string => USAGE[command].split('\n').find((l) => l.startsWith(`  --${flag} `)) ?? '';

describe('--help texts', () => {
  it('plan and run name the scopes of every feature and point to the one table', () => {
    for (const command of ['plan', 'run'] as const) {
      for (const scope of ['sp:oauth-client:read', 'sp:oauth-client:manage', 'sp:all-personal-access-tokens:read', 'sp:my-personal-access-tokens:read']) {
        expect(USAGE[command]).toContain(scope);
      }
      expect(USAGE[command]).toContain('docs/deploy.md#isc-scopes-and-rights-per-feature');
    }
  });

  it('rotate-secret: --secret-id is the secret to rotate, never where credentials come from', () => {
    expect(USAGE['rotate-secret']).not.toContain('--secret-id to read them from Secrets Manager');
    expect(line('rotate-secret', 'secret-id')).toContain('the secret to rotate');
    expect(USAGE['rotate-secret']).toContain('--secret-id is always the secret to rotate, never where credentials come from');
  });

  it('history --tenant is whose runs to show, not a report label', () => {
    expect(line('history', 'tenant')).toContain('the tenant whose runs to show');
    expect(line('history', 'tenant')).not.toContain('label used in the report');
  });

  it('plan --secrets-dir says what plan does with it: read, to plan rotations', () => {
    expect(line('plan', 'secrets-dir')).toContain('read managed client secrets from DIR');
    expect(line('run', 'secrets-dir')).toContain('store rotated client secrets in DIR');
  });
});

describe('plan --secrets-dir', () => {
  it('is read: plan judges rotations on the secrets in DIR (an unreadable one there keeps its client out of the plan)', async () => {
    const { env } = await startTenant();
    const policy = await policyFile({ rotation: { enabled: true, names: ['^ci-deploy$'], maxAgeDays: 1 }, limits: { maxActions: 1000, maxFraction: 1 } });
    const dir = await scratchDir();
    const secretPath = new DirectorySecretStore({ directory: dir }).pathOf(managedSecretName('isc-oauth-janitor/clients/', 'acme', 'ci-deploy'));
    await mkdir(dirname(secretPath), { recursive: true });
    await writeFile(secretPath, 'not json', { mode: 0o600 });

    const withDir = await cli(['plan', '--policy', policy, '--tenant', 'acme', '--secrets-dir', dir], env);
    const empty = await cli(['plan', '--policy', policy, '--tenant', 'acme', '--secrets-dir', await scratchDir()], env);

    expect(withDir.code).toBe(0);
    expect(withDir.stdout).toMatch(/rotation: the secret at isc-oauth-janitor\/clients\/acme\/ci-deploy could not be read/);
    expect(empty.stdout).not.toContain('could not be read');
    expect(empty.stdout).toMatch(/ci-deploy/);
  });
});
