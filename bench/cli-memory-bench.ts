import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LAMBDA_NODE_OPTIONS } from '../lib/lambda-node-options.js';
import { DEFAULT_JANITOR_MEMORY_MB, maxResponseMbFor } from '../lib/stack-context.js';
import { startSandbox } from '../sandbox/start-sandbox.js';
import { staleTenant } from '../sandbox/seed-tenant.js';
import { bundleLikeStack } from './bundle-like-stack.js';
import type { CliMemoryRun } from './cli-memory-worker.js';

export interface CliMemoryFigures extends CliMemoryRun {
  readonly clients: number;
  /** The Lambda's configured memory (cdk.json janitorMemoryMb, else the default): the ceiling. */
  readonly lambdaMemoryMb: number;
  /** The cap the run was given: what the stack gives a function of that memory. */
  readonly maxResponseMb: number;
}

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The janitor function's memory as this checkout would deploy it. */
export function configuredLambdaMemoryMb(): number {
  const cdk = JSON.parse(readFileSync(path('../cdk.json'), 'utf8')) as { context?: { janitorMemoryMb?: number | string } };
  const configured = Number(cdk.context?.janitorMemoryMb ?? DEFAULT_JANITOR_MEMORY_MB);
  return Number.isFinite(configured) ? configured : DEFAULT_JANITOR_MEMORY_MB;
}

/**
 * Peak memory of a whole tenant run through the CLI (`plan`: connect, list with the server
 * filters, evaluate, report): a sandbox tenant of `clients` clients, the CLI bundled like the
 * functions and run in a fresh plain-Node process with their NODE_OPTIONS and the response cap
 * the stack would set, so the figure is comparable with the Lambda's configured memory.
 */
export async function runCliMemoryBench(clients: number): Promise<CliMemoryFigures> {
  const lambdaMemoryMb = configuredLambdaMemoryMb();
  const maxResponseMb = maxResponseMbFor(lambdaMemoryMb);
  const { file } = await bundleLikeStack(path('./cli-memory-worker.ts'), path('./out/cli-memory/worker.mjs'), { externalAwsSdk: true });
  const sandbox = await startSandbox({ clients: staleTenant({ count: clients, seed: 7 }), rateLimit: false });
  try {
    const arg = { baseUrl: sandbox.url, ...sandbox.credentials, maxResponseMb };
    const run = await new Promise<CliMemoryRun>((resolve, reject) => {
      execFile(process.execPath, [...LAMBDA_NODE_OPTIONS.split(' '), file, JSON.stringify(arg)], { timeout: 10 * 60_000 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`cli memory worker failed: ${error.message}\n${stderr.slice(-1000)}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as CliMemoryRun);
      });
    });
    return { clients, lambdaMemoryMb, maxResponseMb, ...run };
  } finally {
    await sandbox.close();
  }
}
