import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CliIo } from '../../bin/cli/cli-io.js';
import { runCli } from '../../bin/cli/run-cli.js';
import type { PolicyInput } from '../../lambdas/core/model/policy.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/start-sandbox.js';
import { NOW } from '../core/make-client.js';
import { SECRET, SELF_ID, tenantClients } from './tenant-clients.js';

/**
 * The end-to-end harness: a sandbox tenant on 127.0.0.1 with a fixed clock, the CLI run
 * in-process against it over real HTTP with the same fixed clock, and scratch directories for
 * policy and report files. Everything opened here is closed after each test.
 */

const sandboxes: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Retries wait milliseconds, not the production seconds: a 500 storm stays a fast test. */
export const FAST_RETRIES = { retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 } } as const;

export interface Tenant {
  readonly sandbox: Sandbox;
  /** SAIL_* variables pointing at the sandbox with the janitor's PAT. */
  readonly env: Record<string, string>;
}

/** The hand-built tenant of tenant-clients.ts (or `clients`), served with the clock fixed at NOW. */
export async function startTenant(options: SandboxOptions = {}): Promise<Tenant> {
  const sandbox = await startSandbox({
    now: () => NOW,
    clients: tenantClients(),
    credentials: { clientId: SELF_ID, clientSecret: SECRET },
    ...options,
  });
  sandboxes.push(sandbox);
  const env = { SAIL_BASE_URL: sandbox.url, SAIL_CLIENT_ID: sandbox.credentials.clientId, SAIL_CLIENT_SECRET: sandbox.credentials.clientSecret };
  return { sandbox, env };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `janitor <argv>` in-process: fixed clock (NOW unless given), fast retries, output captured. */
export async function cli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  options: { tty?: boolean; iscClient?: CliIo['iscClient']; now?: Date; signals?: CliIo['signals']; interruptGraceMs?: number; aws?: CliIo['aws'] } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    now: () => options.now ?? NOW,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    iscClient: options.iscClient ?? FAST_RETRIES,
    ...(options.signals ? { signals: options.signals } : {}),
    ...(options.interruptGraceMs === undefined ? {} : { interruptGraceMs: options.interruptGraceMs }),
    ...(options.aws ? { aws: options.aws } : {}),
  });
  return { code, stdout, stderr };
}

/** A fresh scratch directory, removed after the test. */
export async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'janitor-e2e-'));
  dirs.push(dir);
  return dir;
}

/**
 * Writes a policy file and returns its path. Any value is accepted (tests write invalid policies
 * on purpose); a string is written as is (for broken JSON).
 */
export async function policyFile(policy: PolicyInput | string | object): Promise<string> {
  const path = join(await scratchDir(), 'policy.json');
  await writeFile(path, typeof policy === 'string' ? policy : JSON.stringify(policy), 'utf8');
  return path;
}

/** A path for `--json` and a reader for what the CLI wrote there. */
export async function reportFile(): Promise<{ path: string; read: () => Promise<RunReport>; text: () => Promise<string> }> {
  const path = join(await scratchDir(), 'report.json');
  const text = () => readFile(path, 'utf8');
  return { path, text, read: async () => JSON.parse(await text()) as RunReport };
}

/** Distinct client ids that mutating requests of `method` targeted (retries counted once), sorted. */
export function mutatedIds(sandbox: Sandbox, method: 'PATCH' | 'DELETE' | 'POST'): string[] {
  const ids = sandbox
    .mutatingRequests()
    .filter((request) => request.method === method)
    .map((request) => request.path.split('/').pop() ?? '');
  return [...new Set(ids)].sort();
}
