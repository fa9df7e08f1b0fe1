import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerCredentials } from '../../lambdas/adapters/credentials/secrets-manager-credentials.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { hideSecret } from '../../lambdas/core/hide-secret.js';
import type { TenantCredentialsSource } from '../../lambdas/adapters/isc/connect-isc.js';
import { API_VERSIONS, baseUrlSchema, type IscApiVersion } from '../../lambdas/adapters/isc/isc-client-config.js';
import type { AwsClientConfig } from './cli-io.js';
import type { CliFlags } from './parse-cli-args.js';

/**
 * Where the CLI's ISC credentials come from: `--secret-id` (Secrets Manager, the same secret the
 * Lambda reads) or SailPoint's own SAIL_BASE_URL / SAIL_CLIENT_ID / SAIL_CLIENT_SECRET.
 */
export function resolveCredentials(flags: CliFlags, env: Readonly<Record<string, string | undefined>>, aws: AwsClientConfig = {}): TenantCredentialsSource {
  if (flags.secretId) return new SecretsManagerCredentials({ client: new SecretsManagerClient({ ...aws }), secretId: flags.secretId });
  const missing = ['SAIL_BASE_URL', 'SAIL_CLIENT_ID', 'SAIL_CLIENT_SECRET'].filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing credentials: set ${missing.join(', ')} (a personal access token with sp:oauth-client:read and sp:oauth-client:manage), or pass --secret-id`,
      missing,
    );
  }
  const baseUrl = baseUrlSchema.safeParse(env.SAIL_BASE_URL!.trim());
  if (!baseUrl.success) {
    throw new ConfigError(`Invalid SAIL_BASE_URL: ${baseUrl.error.issues.map((issue) => issue.message).join('; ')}`, ['SAIL_BASE_URL']);
  }
  // Hidden and registered at once: the secret is redacted from every output from here on.
  const value = hideSecret({ baseUrl: baseUrl.data, clientId: env.SAIL_CLIENT_ID!.trim(), clientSecret: env.SAIL_CLIENT_SECRET!.trim() }, 'clientSecret');
  // Fixed values: nothing to re-read on a 401, so no refresh().
  return { get: async () => value };
}

/** `--api-version` beats ISC_API_VERSION; otherwise the credentials' own (or v3). */
export function resolveApiVersion(flags: CliFlags, env: Readonly<Record<string, string | undefined>>): IscApiVersion | undefined {
  const [value, source] = flags.apiVersion ? [flags.apiVersion, '--api-version'] : [env.ISC_API_VERSION?.trim(), 'ISC_API_VERSION'];
  if (!value) return undefined;
  if (!(API_VERSIONS as readonly string[]).includes(value)) {
    throw new ConfigError(`Invalid ${source}: must be one of ${API_VERSIONS.join(', ')}`, [source]);
  }
  return value as IscApiVersion;
}
