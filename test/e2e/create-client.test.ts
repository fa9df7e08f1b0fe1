import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, policyFile, scratchDir, startTenant } from './cli-harness.js';
import { SECRET } from './tenant-clients.js';
import { CREATE_CLIENT_REQUEST } from '../support/create-client-request.js';

const REQUEST = CREATE_CLIENT_REQUEST;

async function requestFile(request: object): Promise<string> {
  const path = join(await scratchDir(), 'request.json');
  await writeFile(path, JSON.stringify(request), 'utf8');
  return path;
}

describe('janitor create-client', () => {
  it('creates the client, stores its secret in a 0600 file under --secrets-dir and prints where, never the secret', async () => {
    const { sandbox, env } = await startTenant();
    const secrets = await scratchDir();

    const result = await cli(['create-client', '--file', await requestFile(REQUEST), '--secrets-dir', secrets], env);

    expect(result.code).toBe(0);
    const created = sandbox.state.all().find((client) => client.name === 'payroll-export');
    const secret = sandbox.state.secretOf(created!.id);
    expect(result.stdout).toContain(`Created OAuth client "payroll-export" (${created!.id})`);
    const [file] = await readdir(secrets);
    expect(result.stdout).toContain(join(secrets, file!));
    expect((await stat(join(secrets, file!))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(secrets, file!), 'utf8')).toContain(secret!);
    for (const output of [result.stdout, result.stderr]) {
      expect(output).not.toContain(secret!);
      expect(output).not.toContain(SECRET);
    }
  });

  it('refuses an empty scope with exit 2, naming client.scope, and creates nothing', async () => {
    const { sandbox, env } = await startTenant();
    const secrets = await scratchDir();

    const result = await cli(['create-client', '--file', await requestFile({ ...REQUEST, scope: [] }), '--secrets-dir', secrets], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('client.scope');
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(await readdir(secrets)).toEqual([]);
  });

  it.each([
    ['sp:scopes:all', { scope: ['sp:scopes:all'] }, 'client.scope[0]'],
    ['an internal client', { internal: true }, 'client.internal'],
    ['a token valid for 68 years', { accessTokenValiditySeconds: 2_147_483_647 }, 'client.accessTokenValiditySeconds'],
  ])('refuses %s with exit 2, naming the field, before sending anything to ISC', async (_, change, field) => {
    const { sandbox, env } = await startTenant();
    const secrets = await scratchDir();

    const result = await cli(['create-client', '--file', await requestFile({ ...REQUEST, ...change }), '--secrets-dir', secrets], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${field}: `);
    expect(sandbox.requests).toEqual([]);
    expect(await readdir(secrets)).toEqual([]);
  });

  it('creates what the policy file allows: the creation rules come from --policy', async () => {
    const { sandbox, env } = await startTenant();
    const policy = await policyFile({ creation: { allowInternal: true, maxAccessTokenValiditySeconds: 86_400 } });

    const result = await cli(['create-client', '--file', await requestFile({ ...REQUEST, internal: true, accessTokenValiditySeconds: 86_400 }), '--policy', policy, '--secrets-dir', await scratchDir()], env);

    expect(result.code).toBe(0);
    expect(sandbox.state.all().find((client) => client.name === 'payroll-export')).toMatchObject({ internal: true, accessTokenValiditySeconds: 86_400 });
  });

  it('needs --file', async () => {
    const { env } = await startTenant();

    const result = await cli(['create-client'], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--file');
  });
});
