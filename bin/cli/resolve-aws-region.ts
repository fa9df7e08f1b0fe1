import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../lambdas/core/config-error.js';
import type { CliIo } from './cli-io.js';

type Env = CliIo['env'];

/**
 * The AWS region, found where the AWS SDK and CLI look: AWS_REGION, AWS_DEFAULT_REGION (the AWS
 * CLI's variable, which the JavaScript SDK alone would ignore), then `region` of the profile
 * (AWS_PROFILE, else `default`) in the shared config file (AWS_CONFIG_FILE, else ~/.aws/config)
 * or the credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).
 */
export function resolveAwsRegion(env: Env): string | undefined {
  const fromEnv = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (fromEnv) return fromEnv;
  const profile = env.AWS_PROFILE?.trim() || 'default';
  const home = env.HOME?.trim() || homedir();
  const config = env.AWS_CONFIG_FILE?.trim() || join(home, '.aws', 'config');
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE?.trim() || join(home, '.aws', 'credentials');
  // The config file names profiles `[profile NAME]` (and `[default]`); the credentials file `[NAME]`.
  const configSections = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  return regionIn(config, configSections) ?? regionIn(credentials, [profile]);
}

/**
 * `io` with the region every AWS client of the command gets, or a ConfigError (exit 2, before
 * anything runs) saying which variable to set. `use` says what needs AWS, e.g. `--secret-id (Secrets Manager)`.
 */
export function withAwsRegion(io: CliIo, use: string): CliIo {
  if (io.aws?.region) return io;
  const region = resolveAwsRegion(io.env);
  if (!region) {
    throw new ConfigError(
      `${use} needs an AWS region, and none is set (AWS_REGION, AWS_DEFAULT_REGION, or region in the AWS profile).\n` +
        'Set one, e.g. export AWS_REGION=eu-central-1 (the region the stack is deployed in).',
      ['AWS_REGION'],
    );
  }
  return { ...io, aws: { ...io.aws, region } };
}

function regionIn(file: string, sections: readonly string[]): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) inSection = sections.includes(header[1]!.replace(/\s+/g, ' '));
    else if (inSection) {
      const setting = /^region\s*=\s*(\S+)$/.exec(line);
      if (setting) return setting[1];
    }
  }
  return undefined;
}
