import { readdir } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { cli, reportFile, scratchDir, startTenant } from '../e2e/cli-harness.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { createRegistryTable } from '../support/registry-table.js';

let moto: MotoServer;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());

describe('--max-response-mb', () => {
  it('fails a run whose ISC answer is over the cap with a failed report (printed, --json, archived) and releases the lease', async () => {
    const dynamodb = new DynamoDBClient(motoClientConfig(moto));
    const table = await createRegistryTable(dynamodb);
    const { sandbox } = await startTenant();
    const secret = await new SecretsManagerClient(motoClientConfig(moto)).send(
      new CreateSecretCommand({ Name: `isc-oauth-janitor/credentials/${uniqueName('acme')}`, SecretString: JSON.stringify({ baseUrl: sandbox.url, ...sandbox.credentials }) }),
    );
    const janitor = (argv: readonly string[], env: Record<string, string> = {}) => cli(argv, env, { aws: motoClientConfig(moto) });
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', secret.ARN!, '--registry', table]);
    const json = await reportFile();
    const archive = await scratchDir();

    // About 1 KB: the tenant's client list (14 clients) is larger.
    const result = await janitor(['run', '--registry', table, '--tenant', 'acme', '--max-response-mb', '0.001', '--json', json.path, '--archive-dir', archive]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('larger than the 1 KB cap per ISC response (--max-response-mb / ISC_MAX_RESPONSE_MB raises it)');
    const report = await json.read();
    expect(report).toMatchObject({ outcome: 'failed', tenant: 'acme', failedReason: expect.stringMatching(/^GET \/v3\/oauth-clients failed: the response body is larger than/) });
    expect(result.stdout).toContain('FAILED before the tenant was evaluated');
    expect((await readdir(archive, { recursive: true })).some((file) => file.endsWith(`${report.reportId}.json`))).toBe(true);
    expect(sandbox.mutatingRequests()).toEqual([]);
    const [entry] = (await new DynamoDbTenantRegistry({ client: dynamodb, tableName: table }).list()).tenants;
    expect(entry?.lease).toBeUndefined();
  });

  it('reads ISC_MAX_RESPONSE_MB, and refuses a value that is not a size, naming the flag or variable', async () => {
    const { env } = await startTenant();

    const capped = await cli(['plan', '--json', (await reportFile()).path], { ...env, ISC_MAX_RESPONSE_MB: '0.001' });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('cap per ISC response');

    expect(await cli(['plan', '--max-response-mb', 'lots'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid --max-response-mb: must be a number of megabytes, such as 64') });
    expect(await cli(['plan'], { ...env, ISC_MAX_RESPONSE_MB: '0' })).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid ISC_MAX_RESPONSE_MB: must be more than 0 MB') });
  });
});
