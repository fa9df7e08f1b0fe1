import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { SignalSource } from '../../bin/cli/watch-interrupts.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { cli, policyFile, reportFile, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, EXPECTED } from './tenant-clients.js';

/** Resolves once the sandbox has seen `count` mutating requests (polled: the sandbox has no events). */
async function mutations(sandbox: Sandbox, count: number): Promise<void> {
  while (sandbox.mutatingRequests().length < count) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** The ids the sandbox shows as disabled now that were enabled in the tenant as built. */
function disabledIn(sandbox: Sandbox): string[] {
  return EXPECTED.disabled.filter((id) => sandbox.state.get(id)?.enabled === false);
}

describe('janitor interrupted by a signal', () => {
  it('SIGTERM: finishes the actions in flight, starts none, prints and writes the report, exits 143', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.setLatency('patch', 300);
    const signals = new EventEmitter();
    const json = await reportFile();

    const running = cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env, { signals: signals as SignalSource });
    await mutations(sandbox, EXPECTED.disabled.length); // both disables are in flight
    signals.emit('SIGTERM');
    const result = await running;

    expect(result.code).toBe(143);
    const report = await json.read();
    expect(report.outcome).toBe('interrupted');
    expect(report.actions.map((a) => [a.action, a.clientId, a.outcome, a.detail])).toEqual([
      ...EXPECTED.disabled.map((id) => ['disable', id, 'done', undefined]),
      ['delete', EXPECTED.deleted[0], 'not-attempted', 'interrupted'],
    ]);
    // Every change the sandbox shows is a `done` in the report, and nothing else was sent.
    expect(disabledIn(sandbox)).toEqual(report.actions.filter((a) => a.outcome === 'done').map((a) => a.clientId));
    expect(sandbox.mutatingRequests().map((r) => r.method)).toEqual(['PATCH', 'PATCH']);
    expect(report.warnings).toContain('the run was interrupted by SIGTERM: 1 action(s) were not started; the next run will pick them up');
    expect(result.stdout).toContain('Outcome: INTERRUPTED');
    expect(result.stderr).toContain('[warning] SIGTERM: starting no more actions');
  });

  it('a repeated SIGINT neither cuts the wait short nor skips the report; exit 130', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.setLatency('patch', 300);
    const signals = new EventEmitter();
    const json = await reportFile();

    const running = cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env, { signals: signals as SignalSource });
    await mutations(sandbox, EXPECTED.disabled.length);
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    const result = await running;

    expect(result.code).toBe(130);
    const report = await json.read();
    expect(report.actions.filter((a) => a.outcome === 'done').map((a) => a.clientId)).toEqual(EXPECTED.disabled);
    expect(report.actions.filter((a) => a.outcome === 'failed')).toEqual([]);
    expect(result.stderr.match(/SIGINT again: already stopping/g)).toHaveLength(2);
  });

  it('abandons what is still in flight once the grace period is over, and says it may have taken effect', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(10, { route: 'patch' }, { kind: 'stall' });
    const signals = new EventEmitter();
    const json = await reportFile();

    const running = cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env, {
      signals: signals as SignalSource,
      interruptGraceMs: 50,
    });
    await mutations(sandbox, EXPECTED.disabled.length);
    signals.emit('SIGINT');
    const result = await running;

    expect(result.code).toBe(130);
    const report = await json.read();
    expect(report.outcome).toBe('interrupted');
    const disables = report.actions.filter((a) => a.action === 'disable');
    expect(disables.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    for (const action of disables) expect(action.error?.message).toContain('interrupted by SIGINT, and still in flight 0.05 s later, so it was abandoned');
    expect(report.actions.find((a) => a.action === 'delete')).toMatchObject({ outcome: 'not-attempted', detail: 'interrupted' });
  });

  it('interrupted before the tenant was evaluated: the report says so, exit 143', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(3, { route: 'list' }, { kind: 'stall' });
    const signals = new EventEmitter();
    const json = await reportFile();

    const running = cli(['plan', '--json', json.path], env, { signals: signals as SignalSource, interruptGraceMs: 20 });
    while (!sandbox.requests.some((r) => r.route === 'list')) await new Promise((resolve) => setTimeout(resolve, 2));
    signals.emit('SIGTERM');
    const result = await running;

    expect(result.code).toBe(143);
    const report = await json.read();
    expect(report).toMatchObject({ outcome: 'interrupted', actions: [] });
    expect(report.failedReason).toContain('interrupted by SIGTERM');
    expect(result.stdout).toContain('Outcome: INTERRUPTED before the tenant was evaluated');
  });
});
