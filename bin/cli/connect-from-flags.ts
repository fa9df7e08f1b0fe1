import type { RunLogger } from '../../lambdas/core/run-logger.js';
import { connectIsc, type IscConnection } from '../../lambdas/adapters/isc/connect-isc.js';
import type { CliIo } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import type { CliFlags } from './parse-cli-args.js';
import { resolveApiVersion, resolveCredentials } from './resolve-credentials.js';
import type { RunLimits } from './resolve-run-limits.js';

export interface ConnectOptions {
  readonly limits: RunLimits;
  /** Aborts every ISC request of the run (its deadline or an interrupt). */
  readonly signal?: AbortSignal;
}

/** The ISC connection every tenant command needs: credentials and API version from flags and env. */
export async function connectFromFlags(flags: CliFlags, io: CliIo, options: ConnectOptions): Promise<{ connection: IscConnection; logger: RunLogger }> {
  const apiVersion = resolveApiVersion(flags, io.env);
  const logger = cliLogger(io.stderr);
  const { requestTimeoutMs } = options.limits;
  const connection = await connectIsc(resolveCredentials(flags, io.env, io.aws), {
    logger,
    ...(apiVersion ? { apiVersion } : {}),
    client: {
      ...io.iscClient,
      ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  });
  return { connection, logger };
}
