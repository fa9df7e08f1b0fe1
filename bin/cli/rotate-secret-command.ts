import { secretLabel } from '../../lambdas/core/report/secret-label.js';
import { randomUUID } from 'node:crypto';
import { RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createIscConnector } from '../../lambdas/adapters/isc/isc-connector.js';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { awsErrorName, secretsManagerError } from '../../lambdas/adapters/secret-store/secrets-manager-error.js';
import { normalizeStoreRetry } from '../../lambdas/app/in-run-rotation/store-retry.js';
import { rotateSecretStep } from '../../lambdas/app/secrets-manager-rotation/rotate-secret-step.js';
import type { SecretRotationDeps } from '../../lambdas/app/secrets-manager-rotation/secret-rotation-deps.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { ROTATION_STEPS } from '../../lambdas/core/model/secret-versions.js';
import { isRevokeToken, revokeToken } from '../../lambdas/core/model/revoke-token.js';
import type { JanitorSecret } from '../../lambdas/core/ports.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import { environmentCredentials } from './environment-credentials-secret.js';
import type { CliFlags } from './parse-cli-args.js';
import { resolveApiVersion, resolveCredentials } from './resolve-credentials.js';
import { resolveRunLimits } from './resolve-run-limits.js';
import { withAwsRegion } from './resolve-aws-region.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/**
 * `rotate-secret --secret-id ID`: a rotation through Secrets Manager now (RotateSecret; the
 * stack's rotation function runs the four steps). With `--secrets-dir`, the four steps run here
 * against the directory store, as the rotation function would run them.
 * `revoke --secret-id ID` is the leak response: the same rotation, at once, whose version id
 * (`revoke-<uuid>`) tells the steps to rotate over an unretired predecessor and, at finishSecret,
 * to disable the leaked client and any older predecessor through the door.
 */
export async function rotateSecretCommand(flags: CliFlags, io: CliIo, command: 'rotate-secret' | 'revoke' = 'rotate-secret'): Promise<ExitCode> {
  const secretId = flags.secretId;
  if (!secretId) {
    throw new UsageError(command === 'revoke' ? 'revoke needs --secret-id ID (the managed client secret whose client leaked)' : 'rotate-secret needs --secret-id ID (the secret to rotate)');
  }
  const token = command === 'revoke' ? revokeToken(randomUUID()) : randomUUID();
  if (flags.secretsDir) return rotateLocally(secretId, flags.secretsDir, token, flags, io);
  return startInSecretsManager(secretId, token, withAwsRegion(io, `${command} (Secrets Manager; --secrets-dir rotates in a local folder)`));
}

async function startInSecretsManager(secretId: string, token: string, io: CliIo): Promise<ExitCode> {
  let started;
  try {
    started = await new SecretsManagerClient({ ...io.aws }).send(new RotateSecretCommand({ SecretId: secretId, ClientRequestToken: token }));
  } catch (error) {
    const failure = secretsManagerError(error, secretId, 'RotateSecret');
    if (awsErrorName(error) === 'InvalidRequestException') {
      throw new ConfigError(`${failure.message}: the secret needs a rotation function (the stack attaches one to every credentials secret; managed secrets get one when the janitor stores them), or a previous rotation is still in progress`);
    }
    throw failure;
  }
  const what = isRevokeToken(token) ? 'Revoke' : 'Rotation';
  io.stdout.write(
    `${what} of ${started.ARN ?? secretId} started: Secrets Manager runs createSecret, setSecret, testSecret and finishSecret\n` +
      `for version ${started.VersionId ?? '(unknown)'} in the rotation function. Its log and the next report say how it went.\n` +
      (isRevokeToken(token)
        ? 'At finishSecret the leaked client (the one AWSCURRENT held) and any older predecessor are disabled (the\nfunction\'s log names them); the normal lifecycle deletes them later.\n'
        : ''),
  );
  return EXIT.ok;
}

async function rotateLocally(secretId: string, directory: string, token: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  // --secret-id names the secret to rotate here, so ISC credentials come from SAIL_* only.
  const credentials = await resolveCredentials({ ...flags, secretId: undefined }, io.env).get();
  const apiVersion = resolveApiVersion(flags, io.env) ?? credentials.apiVersion;
  const { requestTimeoutMs } = resolveRunLimits(flags, io.env);
  await rotateInDirectory({
    store: new DirectorySecretStore({ directory, now: io.now }),
    secretId,
    token,
    credentials: { baseUrl: credentials.baseUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret, ...(apiVersion ? { apiVersion } : {}) },
    io,
    ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
  });
  return EXIT.ok;
}

export interface LocalRotation {
  readonly store: DirectorySecretStore;
  /** The managed client secret's name in the store. */
  readonly secretId: string;
  /** Who acts in ISC: the CLI's credentials (SAIL_*, or the demo's sandbox). */
  readonly credentials: JanitorSecret;
  readonly io: CliIo;
  readonly timeoutMs?: number;
  /** The version to stage: a revoke's `revoke-<uuid>`. @default a new UUID */
  readonly token?: string;
}

/**
 * Secrets Manager's part played locally: stage a version as AWSPENDING (or resume an unfinished
 * one), then run the rotation function's four steps against the directory store, printing what
 * each did. A failed step throws; AWSCURRENT stays as it was.
 */
export async function rotateInDirectory(rotation: LocalRotation): Promise<void> {
  const { store, secretId, io } = rotation;
  const environment = environmentCredentials(rotation.credentials);
  const deps: SecretRotationDeps = {
    managedSecrets: store.staged,
    janitorSecrets: environment.secrets,
    registry: environment.registry,
    isc: createIscConnector({ ...io.iscClient, ...(rotation.timeoutMs === undefined ? {} : { timeoutMs: rotation.timeoutMs }) }),
    doorKeyFor: (session) => doorKeyOf(iscRemovalOf(session.clients)),
    clock: io.now,
    logger: cliLogger(io.stderr),
    retry: normalizeStoreRetry(),
    propagation: normalizeStoreRetry({ attempts: 5, retryDelayMs: 1_000 }),
  };
  const asked = rotation.token ?? randomUUID();
  let token = await store.startRotation(secretId, asked);
  const label = secretLabel(store.pathOf(secretId));
  if (isRevokeToken(asked) && token !== asked) {
    // A revoke does not wait for an unfinished rotation (one refused over the predecessor, say):
    // its version stops being AWSPENDING; a successor it made is a never-used left-over createSecret removes.
    await store.staged.dropPending(secretId, token);
    io.stdout.write(`Dropped the unfinished rotation (version ${token}) of ${label}: a revoke does not wait for it.\n`);
    token = await store.startRotation(secretId, asked);
  }
  // The file is named after the URL-encoded secret name; people read the name (secretLabel).
  io.stdout.write(`${isRevokeToken(token) ? 'Revoking' : 'Rotating'} ${label}, version ${token}:\n`);
  for (const step of ROTATION_STEPS) {
    const result = await rotateSecretStep({ step, secretId, token }, deps);
    io.stdout.write(`  ${step}: ${result.outcome === 'done' ? result.detail : `already done (${result.detail})`}\n`);
  }
  io.stdout.write(
    isRevokeToken(token)
      ? `Done: version ${token} is AWSCURRENT; the revoked clients are disabled and the normal lifecycle deletes them later.\n`
      : `Done: version ${token} is AWSCURRENT; the previous client stays enabled until the nightly run retires it.\n`,
  );
}
