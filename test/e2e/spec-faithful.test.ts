import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_ENUM_VALUES } from '../../sandbox/start-sandbox.js';
import type { OAuthClient } from '../core/make-client.js';
import { CREATE_CLIENT_REQUEST } from '../support/create-client-request.js';
import { daysAgo } from '../core/make-client.js';
import { cli, mutatedIds, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, EXPECTED, IDS, SECRET, storedClient, tenantClients } from './tenant-clients.js';

/**
 * The CLI against a sandbox that answers as the official spec allows and no more: the per-service
 * `v1` paths, a tenant answering as sparsely as the spec allows (never-used clients without
 * `lastUsed`, create answers without `lastUsed` and `metadata`), enum values from next year.
 */

/** The hand-built tenant with grant types, client types and access types ISC does not have yet. */
function tenantWithUnknownEnums(): OAuthClient[] {
  return tenantClients().map((client, index) => {
    if (index % 3 === 0) return { ...client, grantTypes: ['CLIENT_CREDENTIALS', UNKNOWN_ENUM_VALUES.grantType] };
    if (index % 3 === 1) return { ...client, type: UNKNOWN_ENUM_VALUES.type };
    return { ...client, accessType: UNKNOWN_ENUM_VALUES.accessType };
  });
}

describe('janitor against the spec as written', () => {
  // The CLI governs OAuth clients; that PAT requests go to /personal-access-tokens/v1 with v1 is
  // shown against the sandbox in test/adapters/isc/create-isc-client.test.ts, for every version.
  it('run --api-version v1 sends every request to /oauth-clients/v1', async () => {
    const { sandbox, env } = await startTenant();
    const policy = await policyFile(ENFORCE_POLICY);

    const result = await cli(['run', '--api-version', 'v1', '--policy', policy], env);

    expect(result.code).toBe(0);
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(EXPECTED.disabled);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual(EXPECTED.deleted);
    const api = sandbox.requests.filter((request) => request.route !== 'token');
    expect(api.length).toBeGreaterThan(5);
    for (const request of api) {
      expect(request.path, `${request.method} ${request.path}`).toMatch(/^\/oauth-clients\/v1(\/[^/]+)?$/);
      expect(request.version).toBe('v1');
    }
    expect(api.filter((request) => request.route === 'patch').map((request) => request.path)).toEqual(EXPECTED.disabled.map((id) => `/oauth-clients/v1/${id}`));
  });

  it('ISC_API_VERSION=v2026 sends every request to /v2026', async () => {
    const { sandbox, env } = await startTenant();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY)], { ...env, ISC_API_VERSION: 'v2026' });

    expect(result.code).toBe(0);
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(EXPECTED.disabled);
    expect(new Set(sandbox.requests.filter((request) => request.route !== 'token').map((request) => request.path.split('/')[1]))).toEqual(new Set(['v2026']));
  });

  it.each(['v3', 'v1'])('against a sparse tenant with unknown enum values (%s), disables and deletes exactly the stale clients', async (version) => {
    const { sandbox, env } = await startTenant({ specSparse: true, clients: tenantWithUnknownEnums() });
    const json = await reportFile();

    const result = await cli(['run', '--api-version', version, '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(EXPECTED.disabled);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual(EXPECTED.deleted);
    expect(mutatedIds(sandbox, 'POST')).toEqual([]);
    const report = await json.read();
    expect(report.counts).toMatchObject({ total: 14, stale: 3, disabled: 2, deleted: 1, failed: 0, skipped: 0 });
    // The never-used clients came without a lastUsed key and were read as never used.
    expect(report.actions.find((action) => action.clientId === IDS.neverUsedOld)?.reason).toMatch(/^never used, created 45 days ago/);
    expect(report.warnings.filter((warning) => /unreadable|skipped/.test(warning))).toEqual([]);
  });

  it.each(['v3', 'v1'])('rotates a managed client against a sparse tenant (%s): the successor exists and its secret is stored', async (version) => {
    const managed = storedClient({ id: 'e2e0000000000000000000000000c1a1', name: 'ci-build', created: daysAgo(100), modified: daysAgo(100), lastUsed: daysAgo(1), grantTypes: ['CLIENT_CREDENTIALS'], scope: ['idn:sources:read'] });
    const { sandbox, env } = await startTenant({ specSparse: true, clients: [...tenantWithUnknownEnums(), managed] });
    const secrets = await scratchDir();
    const json = await reportFile();
    const policy = await policyFile({ ...ENFORCE_POLICY, rotation: { enabled: true, names: ['^ci-build$'] }, limits: { maxActions: 10, maxFraction: 1 } });

    const result = await cli(['run', '--api-version', version, '--policy', policy, '--secrets-dir', secrets, '--json', json.path], env);

    const report = await json.read();
    expect(result.code).toBe(0);
    const rotation = report.actions.find((action) => action.action === 'rotate');
    expect(rotation).toMatchObject({ clientId: managed.id, outcome: 'done' });
    const successor = sandbox.state.get(rotation?.successorId ?? '');
    expect(successor).toMatchObject({ name: 'ci-build', scope: ['idn:sources:read'], enabled: true });
    const [file] = await readdir(secrets);
    const { value: stored } = JSON.parse(await readFile(join(secrets, file!), 'utf8')) as { value: { clientId: string; clientSecret: string; previousClientId: string } };
    expect(stored).toMatchObject({ clientId: successor?.id, clientSecret: sandbox.state.secretOf(successor!.id), previousClientId: managed.id });
    for (const output of [result.stdout, result.stderr]) expect(output).not.toContain(stored.clientSecret);
  });

  it.each(['v3', 'v1'])('creates a governed client against a sparse tenant (%s) and stores its secret', async (version) => {
    const { sandbox, env } = await startTenant({ specSparse: true });
    const secrets = await scratchDir();
    const request = join(await scratchDir(), 'request.json');
    await writeFile(request, JSON.stringify(CREATE_CLIENT_REQUEST), 'utf8');

    const result = await cli(['create-client', '--api-version', version, '--file', request, '--secrets-dir', secrets], env);

    expect(result.code).toBe(0);
    const created = sandbox.state.all().find((client) => client.name === CREATE_CLIENT_REQUEST.name);
    expect(created).toBeDefined();
    const create = sandbox.requests.find((r) => r.route === 'create');
    expect(create).toMatchObject({ status: 200, version });
    const [file] = await readdir(secrets);
    expect(await readFile(join(secrets, file!), 'utf8')).toContain(sandbox.state.secretOf(created!.id)!);
    for (const output of [result.stdout, result.stderr]) expect(output).not.toContain(SECRET);
  });
});
