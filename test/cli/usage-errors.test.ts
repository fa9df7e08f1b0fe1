import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREATE_CLIENT_EXAMPLE } from '../../bin/cli/create-client-example.js';
import { governedRequestOf } from '../../lambdas/app/in-run-rotation/index.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { cli, scratchDir } from '../e2e/cli-harness.js';

/**
 * Usage and configuration errors, as an operator meets them in the first hour: exit 2, one or
 * two lines on stderr naming the flag or variable (with a did-you-mean when one is close), and
 * no run report: nothing on stdout.
 */
const SAIL = { SAIL_BASE_URL: 'https://acme.api.identitynow.com', SAIL_CLIENT_ID: 'id', SAIL_CLIENT_SECRET: 'pat-secret' };
/** No region anywhere: no variable, and profile files that do not exist. */
const NO_REGION = { AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials' };

async function usageError(argv: readonly string[], env: Record<string, string> = SAIL): Promise<string[]> {
  const result = await cli(argv, env);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(result.stderr).not.toMatch(/Outcome|report id|the run failed/);
  return lines;
}

describe('usage errors: exit 2, the flag named, no report', () => {
  it('--api-version v4 names the flag and the versions there are', async () => {
    const [first] = await usageError(['plan', '--api-version', 'v4']);
    expect(first).toBe('error: Invalid --api-version: must be one of v3, beta, v2024, v2025, v2026, v1');
  });

  it('ISC_API_VERSION=v4 names the variable', async () => {
    const [first] = await usageError(['run'], { ...SAIL, ISC_API_VERSION: 'v4' });
    expect(first).toBe('error: Invalid ISC_API_VERSION: must be one of v3, beta, v2024, v2025, v2026, v1');
  });

  it.each([['plan'], ['run']])('%s without SAIL_* names the missing variables', async (command) => {
    const [first] = await usageError([command], { SAIL_BASE_URL: SAIL.SAIL_BASE_URL });
    expect(first).toMatch(/^error: Missing credentials: set SAIL_CLIENT_ID, SAIL_CLIENT_SECRET \(/);
  });

  it('a SAIL_BASE_URL that is not a URL names the variable', async () => {
    const [first] = await usageError(['plan'], { ...SAIL, SAIL_BASE_URL: 'acme' });
    expect(first).toMatch(/^error: Invalid SAIL_BASE_URL: /);
  });

  it('plan --polcy x.json: unknown flag, did you mean --policy (not Node\'s advice about positionals)', async () => {
    const lines = await usageError(['plan', '--polcy', 'x.json']);
    expect(lines).toEqual(['error: unknown flag --polcy for "plan". Did you mean --policy?', '"npm run janitor -- plan --help" lists its flags.']);
  });

  it('an unknown flag far from every flag gets no guess', async () => {
    const [first] = await usageError(['plan', '--frobnicate']);
    expect(first).toBe('error: unknown flag --frobnicate for "plan".');
  });

  it('tenants lst: did you mean tenants list', async () => {
    const [first] = await usageError(['tenants', 'lst']);
    expect(first).toBe('error: unknown sub-command "tenants lst". Did you mean tenants list?');
  });

  it('pln: did you mean plan', async () => {
    const [first] = await usageError(['pln']);
    expect(first).toBe('error: unknown command "pln". Did you mean plan?');
  });

  it('--max-run-time -5 is a bad value, not an "ambiguous argument"', async () => {
    const [first] = await usageError(['plan', '--max-run-time', '-5']);
    expect(first).toBe('error: Invalid --max-run-time: must be a number of seconds, such as 30');
  });

  it('a flag followed by another flag is missing its value', async () => {
    const [first] = await usageError(['plan', '--policy', '--json', 'out.json']);
    expect(first).toBe('error: --policy needs a value: --policy FILE (--json is a flag; a value starting with "-" is written --policy=VALUE)');
  });
});

describe('a missing AWS region: exit 2, saying which variable to set', () => {
  it.each([
    [['tenants', 'list', '--registry', 'T'], 'tenants list (the tenant registry in DynamoDB)'],
    [['history', '--client', 'c1', '--archive-bucket', 'evidence'], '--archive-bucket (S3)'],
    [['plan', '--secret-id', 'isc-oauth-janitor/credentials/acme'], '--secret-id (Secrets Manager)'],
    [['run', '--registry', 'T', '--tenant', 'acme'], '--registry (the tenant registry in DynamoDB)'],
    [['plan', '--topic-arn', 'arn:aws:sns:eu-central-1:123456789012:reports'], '--topic-arn (SNS)'],
    [['rotate-secret', '--secret-id', 'isc-oauth-janitor/clients/acme/ci'], 'rotate-secret (Secrets Manager'],
  ])('%j', async (argv, use) => {
    const lines = await usageError(argv, { ...SAIL, ...NO_REGION });
    expect(lines[0]).toContain(`error: ${use}`);
    expect(lines[0]).toContain('needs an AWS region, and none is set (AWS_REGION, AWS_DEFAULT_REGION, or region in the AWS profile)');
    expect(lines[1]).toBe('Set one, e.g. export AWS_REGION=eu-central-1 (the region the stack is deployed in).');
  });

  it('create-client without --secrets-dir stores into Secrets Manager, so it needs the region too', async () => {
    const file = join(await scratchDir(), 'request.json');
    await writeFile(file, JSON.stringify(CREATE_CLIENT_EXAMPLE), 'utf8');
    const [first] = await usageError(['create-client', '--file', file], { ...SAIL, ...NO_REGION });
    expect(first).toMatch(/^error: create-client \(it stores the secret in Secrets Manager; --secrets-dir keeps it in a folder\) needs an AWS region/);
  });

  it('plan without any AWS flag needs no region', async () => {
    // Reaches the network step (a closed port), so the run starts and fails there: exit 1, with its report.
    const result = await cli(['plan', '--request-timeout', '1'], { ...SAIL, ...NO_REGION, SAIL_BASE_URL: 'https://127.0.0.1:9' }, { iscClient: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
    expect(result.stderr).not.toContain('AWS region');
    expect(result.code).toBe(1);
  });
});

describe('create-client --example', () => {
  it('prints a request the default creation rules accept, as JSON alone on stdout, and what each field allows on stderr', async () => {
    const result = await cli(['create-client', '--example'], {});
    expect(result.code).toBe(0);
    const request: unknown = JSON.parse(result.stdout);
    expect(request).toEqual(CREATE_CLIENT_EXAMPLE);
    expect(() => governedRequestOf(request, parsePolicy({}).creation)).not.toThrow();
    for (const field of ['name', 'description', 'accessTokenValiditySeconds', 'grantTypes', 'accessType', 'enabled', 'scope']) {
      expect(result.stderr).toMatch(new RegExp(`^#   ${field} `, 'm'));
    }
    expect(result.stderr).toContain('at most 43200');
  });

  it('rewrites schema errors as "field: what is wrong, what is allowed"', async () => {
    const file = join(await scratchDir(), 'request.json');
    await writeFile(file, JSON.stringify({ name: 'x', scope: ['idn:sources:read'], accessType: 'LATER', enabled: 'yes', grantTypes: [], accessTokenValiditySeconds: 1.5 }), 'utf8');
    const [first] = await usageError(['create-client', '--file', file, '--secrets-dir', await scratchDir()]);
    expect(first).toBe(
      'error: Invalid client create request: description: missing, required: a string; accessTokenValiditySeconds: not a whole number, allowed: a whole number (integer); ' +
        'grantTypes: empty, allowed: an array of at least 1 item; accessType: not an allowed value, allowed: one of "ONLINE", "OFFLINE"; ' +
        'enabled: a string is not allowed here, allowed: a boolean, true or false',
    );
  });
});
