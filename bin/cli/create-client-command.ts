import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { createGovernedClient, governedRequestOf } from '../../lambdas/app/in-run-rotation/index.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { connectFromFlags } from './connect-from-flags.js';
import type { CliFlags } from './parse-cli-args.js';
import { readPolicyFile } from './read-policy-file.js';
import { resolveRunLimits } from './resolve-run-limits.js';
import { secretStoreFor } from './secret-store-for.js';

/**
 * `create-client --file request.json`: governed creation. The new secret goes straight into the
 * secret store; stdout gets the client id and where the secret is, never the secret itself.
 */
export async function createClientCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  if (!flags.file) throw new UsageError('create-client needs --file request.json (a CreateOAuthClientRequest)');
  const policy = await readPolicyFile(flags.policy);
  // Checked against the policy's creation rules before connecting: a refused request costs nothing.
  const request = governedRequestOf(await readRequest(flags.file), policy.creation);
  const limits = resolveRunLimits(flags, io.env);
  const { connection, logger } = await connectFromFlags(flags, io, { limits });
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
