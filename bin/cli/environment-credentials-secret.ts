import { CURRENT, type SecretDescription, type VersionStage } from '../../lambdas/core/model/secret-versions.js';
import type { JanitorSecret, StagedSecretStore, TenantCredentialsRegistry } from '../../lambdas/core/ports.js';

/** How the CLI's SAIL_* credentials are named where a secret id would be. */
export const ENVIRONMENT_CREDENTIALS = 'SAIL_* environment';

/**
 * The CLI's own ISC credentials (SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET) dressed as the
 * janitor's credentials secret, so the rotation steps of a managed secret in the directory store
 * can act in ISC with them. Read-only: they live in the environment, not in a store, so they are
 * never rotated here.
 */
export function environmentCredentials(credentials: JanitorSecret): {
  readonly registry: TenantCredentialsRegistry;
  readonly secrets: StagedSecretStore<JanitorSecret>;
} {
  const description: SecretDescription = {
    arn: ENVIRONMENT_CREDENTIALS,
    name: ENVIRONMENT_CREDENTIALS,
    rotationEnabled: false,
    rotationAfterDays: null,
    versions: { environment: [CURRENT] },
    lastRotatedAt: null,
    nextRotationAt: null,
    rotationFailure: null,
  };
  const readOnly = async (): Promise<never> => {
    throw new Error(`the ${ENVIRONMENT_CREDENTIALS} credentials cannot be rotated by the CLI; rotate the janitor's credentials secret with Secrets Manager`);
  };
  return {
    registry: { list: async () => [{ tenant: 'cli', credentialsSecretId: ENVIRONMENT_CREDENTIALS }] },
    secrets: {
      describe: async () => description,
      readStage: async (_secretId: string, stage: VersionStage) => (stage === CURRENT ? credentials : undefined),
      putPending: readOnly,
      promote: readOnly,
      dropPending: readOnly,
      noteRotationFailure: readOnly,
    },
  };
}
