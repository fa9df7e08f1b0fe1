import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { daysAgo } from '../core/make-client.js';
import { policyFile, reportFile, startTenant } from './cli-harness.js';
import { SECRET, SELF_ID, storedClient } from './tenant-clients.js';

/**
 * The real entry point in a child process, as `npm run janitor` runs it (tsx, then node), against
 * a sandbox in this process whose disables take a while; signalled mid-run as a terminal or a
 * scheduler would. The child reads the real clock, so the tenant's dates are relative to it.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const STALE = 12;

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(argv: readonly string[], env: Record<string, string>) {
  // Its own process group, so a test can signal the group as a terminal's Ctrl-C does.
  const child = spawn(TSX, ['bin/janitor.ts', ...argv], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const finished = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, finished };
}

async function staleTenant(): Promise<{ sandbox: Sandbox; env: Record<string, string> }> {
  const now = new Date();
  const clients = Array.from({ length: STALE }, (_, index) =>
    storedClient({ id: `e2e3000000000000000000000000${String(index).padStart(4, '0')}`, name: `stale-${index}`, lastUsed: daysAgo(120, now), created: daysAgo(400, now) }),
  );
  clients.push(storedClient({ id: SELF_ID, name: 'isc-oauth-janitor', lastUsed: daysAgo(1, now), created: daysAgo(400, now) }));
  const tenant = await startTenant({ now: () => new Date(), clients });
  tenant.sandbox.faults.setLatency('patch', 400);
  return tenant;
}

async function firstMutation(sandbox: Sandbox, finished: Promise<Finished>): Promise<void> {
  let done = false;
  void finished.then(() => (done = true));
  while (sandbox.mutatingRequests().length === 0 && !done) await new Promise((resolve) => setTimeout(resolve, 5));
}

const POLICY = { mode: 'enforce', limits: { maxActions: 100, maxFraction: 1 } };

describe('bin/janitor.ts interrupted as a process', () => {
  it('SIGTERM mid-run: exit 143, the report on stdout and in --json, every applied change reported done', async () => {
    const { sandbox, env } = await staleTenant();
    const json = await reportFile();
    const { child, finished } = start(['run', '--policy', await policyFile(POLICY), '--json', json.path], env);

    await firstMutation(sandbox, finished);
    child.kill('SIGTERM');
    const result = await finished;

    expect(result.code).toBe(143);
    expect(result.stdout).toContain('Outcome: INTERRUPTED');
    const report = JSON.parse(await json.text()) as RunReport;
    expect(report.outcome).toBe('interrupted');
    const applied = sandbox.state.all().filter((client) => !client.enabled).map((client) => client.id).sort();
    const done = report.actions.filter((a) => a.outcome === 'done').map((a) => a.clientId).sort();
    expect(applied.length).toBeGreaterThan(0);
    expect(done).toEqual(applied);
    expect(report.actions.filter((a) => a.outcome === 'not-attempted').every((a) => a.detail === 'interrupted')).toBe(true);
    expect(report.actions.filter((a) => a.outcome === 'not-attempted').length).toBe(STALE - applied.length);
    expect(new Set(sandbox.mutatingRequests().map((r) => r.path.split('/').pop())).size).toBe(applied.length);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('Ctrl-C on the whole process group, three times: exit 130 after the same complete report', async () => {
    const { sandbox, env } = await staleTenant();
    const json = await reportFile();
    const { child, finished } = start(['run', '--policy', await policyFile(POLICY), '--json', json.path], env);

    await firstMutation(sandbox, finished);
    for (let i = 0; i < 3; i += 1) process.kill(-(child.pid as number), 'SIGINT');
    const result = await finished;

    expect(result.code).toBe(130);
    const report = JSON.parse(await json.text()) as RunReport;
    const applied = sandbox.state.all().filter((client) => !client.enabled).map((client) => client.id).sort();
    expect(report.actions.filter((a) => a.outcome === 'done').map((a) => a.clientId).sort()).toEqual(applied);
    expect(report.actions.filter((a) => a.outcome === 'failed')).toEqual([]);
    expect(result.stdout).toContain('Outcome: INTERRUPTED');
  });
});
