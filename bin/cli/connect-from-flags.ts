import type { RunLogger } from '../../lambdas/core/run-logger.js';
import { connectIsc, type IscConnection, type TenantCredentialsSource } from '../../lambdas/adapters/isc/connect-isc.js';
import type { IscApiVersion } from '../../lambdas/adapters/isc/isc-client-config.js';
import type { CliIo } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import type { CliFlags } from './parse-cli-args.js';
import { resolveApiVersion, resolveCredentials } from './resolve-credentials.js';
import type { RunLimits } from './resolve-run-limits.js';

export interface ConnectOptions {
  readonly limits: RunLimits;
  /** Aborts every ISC request of the run (its deadline or an interrupt). */
  readonly signal?: AbortSignal;
  /** Credentials and API version checked beforehand (connectionSettings); else checked here. */
  readonly settings?: ConnectionSettings;
}

export interface ConnectionSettings {
  readonly credentials: TenantCredentialsSource;
  readonly apiVersion: IscApiVersion | undefined;
}

/**
 * Where the credentials come from and which API version, from flags and env: a missing SAIL_*
 * variable or a bad --api-version is a ConfigError here, before a run (and its report) starts.
 */
export function connectionSettings(flags: CliFlags, io: CliIo): ConnectionSettings {
  return { apiVersion: resolveApiVersion(flags, io.env), credentials: resolveCredentials(flags, io.env, io.aws) };
}

/** The ISC connection every tenant command needs: credentials and API version from flags and env. */
export async function connectFromFlags(flags: CliFlags, io: CliIo, options: ConnectOptions): Promise<{ connection: IscConnection; logger: RunLogger }> {
  const { apiVersion, credentials } = options.settings ?? connectionSettings(flags, io);
  const logger = cliLogger(io.stderr);
  const { requestTimeoutMs, maxResponseBytes } = options.limits;
  const connection = await connectIsc(credentials, {
    logger,
    ...(apiVersion ? { apiVersion } : {}),
    client: {
      ...io.iscClient,
      ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
      ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  });
  return { connection, logger };
}
