import { describe, expect, it } from 'vitest';
import { cli, policyFile, reportFile, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, SECRET, SELF_ID } from './tenant-clients.js';

/** Exit 2: anything the user must fix. Nothing runs, and the message says what to fix. */
describe('janitor exit code 2', () => {
  it('names every missing SAIL_* variable', async () => {
    const all = await cli(['plan'], {});
    const some = await cli(['plan'], { SAIL_BASE_URL: 'https://acme.api.identitynow.com', SAIL_CLIENT_ID: 'abc' });

    expect(all.code).toBe(2);
    expect(all.stderr).toContain('SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET');
    expect(some.code).toBe(2);
    expect(some.stderr).toMatch(/Missing credentials: set SAIL_CLIENT_SECRET\b/);
    // Configuration, not a run: no report (a report is for runs, and its advice would be about outages).
    expect(all.stdout).toBe('');
    expect(some.stdout).toBe('');
  });

  it.each([
    [{ ...ENFORCE_POLICY, limits: { maxFraction: 1.5 } }, 'limits.maxFraction'],
    [{ mode: 'enforce', disableAfterDays: 200 }, 'deleteAfterDays'],
    [{ mode: 'enforce', neverUsedDays: -1 }, 'neverUsedDays'],
    [{ mode: 'enforce', exempt: { names: ['(unclosed'] } }, 'exempt.names[0]'],
    [{ mode: 'enforce', disableAfterDay: 90 }, 'disableAfterDay: unknown field'],
  ])('rejects the invalid policy %j naming %s, before any request', async (policy, field) => {
    const { sandbox, env } = await startTenant();

    const result = await cli(['run', '--policy', await policyFile(policy)], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(field);
    expect(sandbox.requests).toEqual([]);
  });

  it('rejects a policy file that is not JSON or does not exist', async () => {
    const { env } = await startTenant();

    const broken = await cli(['plan', '--policy', await policyFile('{ "mode": ')], env);
    const missing = await cli(['plan', '--policy', '/nonexistent/policy.json'], env);

    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('not valid JSON');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read --policy /nonexistent/policy.json: ENOENT');
  });

  it.each([
    [['plan', '--bogus'], 'unknown flag --bogus for "plan"'],
    [['plan', '--dry-run'], '--dry-run is not a flag of "plan"'],
    [['cleanup'], 'unknown command "cleanup"'],
    [['plan', '--policy'], '--policy needs a value: --policy FILE'],
  ])('rejects bad usage %j', async (argv, message) => {
    const result = await cli(argv, {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('names the client id, never the secret, when ISC rejects the credentials (401)', async () => {
    const { sandbox, env } = await startTenant();
    const wrong = 'wrong-secret-0123456789abcdef';
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], { ...env, SAIL_CLIENT_SECRET: wrong }, { tty: true });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`client id ${SELF_ID}`);
    for (const text of [result.stdout, result.stderr]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(SECRET);
    }
    expect(sandbox.requests.map((r) => [r.route, r.status])).toEqual([['token', 401]]);
    const report = await json.read();
    expect(report).toMatchObject({ outcome: 'failed', mode: 'enforce', actions: [], counts: { total: 0 } });
    expect(report.failedReason).toContain(`ISC rejected the credential for client id ${SELF_ID}`);
    expect(await json.text()).not.toContain(wrong);
  });

  it('refuses a non-https base URL without sending the secret anywhere', async () => {
    const result = await cli(['plan'], { SAIL_BASE_URL: 'http://acme.api.identitynow.com', SAIL_CLIENT_ID: 'abc', SAIL_CLIENT_SECRET: SECRET });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SAIL_BASE_URL: must use https');
    expect(result.stderr).not.toContain(SECRET);
  });

  it('refuses an unwritable --json path before anything runs', async () => {
    const { sandbox, env } = await startTenant();
    const policy = await policyFile(ENFORCE_POLICY);

    const result = await cli(['run', '--policy', policy, '--json', '/nonexistent-dir/report.json'], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--json /nonexistent-dir/report.json: its directory does not exist or is not writable');
    expect(sandbox.requests).toEqual([]);
  });

  it('rejects an unknown API version from ISC_API_VERSION or --api-version', async () => {
    const { env } = await startTenant();

    const fromEnv = await cli(['plan'], { ...env, ISC_API_VERSION: 'v9' });
    const fromFlag = await cli(['plan', '--api-version', 'v2'], env);

    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('Invalid ISC_API_VERSION');
    expect(fromFlag.code).toBe(2);
    expect(fromFlag.stderr).toContain('Invalid --api-version');
  });
});
