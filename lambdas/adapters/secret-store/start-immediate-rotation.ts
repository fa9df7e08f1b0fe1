import { RotateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../core/config-error.js';
import { awsErrorName, secretsManagerError } from './secrets-manager-error.js';

/**
 * RotateSecret now, with the stack's rotation function (`functionArn`; without it, the one the
 * secret is configured with), for the version
 * `token` (a revoke's `revoke-<uuid>`). Secrets Manager runs the four steps; this returns once it
 * has started them.
 */
export async function startImmediateRotation(
  client: SecretsManagerClient,
  secretId: string,
  token: string,
  functionArn?: string,
): Promise<{ readonly arn: string; readonly versionId: string }> {
  try {
    const started = await client.send(new RotateSecretCommand({ SecretId: secretId, ClientRequestToken: token, ...(functionArn ? { RotationLambdaARN: functionArn } : {}) }));
    return { arn: started.ARN ?? secretId, versionId: started.VersionId ?? token };
  } catch (error) {
    const failure = secretsManagerError(error, secretId, 'RotateSecret');
    if (awsErrorName(error) === 'InvalidRequestException') {
      throw new ConfigError(`${failure.message}: the secret needs a rotation function, or a previous rotation is not complete (take AWSPENDING off its version, then revoke again)`);
    }
    throw failure;
  }
}
