import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../core/config-error.js';
import { parseIscSecretValue, type IscSecretValue } from './isc-secret-value.js';
import { secretsManagerError } from '../secret-store/secrets-manager-error.js';

export type { IscSecretValue } from './isc-secret-value.js';

export interface SecretsManagerCredentialsOptions {
  readonly client: SecretsManagerClient;
  /** Name or full ARN (ISC_CREDENTIALS_SECRET_ID). */
  readonly secretId: string;
}

/**
 * The janitor's own ISC credentials (a PAT) from Secrets Manager. Read once per container and
 * shared by concurrent callers; `refresh()` re-reads when ISC rejects the cached value, so a
 * rotated secret is picked up without a redeploy. A failed read is not cached: the next call
 * tries again. Fits the ISC client's `CredentialsSource` ({ get(), refresh() }).
 */
export class SecretsManagerCredentials {
  readonly #client: SecretsManagerClient;
  readonly #secretId: string;
  #current: Promise<IscSecretValue> | undefined;
  #refreshing: Promise<IscSecretValue> | undefined;

  constructor(options: SecretsManagerCredentialsOptions) {
    if (!options.secretId) {
      throw new ConfigError('No credentials secret id: set ISC_CREDENTIALS_SECRET_ID to the secret name or ARN', ['secretId']);
    }
    this.#client = options.client;
    this.#secretId = options.secretId;
  }

  get secretId(): string {
    return this.#secretId;
  }

  get(): Promise<IscSecretValue> {
    return this.#current ?? this.#load();
  }

  /** Re-read the secret; callers that ask while a re-read is in flight share it. */
  refresh(): Promise<IscSecretValue> {
    this.#refreshing ??= this.#load().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  #load(): Promise<IscSecretValue> {
    const read = this.#read();
    this.#current = read;
    // Forget a failure so the next get() retries; callers still see the rejection.
    read.catch(() => {
      if (this.#current === read) this.#current = undefined;
    });
    return read;
  }

  async #read(): Promise<IscSecretValue> {
    let secretString: string | undefined;
    try {
      // By its stage: a rotation may have just moved AWSCURRENT, and that is the value to use.
      const output = await this.#client.send(new GetSecretValueCommand({ SecretId: this.#secretId, VersionStage: 'AWSCURRENT' }));
      secretString = output.SecretString;
    } catch (error) {
      throw secretsManagerError(error, this.#secretId, 'GetSecretValue');
    }
    return parseIscSecretValue(secretString, this.#secretId);
  }
}
