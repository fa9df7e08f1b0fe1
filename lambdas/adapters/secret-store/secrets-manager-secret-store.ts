import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { ManagedClientSecret, SecretStore } from '../../core/ports.js';
import { clientRequestToken } from './client-request-token.js';
import { parseManagedClientSecret, serializeManagedClientSecret } from './managed-client-secret.js';
import { awsErrorName, secretsManagerError } from './secrets-manager-error.js';
import { secretTags } from './secret-tags.js';

export interface SecretsManagerSecretStoreOptions {
  readonly client: SecretsManagerClient;
  /** Customer-managed KMS key for new secrets. @default the account's aws/secretsmanager key */
  readonly kmsKeyId?: string;
}

/**
 * Managed client secrets in Secrets Manager. A write creates the secret, or puts a new version
 * when it exists; both carry a ClientRequestToken derived from the idempotency token, so a
 * retried write of the same rotation stores nothing twice.
 */
export class SecretsManagerSecretStore implements SecretStore {
  readonly #client: SecretsManagerClient;
  readonly #kmsKeyId: string | undefined;

  constructor(options: SecretsManagerSecretStoreOptions) {
    this.#client = options.client;
    this.#kmsKeyId = options.kmsKeyId;
  }

  async read(name: string): Promise<ManagedClientSecret | undefined> {
    let secretString: string | undefined;
    try {
      secretString = (await this.#client.send(new GetSecretValueCommand({ SecretId: name }))).SecretString;
    } catch (error) {
      // Also what a secret without an AWSCURRENT version answers: nothing stored yet.
      if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
      throw secretsManagerError(error, name, 'GetSecretValue');
    }
    return parseManagedClientSecret(secretString, `managed client secret "${name}"`);
  }

  async write(
    name: string,
    value: ManagedClientSecret,
    options: { idempotencyToken: string; tags: Readonly<Record<string, string>> },
  ): Promise<{ arn: string }> {
    const SecretString = serializeManagedClientSecret(value);
    const ClientRequestToken = clientRequestToken(options.idempotencyToken);
    const Tags = secretTags(options.tags);
    const scrub = [value.clientSecret, SecretString];

    try {
      const created = await this.#client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString,
          ClientRequestToken,
          Tags,
          ...(this.#kmsKeyId ? { KmsKeyId: this.#kmsKeyId } : {}),
        }),
      );
      return { arn: created.ARN ?? name };
    } catch (error) {
      if (awsErrorName(error) !== 'ResourceExistsException') throw secretsManagerError(error, name, 'CreateSecret', scrub);
    }

    // Tag BEFORE storing the value: if tagging fails, nothing new is stored and the caller can
    // roll back cleanly; after a successful put, the secret must not be reported as failed.
    if (Tags.length > 0) {
      try {
        await this.#client.send(new TagResourceCommand({ SecretId: name, Tags }));
      } catch (error) {
        throw secretsManagerError(error, name, 'TagResource', scrub);
      }
    }
    try {
      const put = await this.#client.send(new PutSecretValueCommand({ SecretId: name, SecretString, ClientRequestToken }));
      return { arn: put.ARN ?? name };
    } catch (error) {
      throw secretsManagerError(error, name, 'PutSecretValue', scrub);
    }
  }
}
