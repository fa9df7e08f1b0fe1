import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { createGovernedClient, governedRequestOf } from '../../lambdas/app/in-run-rotation/index.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { connectFromFlags } from './connect-from-flags.js';
import { CREATE_CLIENT_EXAMPLE, createClientExampleNotes } from './create-client-example.js';
import type { CliFlags } from './parse-cli-args.js';
import { readPolicyFile } from './read-policy-file.js';
import { resolveRunLimits } from './resolve-run-limits.js';
import { secretStoreFor } from './secret-store-for.js';
import { withAwsRegion } from './resolve-aws-region.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/**
 * `create-client --file request.json`: governed creation. The new secret goes straight into the
 * secret store; stdout gets the client id and where the secret is, never the secret itself.
 */
export async function createClientCommand(flags: CliFlags, rawIo: CliIo): Promise<ExitCode> {
  if (flags.example) {
    if (flags.file) throw new UsageError('--example prints a request and creates nothing: leave --file out');
    const { creation } = await readPolicyFile(flags.policy);
    // The JSON alone on stdout, so `--example > request.json` is a file --file accepts; the notes beside it.
    rawIo.stderr.write(createClientExampleNotes(creation));
    rawIo.stdout.write(`${JSON.stringify(CREATE_CLIENT_EXAMPLE, null, 2)}\n`);
    return EXIT.ok;
  }
  if (!flags.file) throw new UsageError('create-client needs --file request.json (a CreateOAuthClientRequest); --example prints one to start from');
  const policy = await readPolicyFile(flags.policy);
  // Checked against the policy's creation rules before connecting: a refused request costs nothing.
  const request = governedRequestOf(await readRequest(flags.file), policy.creation);
  const limits = resolveRunLimits(flags, rawIo.env);
  const aws = flags.secretId ? '--secret-id (Secrets Manager)' : flags.secretsDir ? undefined : 'create-client (it stores the secret in Secrets Manager; --secrets-dir keeps it in a folder)';
  const io = aws ? withAwsRegion(rawIo, aws) : rawIo;
  const { connection, logger } = await connectFromFlags(flags, io, { limits });
  const created = await createGovernedClient({
    api: connection.api,
    door: doorKeyOf(iscRemovalOf(connection.api)),
    store: secretStoreFor(flags.secretsDir, io.aws),
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
