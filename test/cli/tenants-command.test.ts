import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { cli, policyFile, scratchDir, startTenant } from '../e2e/cli-harness.js';
import { NOW } from '../core/make-client.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { createRegistryTable } from '../support/registry-table.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';

let moto: MotoServer;
let table: string;
let registry: DynamoDbTenantRegistry;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  moto = await startMoto();
  secrets = new SecretsManagerClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());
beforeEach(async () => {
  const dynamodb = new DynamoDBClient(motoClientConfig(moto));
  table = await createRegistryTable(dynamodb);
  registry = new DynamoDbTenantRegistry({ client: dynamodb, tableName: table });
});

/** The CLI with AWS pointed at moto. */
const janitor = (argv: readonly string[], env: Record<string, string> = {}) => cli(argv, env, { aws: motoClientConfig(moto) });

describe('tenants add, set, list, remove', () => {
  it('manages a tenant without a deploy: added, paused, rescheduled, listed, removed', async () => {
    const added = await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN, '--local-time', '03:30', '--time-zone', 'Europe/Berlin', '--registry', table]);
    expect(added).toMatchObject({ code: 0, stdout: `Added tenant acme: daily at 03:30 Europe/Berlin, active, credentials ${ARN}.\n` });

    expect((await janitor(['tenants', 'set', 'acme', '--enabled', 'false', '--local-time', '05:00'], { TENANT_REGISTRY_TABLE: table })).code).toBe(0);
    expect(await registry.get('acme')).toMatchObject({ enabled: false, localTime: '05:00', timeZone: 'Europe/Berlin' });

    const listed = await janitor(['tenants', 'list', '--registry', table]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Tenant registry ${table}: 1 tenant (1 paused)`);
    expect(listed.stdout).toMatch(/acme\s+05:00 Europe\/Berlin\s+paused\s+-\s+-\s+arn:aws:secretsmanager/);

    expect(await janitor(['tenants', 'remove', 'acme', '--registry', table])).toMatchObject({ code: 0, stdout: 'Removed tenant acme. Its credentials secret was left as it is.\n' });
    expect(await registry.get('acme')).toBeUndefined();
  });

  it('checks fields as the stack context did, naming the field and the flag; nothing is written', async () => {
    const result = await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN, '--time-zone', 'Mars/Base', '--local-time', '25:00', '--registry', table]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: Invalid tenant acme: localTime: "25:00" is not a time of day; use HH:MM between 00:00 and 23:59; timeZone: "Mars/Base" is not an IANA time zone, e.g. "Europe/Berlin" or "UTC" (set with --local-time, --time-zone)\n',
    );
    expect((await registry.list()).tenants).toEqual([]);
  });

  it('names what is wrong with the command itself', async () => {
    expect((await janitor(['tenants', 'add', 'acme', '--registry', table])).stderr).toContain('tenants add needs --credentials-secret-arn');
    expect((await janitor(['tenants', 'list'])).stderr).toContain('tenants list needs the registry table: --registry TABLE');
    expect((await janitor(['tenants', 'frobnicate'])).stderr).toContain('unknown sub-command "tenants frobnicate".\nSub-commands: list, add, set, remove, import');
    expect((await janitor(['tenants', 'list', '--from', 'x.json', '--registry', table])).stderr).toContain('--from is not a flag of "tenants list"');
    expect((await janitor(['tenants', 'set', 'nobody', '--enabled', 'false', '--registry', table])).stderr).toContain('Tenant nobody is not registered');
    expect((await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN, '--enabled', 'maybe', '--registry', table])).stderr).toContain('enabled: must be true or false');
  });

  it('refuses to remove a tenant while a run holds it: exit 3, nothing removed', async () => {
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN, '--registry', table]);
    await new DynamoDbTenantLeases({ client: new DynamoDBClient(motoClientConfig(moto)), tableName: table }).acquire('acme', { holder: 'nightly run tick-7', now: NOW, ttlMs: 600_000 });

    const result = await janitor(['tenants', 'remove', 'acme', '--registry', table]);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain('tenant acme is being run by nightly run tick-7');
    expect(await registry.get('acme')).toBeDefined();
  });
});

describe('tenants add, set and import refuse a second entry for one ISC tenant', () => {
  /** A credentials secret in moto for the tenant at `baseUrl`; its full ARN. */
  async function credentialsSecret(baseUrl: string): Promise<string> {
    const secret = await secrets.send(
      new CreateSecretCommand({ Name: `isc-oauth-janitor/credentials/${uniqueName('t')}`, SecretString: JSON.stringify({ baseUrl, clientId: 'pat-id', clientSecret: 'pat-secret-value-5678' }) }),
    );
    return secret.ARN!;
  }

  it('refuses add with a credentials secret another tenant has, naming that tenant; nothing is written', async () => {
    const arn = await credentialsSecret('https://acme.api.identitynow.com');
    expect((await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', arn, '--registry', table])).code).toBe(0);

    const twin = await janitor(['tenants', 'add', 'acme-copy', '--credentials-secret-arn', arn, '--registry', table]);

    expect(twin.code).toBe(2);
    expect(twin.stderr).toContain('error: Refused: credentialsSecretArn: tenant acme-copy: the credentials secret already belongs to tenant acme.');
    expect(twin.stderr).toContain('"npm run janitor -- tenants set acme ..."');
    expect(twin.stdout + twin.stderr).not.toContain('pat-secret-value-5678');
    expect((await registry.list()).tenants.map(({ entry }) => entry.name)).toEqual(['acme']);
    // The same secret named without its six random characters is the same secret.
    const partial = await janitor(['tenants', 'add', 'acme-copy', '--credentials-secret-arn', arn.slice(0, -7), '--registry', table]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('already belongs to tenant acme');
  });

  it('refuses add with another secret for the same base URL host, naming the tenant and the host', async () => {
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', await credentialsSecret('https://acme.api.identitynow.com'), '--registry', table]);

    const twin = await janitor(['tenants', 'add', 'acme-again', '--credentials-secret-arn', await credentialsSecret('https://ACME.api.identitynow.com/'), '--registry', table]);

    expect(twin.code).toBe(2);
    expect(twin.stderr).toContain('baseUrl: tenant acme-again: the base URL host acme.api.identitynow.com already belongs to tenant acme');
    expect(await registry.get('acme-again')).toBeUndefined();
  });

  it('adds tenants on other hosts, and compares by ARN alone (with a warning) what it cannot read', async () => {
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', await credentialsSecret('https://acme.api.identitynow.com'), '--registry', table]);
    await janitor(['tenants', 'add', 'gone', '--credentials-secret-arn', ARN, '--registry', table]);

    const other = await janitor(['tenants', 'add', 'globex', '--credentials-secret-arn', await credentialsSecret('https://globex.api.identitynow.com'), '--registry', table]);

    expect(other.code).toBe(0);
    // The second warning: no tenant lists report emails (tenants-report-subscriptions.test.ts).
    expect(other.stderr).toMatch(/^warning: the credentials secret of tenant gone could not be read \(ResourceNotFoundException\): its base URL host was not compared\nwarning: no report will reach anyone/);
    expect((await registry.list()).tenants.map(({ entry }) => entry.name).sort()).toEqual(['acme', 'globex', 'gone']);
  });

  it('refuses set --credentials-secret-arn onto another tenant\'s secret, and still lets a twin be paused', async () => {
    const acmeArn = await credentialsSecret('https://acme.api.identitynow.com');
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', acmeArn, '--registry', table]);
    const globexArn = await credentialsSecret('https://globex.api.identitynow.com');
    await janitor(['tenants', 'add', 'globex', '--credentials-secret-arn', globexArn, '--registry', table]);

    const moved = await janitor(['tenants', 'set', 'globex', '--credentials-secret-arn', acmeArn, '--registry', table]);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('credentialsSecretArn: tenant globex: the credentials secret already belongs to tenant acme');
    expect(await registry.get('globex')).toMatchObject({ credentialsSecretArn: globexArn });

    // A twin written before this check existed can be paused or pointed at its own secret.
    expect((await janitor(['tenants', 'set', 'globex', '--credentials-secret-arn', globexArn, '--registry', table])).code).toBe(0);
    await registry.add({ ...(await registry.get('globex'))!, name: 'old-twin', credentialsSecretArn: acmeArn });
    expect((await janitor(['tenants', 'set', 'old-twin', '--enabled', 'false', '--registry', table])).code).toBe(0);
  });

  it('refuses an import whose tenant has a registered tenant\'s secret, or another imported tenant\'s, before writing any', async () => {
    const acmeArn = await credentialsSecret('https://acme.api.identitynow.com');
    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', acmeArn, '--registry', table]);
    const file = join(await scratchDir(), 'cdk.json');
    const globexArn = await credentialsSecret('https://globex.api.identitynow.com');
    await writeFile(
      file,
      JSON.stringify({
        context: {
          tenants: [
            { name: 'acme', credentialsSecretArn: acmeArn },
            { name: 'globex', credentialsSecretArn: globexArn },
            { name: 'acme-old', credentialsSecretArn: acmeArn },
            { name: 'globex-old', credentialsSecretArn: await credentialsSecret('https://globex.api.identitynow.com') },
          ],
        },
      }),
    );

    const result = await janitor(['tenants', 'import', '--from', file, '--registry', table]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tenants[2].credentialsSecretArn: tenant acme-old: the credentials secret already belongs to tenant acme');
    expect(result.stderr).toContain('tenants[3].baseUrl: tenant globex-old: the base URL host globex.api.identitynow.com already belongs to tenant globex');
    expect((await registry.list()).tenants.map(({ entry }) => entry.name)).toEqual(['acme']);
  });
});

describe('tenants import', () => {
  async function oldCdkJson(tenants: unknown[]): Promise<string> {
    const file = join(await scratchDir(), 'cdk.json');
    await writeFile(file, JSON.stringify({ app: 'npx tsx bin/app.ts', context: { tenants, reportEmails: [] } }));
    return file;
  }

  it('keeps the credentials of stack-created secrets before the deploy, then registers every tenant once after it', async () => {
    const name = uniqueName('t').replace(/[^a-z0-9-]/g, '');
    const legacyValue = JSON.stringify({ baseUrl: `https://${name}.api.identitynow.com`, clientId: 'pat-id', clientSecret: 'pat-secret-value-1234' });
    await secrets.send(new CreateSecretCommand({ Name: `isc-oauth-janitor/credentials/${name}`, SecretString: legacyValue }));
    const file = await oldCdkJson([{ name, schedule: 'cron(0 2 * * ? *)' }, { name: 'own-secret', credentialsSecretArn: ARN, schedule: '03:15', timeZone: 'Europe/Berlin', policy: { mode: 'enforce' } }]);

    const before = await janitor(['tenants', 'import', '--from', file]);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain(`${name}: credentials copied from the secret the old stack created into arn:aws:secretsmanager:`);
    expect(before.stdout).toContain('No registry given, so nothing was registered. Next: delete "tenants" from cdk.json, deploy');
    expect(before.stdout + before.stderr).not.toContain('pat-secret-value-1234');
    const copy = `isc-oauth-janitor/credentials/${name}-registry`;
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: copy }))).SecretString).toBe(legacyValue);

    const after = await janitor(['tenants', 'import', '--from', file, '--registry', table]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`added ${name}: daily at 02:00 UTC`);
    expect(after.stdout).toContain('added own-secret: daily at 03:15 Europe/Berlin');
    const copyArn = (await secrets.send(new DescribeSecretCommand({ SecretId: copy }))).ARN;
    expect(await registry.get(name)).toMatchObject({ credentialsSecretArn: copyArn, localTime: '02:00', timeZone: 'UTC', enabled: true });
    expect(await registry.get('own-secret')).toMatchObject({ credentialsSecretArn: ARN, policy: { mode: 'enforce' } });

    expect((await janitor(['tenants', 'import', '--from', file, '--registry', table])).stdout).toContain(`${name}: already registered, left as it is`);
  });

  it('refuses, before writing anything, a schedule that skips days and a tenant whose secret is gone, naming each', async () => {
    const file = await oldCdkJson([
      { name: 'weekdays', credentialsSecretArn: ARN, schedule: 'cron(30 1 ? * MON-FRI *)' },
      { name: 'bad-zone', credentialsSecretArn: ARN, timeZone: 'Mars/Base' },
    ]);
    const invalid = await janitor(['tenants', 'import', '--from', file, '--registry', table]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('tenants[1].timeZone: "Mars/Base" is not an IANA time zone');

    const skipping = await janitor(['tenants', 'import', '--from', await oldCdkJson([{ name: 'weekdays', credentialsSecretArn: ARN, schedule: 'cron(30 1 ? * MON-FRI *)' }]), '--registry', table]);
    expect(skipping.code).toBe(2);
    expect(skipping.stderr).toContain('tenants[0].schedule: "cron(30 1 ? * MON-FRI *)" does not run every day at one time');

    const gone = await janitor(['tenants', 'import', '--from', await oldCdkJson([{ name: 'vanished' }]), '--registry', table]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('tenants[0].credentialsSecretArn: tenant vanished has no credentialsSecretArn and neither isc-oauth-janitor/credentials/vanished');
    expect((await registry.list()).tenants).toEqual([]);
  });
});

describe('run and plan with --registry', () => {
  async function registerSandboxTenant(policy: object = {}): Promise<{ sandbox: Awaited<ReturnType<typeof startTenant>>['sandbox'] }> {
    const { sandbox } = await startTenant();
    const secret = await secrets.send(
      new CreateSecretCommand({ Name: `isc-oauth-janitor/credentials/${uniqueName('acme')}`, SecretString: JSON.stringify({ baseUrl: sandbox.url, ...sandbox.credentials }) }),
    );
    const added = await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', secret.ARN!, '--tenant-policy', await policyFile(policy), '--registry', table]);
    expect(added.code).toBe(0);
    return { sandbox };
  }

  it('runs a registered tenant with its entry\'s credentials and releases the lease', async () => {
    const { sandbox } = await registerSandboxTenant({ limits: { maxFraction: 1 } });

    const result = await janitor(['run', '--registry', table, '--tenant', 'acme', '--policy', await policyFile({ limits: { maxActions: 40 } })]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OAuth client cleanup for tenant acme');
    expect(sandbox.requests.length).toBeGreaterThan(0);
    expect((await registry.list()).tenants[0]?.lease).toBeUndefined();
  });

  it('refuses a run while another run holds the tenant: exit 3, a clear message, nothing listed', async () => {
    const { sandbox } = await registerSandboxTenant();
    await new DynamoDbTenantLeases({ client: new DynamoDBClient(motoClientConfig(moto)), tableName: table }).acquire('acme', { holder: 'nightly run tick-9', now: NOW, ttlMs: 600_000 });

    const result = await janitor(['run', '--registry', table, '--tenant', 'acme']);

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: Tenant acme is already being run by nightly run tick-9 \(its lease lasts until .*\); this run was refused and changed nothing/m);
    expect(result.stdout).toBe('');
    expect(sandbox.requests).toEqual([]);
    // plan changes nothing, so it needs no lease.
    const plan = await janitor(['plan', '--registry', table, '--tenant', 'acme', '--policy', await policyFile({ limits: { maxFraction: 1 } })]);
    expect(plan.code).toBe(0);
  });

  it('refuses a --policy that loosens the tenant\'s own policy on run: exit 2, every loosened field named, nothing listed', async () => {
    const { sandbox } = await registerSandboxTenant({ exempt: { names: ['^svc-'] } });
    const looser = await policyFile({ mode: 'enforce', exempt: { names: [] }, limits: { maxActions: 100_000 } });

    const result = await janitor(['run', '--registry', table, '--tenant', 'acme', '--policy', looser]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: Invalid --policy ${looser}: mode: asks for "enforce" over report mode; exempt.names: removes 1 of its 1 entry`);
    expect(result.stderr).toContain('limits.maxActions: raises it from 50 to 100000. It may only tighten tenant acme\'s own policy in the registry');
    expect(result.stderr).toContain('"npm run janitor -- tenants set acme --tenant-policy FILE"');
    expect(sandbox.requests).toEqual([]);
    expect((await registry.list()).tenants[0]?.lease).toBeUndefined();
  });

  it('merges a tightening --policy over the tenant\'s own policy, and lets plan preview a looser one', async () => {
    const { sandbox } = await registerSandboxTenant({ mode: 'enforce', limits: { maxFraction: 1 } });
    const report = join(await scratchDir(), 'report.json');

    const tighter = await janitor(['run', '--registry', table, '--tenant', 'acme', '--policy', await policyFile({ mode: 'report' }), '--json', report]);
    expect(tighter.code).toBe(0);
    expect(JSON.parse(await readFile(report, 'utf8'))).toMatchObject({ mode: 'report', policy: { mode: 'report', limits: { maxFraction: 1 } } });
    expect(sandbox.mutatingRequests()).toEqual([]);

    const preview = await janitor(['plan', '--registry', table, '--tenant', 'acme', '--policy', await policyFile({ exempt: { internal: false } })]);
    expect(preview.code).toBe(0);
  });

  it('needs --tenant and refuses --secret-id with the registry', async () => {
    expect((await janitor(['run', '--registry', table])).stderr).toContain('name a registered tenant: --tenant NAME');
    expect((await janitor(['run', '--registry', table, '--tenant', 'acme', '--secret-id', ARN])).stderr).toContain('--secret-id: with the tenant registry');
  });
});
