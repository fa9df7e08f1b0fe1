import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { janitorSecretCodec } from '../adapters/credentials/isc-secret-value.js';
import { createIscConnector, type IscConnectorOptions } from '../adapters/isc/isc-connector.js';
import { managedClientSecretCodec } from '../adapters/secret-store/managed-client-secret.js';
import { SecretsManagerStagedStore } from '../adapters/secret-store/secrets-manager-staged-store.js';
import { DynamoDbTenantRegistry } from '../adapters/tenants/dynamodb-tenant-registry.js';
import { tenantCredentialsRegistry } from '../adapters/tenants/tenant-credentials-registry.js';
import { rotateSecretStep } from '../app/secrets-manager-rotation/rotate-secret-step.js';
import type { RotationStepResult, SecretRotationDeps } from '../app/secrets-manager-rotation/secret-rotation-deps.js';
import { normalizeStoreRetry, type StoreRetryOptions } from '../app/in-run-rotation/store-retry.js';
import { knownSecrets } from '../core/known-secrets.js';
import { redactingLogger } from '../core/redacting-logger.js';
import type { RunLogger } from '../core/run-logger.js';
import { parseRotationEvent } from './rotation-event.js';
import { readRotationEnvironment } from './rotation-environment.js';
import { doorKeyOf } from '../app/door/door.js';
import { iscRemovalOf } from '../adapters/isc/isc-removal.js';

export interface RotationHandlerDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretsManager: SecretsManagerClient;
  /** Needed only with TENANT_REGISTRY_TABLE. */
  readonly dynamodb?: DynamoDBClient;
  readonly logger: RunLogger;
  readonly clock?: () => Date;
  /** ISC client tuning (tests shorten retry delays). @default the client's defaults */
  readonly iscClient?: IscConnectorOptions;
  /** Secret writes and roll-backs. @default 3 attempts from 200 ms */
  readonly retry?: StoreRetryOptions;
  /** How long testSecret gives ISC to accept a new credential. @default 5 attempts from 1 s (about 15 s) */
  readonly propagation?: StoreRetryOptions;
}

/**
 * The rotation function, composed from injected dependencies (tests pass moto's Secrets Manager
 * and the sandbox). The environment is read once per container; each invocation is one step.
 */
export function createRotationHandler(rawDeps: RotationHandlerDependencies): (event: unknown) => Promise<RotationStepResult> {
  const logger = redactingLogger(rawDeps.logger);
  let stepDeps: SecretRotationDeps | undefined;

  const compose = (): SecretRotationDeps => {
    const env = readRotationEnvironment(rawDeps.env);
    const client = rawDeps.secretsManager;
    const registry =
      env.tenantRegistryTable && rawDeps.dynamodb ? new DynamoDbTenantRegistry({ client: rawDeps.dynamodb, tableName: env.tenantRegistryTable }) : undefined;
    return {
      managedSecrets: new SecretsManagerStagedStore({ client, codec: managedClientSecretCodec, what: 'managed client secret' }),
      janitorSecrets: new SecretsManagerStagedStore({ client, codec: janitorSecretCodec, what: 'credentials secret' }),
      registry: tenantCredentialsRegistry({ environment: env.credentials, registry }),
      isc: createIscConnector({
        ...rawDeps.iscClient,
        onEvent: (event) => {
          rawDeps.iscClient?.onEvent?.(event);
          logger.debug('isc client', { ...event });
        },
      }),
      // Each session's destructive half goes to the door of the step acting with it, and nowhere else.
      doorKeyFor: (session) => doorKeyOf(iscRemovalOf(session.clients)),
      clock: rawDeps.clock ?? (() => new Date()),
      logger,
      retry: normalizeStoreRetry(rawDeps.retry),
      propagation: normalizeStoreRetry({ attempts: 5, retryDelayMs: 1_000, ...rawDeps.propagation }),
    };
  };

  return async function rotationHandler(rawEvent: unknown): Promise<RotationStepResult> {
    try {
      stepDeps ??= compose();
      const event = parseRotationEvent(rawEvent);
      return await rotateSecretStep({ step: event.Step, secretId: event.SecretId, token: event.ClientRequestToken }, stepDeps);
    } catch (error) {
      // The Lambda runtime logs what is thrown, and Secrets Manager records it: it leaves scrubbed.
      knownSecrets.redactDeep(error);
      throw error;
    }
  };
}
