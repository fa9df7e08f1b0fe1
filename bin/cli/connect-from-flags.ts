import type { RunLogger } from '../../lambdas/core/run-logger.js';
import { connectIsc, type IscConnection } from '../../lambdas/adapters/isc/connect-isc.js';
import type { CliIo } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import type { CliFlags } from './parse-cli-args.js';
import { resolveApiVersion, resolveCredentials } from './resolve-credentials.js';

/** The ISC connection every tenant command needs: credentials and API version from flags and env. */
export async function connectFromFlags(flags: CliFlags, io: CliIo): Promise<{ connection: IscConnection; logger: RunLogger }> {
  const apiVersion = resolveApiVersion(flags, io.env);
  const logger = cliLogger(io.stderr);
  const connection = await connectIsc(resolveCredentials(flags, io.env), {
    logger,
    ...(apiVersion ? { apiVersion } : {}),
    ...(io.iscClient ? { client: io.iscClient } : {}),
  });
  return { connection, logger };
}
