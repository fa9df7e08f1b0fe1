import { describe, expect, it } from 'vitest';
import { cli, policyFile, reportFile, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, EXPECTED } from './tenant-clients.js';

/** --max-run-time: no action starts after the deadline, requests in flight end at it, the report still comes. */
describe('janitor --max-run-time', () => {
  // One second: listing this small tenant takes milliseconds even on a loaded machine, so the
  // deadline falls while the disables stall.
  it('aborts stalled actions at the deadline, starts none after it, and still prints and writes the report', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(10, { route: 'patch' }, { kind: 'stall' });
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--max-run-time', '1', '--json', json.path], env);

    expect(result.code).toBe(1);
    const report = await json.read();
    const reason = 'the run reached its time limit (--max-run-time 1 s)';
    expect(report.actions.map((a) => [a.action, a.clientId, a.outcome])).toEqual([
      ...EXPECTED.disabled.map((id) => ['disable', id, 'failed']),
      ['delete', EXPECTED.deleted[0], 'not-attempted'],
    ]);
    for (const action of report.actions.filter((a) => a.outcome === 'failed')) expect(action.error?.message).toContain(reason);
    expect(report.actions.at(-1)?.detail).toBe('the run ran out of time before this action');
    expect(sandbox.mutatingRequests().map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
    expect(sandbox.state.all().filter((client) => !client.enabled).map((client) => client.id)).not.toContain(EXPECTED.disabled[0]);
    expect(result.stdout).toContain('OAuth client cleanup for tenant');
  });

  it('stops a listing that never ends: exit 1 naming the limit', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(3, { route: 'list' }, { kind: 'stall' });

    const json = await reportFile();

    const result = await cli(['plan', '--max-run-time', '0.2', '--json', json.path], env);

    const reason = 'GET /v3/oauth-clients failed: the run reached its time limit (--max-run-time 0.2 s)';
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(reason);
    expect(result.stdout).toContain(`Outcome: FAILED before the tenant was evaluated: ${reason}`);
    expect(await json.read()).toMatchObject({ outcome: 'failed', failedReason: reason, actions: [] });
  });
});
