import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysAgo } from '../core/make-client.js';
import { cli, mutatedIds, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, IDS, SELF_ID, storedClient, tenantClients } from './tenant-clients.js';

/** One disable (the only PATCH of the run) and two deletes, so a PATCH fault can only hit one client. */
function oneDisableTwoDeletes() {
  const active = Array.from({ length: 9 }, (_, i) => storedClient({ id: `e2e1000000000000000000000000000${i}`, name: `active-${i}` }));
  return [
    ...active,
    storedClient({ id: 'e2e100000000000000000000000000d1', name: 'stale-connector', lastUsed: daysAgo(120) }),
    storedClient({ id: 'e2e100000000000000000000000000e1', name: 'retired-1', enabled: false, lastUsed: daysAgo(400), modified: daysAgo(60) }),
    storedClient({ id: 'e2e100000000000000000000000000e2', name: 'retired-2', enabled: false, lastUsed: daysAgo(400), modified: daysAgo(60) }),
    storedClient({ id: SELF_ID, name: 'isc-oauth-janitor' }),
  ];
}

describe('janitor run when actions fail', () => {
  it('exits 1 when 500s exhaust the retries of one PATCH; the other actions are done', async () => {
    const { sandbox, env } = await startTenant({ clients: oneDisableTwoDeletes() });
    // 4 attempts (FAST_RETRIES), every one answered 500.
    sandbox.faults.failNext(4, { route: 'patch', method: 'PATCH' }, { kind: 'status', status: 500 });
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile({ mode: 'enforce' }), '--json', json.path], env);

    expect(result.code).toBe(1);
    const patches = sandbox.mutatingRequests().filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.status, r.fault])).toEqual(Array.from({ length: 4 }, () => [500, 'status:500']));
    expect(sandbox.state.get('e2e100000000000000000000000000d1')?.enabled).toBe(true);
    expect(sandbox.state.has('e2e100000000000000000000000000e1')).toBe(false);
    expect(sandbox.state.has('e2e100000000000000000000000000e2')).toBe(false);

    const report = await json.read();
    expect(report.outcome).toBe('failed');
    expect(report.counts).toMatchObject({ failed: 1, deleted: 2, disabled: 0 });
    const failed = report.actions.find((a) => a.outcome === 'failed');
    expect(failed).toMatchObject({ clientId: 'e2e100000000000000000000000000d1', action: 'disable', error: { status: 500 } });
    expect(failed?.error?.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.stdout).toContain('FAILED: 1 action failed');
    expect(result.stdout).toContain(failed?.error?.trackingId);
  });
});

describe('janitor run blocked by the guard', () => {
  it('exits 3 with zero mutations when the plan is over limits.maxActions', async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const policy = { ...ENFORCE_POLICY, limits: { maxActions: 2, maxFraction: 1 } };
    const result = await cli(['run', '--policy', await policyFile(policy), '--json', json.path], env);

    expect(result.code).toBe(3);
    expect(sandbox.mutatingRequests()).toEqual([]);
    const report = await json.read();
    expect(report.outcome).toBe('blocked');
    expect(report.blockedReason).toBe('the plan would change 3 of 14 clients (21.43%), over limits.maxActions 2; nothing was changed');
    expect(report.actions.map((a) => a.outcome)).toEqual(['not-attempted', 'not-attempted', 'not-attempted']);
    expect(result.stdout).toContain('BLOCKED by the safety limit');
  });

  it('prints and writes every not-attempted action of a big blocked plan: plan, --json and the archive hold the whole plan', async () => {
    const stale = Array.from({ length: 1_500 }, (_, i) => storedClient({ id: `e2e5${String(i).padStart(28, '0')}`, name: `stale-${i}`, lastUsed: daysAgo(120) }));
    const { sandbox, env } = await startTenant({ clients: [...tenantClients(), ...stale] });
    const json = await reportFile();

    const archive = join(await scratchDir(), 'evidence');
    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path, '--archive-dir', archive], env);

    expect(result.code).toBe(3);
    expect(sandbox.mutatingRequests()).toEqual([]);
    const report = await json.read();
    expect(report.counts.notAttempted).toBe(1_503);
    expect(report.actions).toHaveLength(1_503);
    expect(report).not.toHaveProperty('actionsOmitted');
    expect(result.stdout).not.toContain('not listed');
    expect(result.stdout.match(/^ {2}(disable|delete) +not-attempted /gm)).toHaveLength(1_503);
    const [lines] = (await readdir(join(archive, 'actions'), { recursive: true })).filter((name) => name.endsWith('.ndjson'));
    expect((await readFile(join(archive, 'actions', lines!), 'utf8')).trimEnd().split('\n')).toHaveLength(1_503);

    const plan = await cli(['plan', '--policy', await policyFile(ENFORCE_POLICY)], env);
    expect(plan.code).toBe(3);
    expect(plan.stdout.match(/^ {2}(disable|delete) +not-attempted /gm)).toHaveLength(1_503);
  });

  it('exits 3 with zero mutations when the plan is over limits.maxFraction', async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const policy = { ...ENFORCE_POLICY, limits: { maxActions: 50, maxFraction: 0.2 } };
    const result = await cli(['run', '--policy', await policyFile(policy), '--json', json.path], env);

    expect(result.code).toBe(3);
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect((await json.read()).blockedReason).toContain('over limits.maxFraction 0.2 (20%)');
    expect(sandbox.state.all()).toEqual(tenantClients());
  });

  it('lets the same plan through exactly at the limit (3 actions, maxActions 3)', async () => {
    const { sandbox, env } = await startTenant();

    const policy = { ...ENFORCE_POLICY, limits: { maxActions: 3, maxFraction: 3 / 14 } };
    const result = await cli(['run', '--policy', await policyFile(policy)], env);

    expect(result.code).toBe(0);
    expect([...mutatedIds(sandbox, 'PATCH'), ...mutatedIds(sandbox, 'DELETE')]).toHaveLength(3);
    expect(sandbox.state.has(IDS.disabledOld)).toBe(false);
  });
});
