import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { LEASE_LOST } from '../../lambdas/core/report/build-report.js';
import { LEASE_CLOCK_SKEW_MS } from '../../lambdas/core/ports.js';
import { cli, mutatedIds, policyFile, reportFile, startTenant } from '../e2e/cli-harness.js';
import { ENFORCE_POLICY, EXPECTED } from '../e2e/tenant-clients.js';
import { NOW } from '../core/make-client.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { createRegistryTable } from '../support/registry-table.js';

let moto: MotoServer;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  moto = await startMoto();
  dynamodb = new DynamoDBClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());

describe('run --registry that loses its lease mid-run', () => {
  it('stops before its next action, reports lease-lost with what it did and did not do, and exits 3', async () => {
    const table = await createRegistryTable(dynamodb);
    const { sandbox } = await startTenant();
    const secret = await new SecretsManagerClient(motoClientConfig(moto)).send(
      new CreateSecretCommand({ Name: `isc-oauth-janitor/credentials/${uniqueName('acme')}`, SecretString: JSON.stringify({ baseUrl: sandbox.url, ...sandbox.credentials }) }),
    );
    const janitor = (argv: readonly string[]) => cli(argv, {}, { aws: motoClientConfig(moto) });
    const policy = await policyFile({ ...ENFORCE_POLICY, limits: { maxFraction: 1 } });
    expect((await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', secret.ARN!, '--tenant-policy', policy, '--registry', table])).code).toBe(0);
    // The disables are held at the sandbox long enough for another run to take the tenant over.
    sandbox.faults.failNext(EXPECTED.disabled.length, { route: 'patch' }, { kind: 'delay', ms: 1500 });
    const json = await reportFile();

    const running = janitor(['run', '--registry', table, '--tenant', 'acme', '--json', json.path]);
    await vi.waitFor(() => expect(sandbox.requests.some((request) => request.method === 'PATCH')).toBe(true), { timeout: 20_000, interval: 5 });
    // Another run whose clock is past the CLI's lease (an hour and the slack, plus the allowance) takes the tenant.
    const other = await new DynamoDbTenantLeases({ client: dynamodb, tableName: table }).acquire('acme', {
      holder: 'nightly run tick-9',
      now: new Date(NOW.getTime() + 61 * 60_000 + LEASE_CLOCK_SKEW_MS + 1),
      ttlMs: 600_000,
    });
    expect(other.acquired).toBe(true);
    const seenAtTakeover = sandbox.requests.length;
    const result = await running;

    expect(result.code).toBe(3);
    // The disables it had started before the takeover finished; nothing was sent after it.
    expect(mutatedIds(sandbox, 'PATCH')).toEqual([...EXPECTED.disabled]);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual([]);
    expect(sandbox.requests.slice(seenAtTakeover).filter((request) => request.method !== 'GET' && request.method !== 'POST')).toEqual([]);
    const report = await json.read();
    expect(report.outcome).toBe('lease-lost');
    expect(report.leaseLostReason).toContain('the run lost its lease on tenant acme');
    expect(report.actions.filter((action) => action.outcome === 'done').map((action) => action.clientId).sort()).toEqual([...EXPECTED.disabled]);
    expect(report.actions.filter((action) => action.outcome === 'not-attempted')).toEqual([expect.objectContaining({ clientId: EXPECTED.deleted[0], action: 'delete', detail: LEASE_LOST })]);
    expect(report.warnings).toContainEqual(expect.stringMatching(/2 action\(s\) were carried out before that .*, 1 were not started/));
    expect(result.stdout).toContain('LEASE LOST');
    // The new holder keeps the tenant: the lost run's release leaves its lease alone.
    const item = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { tenant: { S: 'acme' } }, ConsistentRead: true }));
    expect(item.Item?.leaseHolder).toEqual({ S: 'nightly run tick-9' });
  });
});
