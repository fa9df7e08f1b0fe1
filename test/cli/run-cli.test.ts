import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../bin/cli/cli-commands.js';
import { USAGE } from '../../bin/cli/cli-usage.js';
import { cli, startTenant } from '../e2e/cli-harness.js';

describe('runCli', () => {
  it('prints the overview and exits 0 without a command', async () => {
    const result = await cli([], {});

    expect(result).toEqual({ code: 0, stdout: `${USAGE.main}\n`, stderr: '' });
  });

  it.each(COMMANDS)('prints the help of %s and runs nothing', async (command) => {
    const result = await cli([command, '--help'], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${USAGE[command]}\n`);
  });

  it('exits 2 for create-client with a request file that does not exist', async () => {
    const result = await cli(['create-client', '--file', 'no-such-request.json'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read --file no-such-request.json: ENOENT');
  });

  it('exits 1 when the run itself fails (ISC answers HTML instead of the client list)', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(10, { route: 'list' }, { kind: 'html' });

    const result = await cli(['plan'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: the run failed: ISC returned a non-JSON response/);
    // Still a report, which says the run failed before it could evaluate anything.
    expect(result.stdout).toContain('Outcome: FAILED before the tenant was evaluated: ISC returned a non-JSON response');
    expect(result.stdout).toContain('No client was evaluated and nothing was changed.');
    expect(sandbox.mutatingRequests()).toEqual([]);
  });
});
