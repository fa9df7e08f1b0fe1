import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAwsRegion, withAwsRegion } from '../../bin/cli/resolve-aws-region.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { scratchDir } from '../e2e/cli-harness.js';

const NOWHERE = { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };

async function file(text: string): Promise<string> {
  const path = join(await scratchDir(), 'aws-file');
  await writeFile(path, text, 'utf8');
  return path;
}

describe('resolveAwsRegion: where the AWS SDK and CLI look', () => {
  it('AWS_REGION first, then AWS_DEFAULT_REGION', () => {
    expect(resolveAwsRegion({ ...NOWHERE, AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'us-east-1' })).toBe('eu-central-1');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_DEFAULT_REGION: 'us-east-1' })).toBe('us-east-1');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_REGION: ' ' })).toBeUndefined();
  });

  it('then the region of the profile in the config file ([default], [profile NAME])', async () => {
    const config = await file('[default]\nregion = eu-west-1\n\n[profile audit] # the auditors\noutput = json\nregion=ap-southeast-2\n');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_CONFIG_FILE: config })).toBe('eu-west-1');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_CONFIG_FILE: config, AWS_PROFILE: 'audit' })).toBe('ap-southeast-2');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_CONFIG_FILE: config, AWS_PROFILE: 'other' })).toBeUndefined();
  });

  it('then the credentials file ([NAME])', async () => {
    const credentials = await file('[audit]\naws_access_key_id = AKIAEXAMPLE\nregion = sa-east-1\n');
    expect(resolveAwsRegion({ ...NOWHERE, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: 'audit' })).toBe('sa-east-1');
  });

  it('reads ~/.aws/config under HOME when AWS_CONFIG_FILE is not set', async () => {
    const home = await scratchDir();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[default]\nregion = ca-central-1\n', 'utf8');
    expect(resolveAwsRegion({ HOME: home })).toBe('ca-central-1');
  });
});

describe('withAwsRegion', () => {
  const io = { env: NOWHERE, stdout: { write: () => true }, stderr: { write: () => true }, now: () => new Date(0) };

  it('gives every AWS client of the command the region found', () => {
    expect(withAwsRegion({ ...io, env: { ...NOWHERE, AWS_DEFAULT_REGION: 'us-east-2' } }, 'x').aws).toEqual({ region: 'us-east-2' });
  });

  it('keeps a region the caller set (tests against moto)', () => {
    const given = { ...io, aws: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' } };
    expect(withAwsRegion(given, 'x')).toBe(given);
  });

  it('without one, a ConfigError naming AWS_REGION', () => {
    expect(() => withAwsRegion(io, '--secret-id (Secrets Manager)')).toThrow(ConfigError);
    expect(() => withAwsRegion(io, '--secret-id (Secrets Manager)')).toThrow(/^--secret-id \(Secrets Manager\) needs an AWS region/);
  });
});
