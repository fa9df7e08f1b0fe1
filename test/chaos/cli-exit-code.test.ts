import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../bin/cli/run-cli.js';
import { startSandbox, type Fault, type FaultMatch, type Sandbox } from '../../sandbox/start-sandbox.js';
import { findSecretLeaks } from './find-secret-leaks.js';
import { CHAOS_NOW } from './run-chaos-scenario.js';

/**
 * Invariant 5 end to end: through the real CLI, a failed action means exit 1, and nothing the
 * CLI prints holds a secret. Faults here are ones the client does not retry (the CLI's retry
 * delays are production-sized), so each case costs milliseconds.
 */
let dir: string;
let sb: Sandbox;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaos-cli-'));
  await writeFile(join(dir, 'policy.json'), JSON.stringify({ mode: 'enforce', limits: { maxActions: 1000, maxFraction: 1 } }));
});
afterEach(async () => {
  await sb.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(argv: string[], fault?: { match: FaultMatch; fault: Fault }) {
  sb = await startSandbox({ now: () => CHAOS_NOW, seed: { count: 40, seed: 11, now: CHAOS_NOW } });
  if (fault) sb.faults.failNext(1, fault.match, fault.fault);
  let out = '';
  const io = {
    env: { SAIL_BASE_URL: sb.url, SAIL_CLIENT_ID: sb.credentials.clientId, SAIL_CLIENT_SECRET: sb.credentials.clientSecret },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (out += text), isTTY: true },
    now: () => CHAOS_NOW,
  };
  const code = await runCli([...argv, '--policy', join(dir, 'policy.json')], io);
  expect(findSecretLeaks([out], [sb.credentials.clientSecret])).toEqual([]);
  return { code, out, mutating: sb.mutatingRequests().length };
}

describe('runCli under faults', () => {
  it('exits 0 after a clean enforce run that changed clients', async () => {
    const { code, mutating } = await cli(['run']);
    expect(code).toBe(0);
    expect(mutating).toBeGreaterThan(0);
  });

  it('exits 1 when a disable gets an HTML page instead of the client', async () => {
    const { code, out } = await cli(['run'], { match: { route: 'patch' }, fault: { kind: 'html' } });
    expect(code).toBe(1);
    expect(out).toMatch(/failed/i);
  });

  it('exits 1 when a delete is answered 200 with a maintenance page (never confirmed)', async () => {
    const { code } = await cli(['run'], { match: { route: 'delete' }, fault: { kind: 'html' } });
    expect(code).toBe(1);
  });

  it('exits 1 when a disable is refused with 403', async () => {
    const { code } = await cli(['run'], { match: { route: 'patch' }, fault: { kind: 'status', status: 403 } });
    expect(code).toBe(1);
  });

  it('exits 1, changing nothing, when the list is cut off', async () => {
    const { code, mutating } = await cli(['run'], { match: { route: 'list' }, fault: { kind: 'truncated' } });
    expect(code).toBe(1);
    expect(mutating).toBe(0);
  });

  it('plan sends no mutating request even with an enforce policy file', async () => {
    const { code, mutating } = await cli(['plan']);
    expect(code).toBe(0);
    expect(mutating).toBe(0);
  });
});
