import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { connectIsc } from '../../lambdas/connect-isc.js';
import { createGovernedClient } from '../../lambdas/rotation/index.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import type { CliFlags } from './parse-cli-args.js';
import { readPolicyFile } from './read-policy-file.js';
import { resolveApiVersion, resolveCredentials } from './resolve-credentials.js';
import { secretStoreFor } from './secret-store-for.js';

/**
 * `create-client --file request.json`: governed creation. The new secret goes straight into the
 * secret store; stdout gets the client id and where the secret is, never the secret itself.
 */
export async function createClientCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  if (!flags.file) throw new UsageError('create-client needs --file request.json (a CreateOAuthClientRequest)');
  const request = await readRequest(flags.file);
  const policy = await readPolicyFile(flags.policy);
  const apiVersion = resolveApiVersion(flags, io.env);
  const logger = cliLogger(io.stderr);
  const connection = await connectIsc(resolveCredentials(flags, io.env), {
    logger,
    ...(apiVersion ? { apiVersion } : {}),
    ...(io.iscClient ? { client: io.iscClient } : {}),
  });
  const created = await createGovernedClient({
    api: connection.api,
    store: secretStoreFor(flags.secretsDir),
    tenant: flags.tenant ?? tenantFromBaseUrl(connection.baseUrl),
    baseUrl: connection.baseUrl,
    secretPrefix: policy.rotation.secretPrefix,
    request,
    clock: io.now,
    logger,
  });
  io.stdout.write(`Created OAuth client "${created.name}" (${created.clientId}).\nIts secret is stored at ${created.secretArn}\n`);
  return EXIT.ok;
}

async function readRequest(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read --file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; check the path`, ['--file']);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`Invalid --file ${path}: not valid JSON; fix the JSON syntax`, ['--file']);
  }
}
