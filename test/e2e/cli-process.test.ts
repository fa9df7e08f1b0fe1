import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysAgo } from '../core/make-client.js';
import { policyFile, startTenant } from './cli-harness.js';
import { SECRET, SELF_ID, storedClient } from './tenant-clients.js';

/**
 * Black-box: the real entry point in a child process (what `npm run janitor --` runs), talking to
 * a sandbox in this process over HTTP. The child reads the real clock, so the tenant's dates are
 * relative to the real time and far from every threshold.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function janitor(argv: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Asynchronous on purpose: the sandbox answering the child lives in this event loop.
    execFile(TSX, ['bin/janitor.ts', ...argv], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

describe('bin/janitor.ts as a process', () => {
  it('plan against a sandbox: exit 0, the report on stdout, nothing changed, no secret', async () => {
    const now = new Date();
    const { sandbox, env } = await startTenant({
      now: () => new Date(),
      clients: [
        storedClient({ id: 'e2e200000000000000000000000000a1', name: 'busy', lastUsed: daysAgo(1, now), created: daysAgo(400, now) }),
        storedClient({ id: 'e2e200000000000000000000000000a2', name: 'busy-too', lastUsed: daysAgo(2, now), created: daysAgo(400, now) }),
        storedClient({ id: 'e2e200000000000000000000000000a3', name: 'busy-three', lastUsed: daysAgo(3, now), created: daysAgo(400, now) }),
        storedClient({ id: 'e2e200000000000000000000000000b1', name: 'forgotten', lastUsed: daysAgo(200, now), created: daysAgo(400, now) }),
        storedClient({ id: SELF_ID, name: 'isc-oauth-janitor', lastUsed: daysAgo(1, now), created: daysAgo(400, now) }),
      ],
    });

    const result = await janitor(['plan', '--policy', await policyFile({ mode: 'enforce' }), '--tenant', 'acme'], env);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OAuth client cleanup for tenant acme');
    expect(result.stdout).toContain('REPORT ONLY: nothing was changed');
    expect(result.stdout).toMatch(/Would disable: 1\n/);
    expect(result.stdout).toContain('e2e200000000000000000000000000b1');
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('--help: exit 0 with the usage of the command', async () => {
    const result = await janitor(['run', '--help'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run janitor -- run [flags]');
    expect(result.stdout).toContain('--dry-run');
  });

  it('bad usage: exit 2 with the problem on stderr', async () => {
    const result = await janitor(['plan', '--no-such-flag'], {});

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: unknown flag --no-such-flag for "plan".\n"npm run janitor -- plan --help" lists its flags.\n');
  });
});
