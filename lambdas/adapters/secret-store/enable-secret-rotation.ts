import { RotateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerError } from './secrets-manager-error.js';

/**
 * Turn on Secrets Manager rotation of a secret with the rotation function, every `afterDays`
 * days, without rotating now (the value is fresh or in use). AWS then test-runs the function's
 * testSecret once on a copy of the current value.
 */
export async function enableSecretRotation(client: SecretsManagerClient, functionArn: string, secretId: string, afterDays: number): Promise<void> {
  try {
    await client.send(new RotateSecretCommand({ SecretId: secretId, RotationLambdaARN: functionArn, RotationRules: { AutomaticallyAfterDays: afterDays }, RotateImmediately: false }));
  } catch (error) {
    throw secretsManagerError(error, secretId, 'RotateSecret');
  }
}
