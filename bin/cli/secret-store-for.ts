import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { SecretsManagerSecretStore } from '../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import type { SecretStore } from '../../lambdas/core/ports.js';
import type { AwsClientConfig } from './cli-io.js';

/**
 * Where the CLI stores managed client secrets: Secrets Manager by default (the SDK's default
 * configuration: region, profile, endpoint), or 0600 files in `--secrets-dir`. The store is
 * only touched when rotation or governed creation needs it.
 */
export function secretStoreFor(secretsDir: string | undefined, aws: AwsClientConfig = {}): SecretStore {
  return secretsDir
    ? new DirectorySecretStore({ directory: secretsDir })
    : new SecretsManagerSecretStore({ client: new SecretsManagerClient({ ...aws }) });
}
