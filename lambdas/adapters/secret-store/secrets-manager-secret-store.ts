import {
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CURRENT, PENDING, PREVIOUS, type SecretDescription } from '../../core/model/secret-versions.js';
import type { ManagedClientSecret, SecretStore, StagedSecretStore } from '../../core/ports.js';
import { clientRequestToken } from './client-request-token.js';
import { managedClientSecretCodec, serializeManagedClientSecret } from './managed-client-secret.js';
import { awsErrorName, secretsManagerError } from './secrets-manager-error.js';
import { describedSecret, SecretsManagerStagedStore } from './secrets-manager-staged-store.js';
import { enableSecretRotation } from './enable-secret-rotation.js';
import { secretTags } from './secret-tags.js';

export interface SecretsManagerSecretStoreOptions {
  readonly client: SecretsManagerClient;
  /** Customer-managed KMS key for new secrets. @default the account's aws/secretsmanager key */
  readonly kmsKeyId?: string;
  /**
   * The rotation function (ROTATION_FUNCTION_ARN): with it, `enableRotation` hands a secret to
   * Secrets Manager rotation. @default - none: secrets stay rotated by the nightly run
   */
  readonly rotationFunctionArn?: string;
}

/**
 * Managed client secrets in Secrets Manager. A write creates the secret, or puts a new version
 * when it exists; both carry a ClientRequestToken derived from the idempotency token, so a
 * retried write of the same rotation stores nothing twice.
 */
export class SecretsManagerSecretStore implements SecretStore {
  readonly #client: SecretsManagerClient;
  readonly #kmsKeyId: string | undefined;
  /** The same secrets, by stage: what the rotation protocol and these reads share. */
  readonly staged: StagedSecretStore<ManagedClientSecret>;

  constructor(options: SecretsManagerSecretStoreOptions) {
    this.#client = options.client;
    this.#kmsKeyId = options.kmsKeyId;
    this.staged = new SecretsManagerStagedStore({ client: options.client, codec: managedClientSecretCodec, what: 'managed client secret' });
    const functionArn = options.rotationFunctionArn;
    if (functionArn) this.enableRotation = (name, afterDays) => this.#enableRotation(functionArn, name, afterDays);
  }

  /**
   * Secrets Manager rotates the secret from now on, every `afterDays` days. Not immediately: the
   * value was just written. (AWS then test-runs the function's testSecret on a copy of the value.)
   * Present only when the store knows the rotation function.
   */
  readonly enableRotation?: (name: string, afterDays: number) => Promise<void>;

  /** AWSCURRENT; undefined also for a secret without one (nothing stored yet). */
  read(name: string): Promise<ManagedClientSecret | undefined> {
    return this.staged.readStage(name, CURRENT);
  }

  readPending(name: string): Promise<ManagedClientSecret | undefined> {
    return this.staged.readStage(name, PENDING);
  }

  readPrevious(name: string): Promise<ManagedClientSecret | undefined> {
    return this.staged.readStage(name, PREVIOUS);
  }

  async describe(name: string): Promise<SecretDescription | undefined> {
    try {
      return describedSecret(await this.#client.send(new DescribeSecretCommand({ SecretId: name })), name);
    } catch (error) {
      if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
      throw secretsManagerError(error, name, 'DescribeSecret');
    }
  }

  #enableRotation(arn: string, name: string, afterDays: number): Promise<void> {
    return enableSecretRotation(this.#client, arn, name, afterDays);
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
