import { describe, expect, it } from 'vitest';
import { daysAgo, NOW } from '../core/make-client.js';
import { cli, mutatedIds, policyFile, reportFile, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, EXPECTED, IDS, SECRET, SELF_ID, storedClient, tenantClients } from './tenant-clients.js';

describe('janitor run in enforce mode', () => {
  it('disables and deletes exactly the expected clients and the JSON report says so', async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(EXPECTED.disabled);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual(EXPECTED.deleted);
    expect(mutatedIds(sandbox, 'POST')).toEqual([]);
    for (const id of EXPECTED.disabled) expect(sandbox.state.get(id)?.enabled).toBe(false);
    expect(sandbox.state.has(IDS.disabledOld)).toBe(false);
    // Everything else is exactly as it was.
    const touched = new Set<string>([...EXPECTED.disabled, ...EXPECTED.deleted]);
    for (const before of tenantClients().filter((client) => !touched.has(client.id))) {
      expect(sandbox.state.get(before.id)).toEqual(before);
    }

    const report = await json.read();
    expect(report).toMatchObject({ mode: 'enforce', outcome: 'ok', tenant: '127.0.0.1' });
    expect(report.counts).toMatchObject({ total: 14, stale: 3, disabled: 2, deleted: 1, failed: 0, notAttempted: 0, exempt: 4 });
    expect(report.actions.map((a) => [a.action, a.clientId, a.outcome])).toEqual([
      ...EXPECTED.disabled.map((id) => ['disable', id, 'done']),
      ['delete', IDS.disabledOld, 'done'],
    ]);
    expect(report.actions.find((a) => a.clientId === IDS.day90)?.reason).toBe('unused for 90 days (last used 2026-08-25), limit 90');
    expect(report.upcoming.map((u) => u.clientId)).toContain(IDS.day89);
    expect(result.stdout).toContain('ENFORCED');
    expect(result.stdout).toMatch(/ {2}Disabled: 2\n {2}Deleted: 1\n/);
  });

  it('never touches the exempt clients: internal, by name, by id and its own client', async () => {
    const { sandbox, env } = await startTenant();

    await cli(['run', '--policy', await policyFile(ENFORCE_POLICY)], env);

    const touched = [...mutatedIds(sandbox, 'PATCH'), ...mutatedIds(sandbox, 'DELETE')];
    for (const id of [IDS.internal, IDS.breakGlass, IDS.exemptById, SELF_ID]) expect(touched).not.toContain(id);
  });

  it('is idempotent: a second run right after sends no mutating request', async () => {
    const { sandbox, env } = await startTenant();
    const policy = await policyFile(ENFORCE_POLICY);
    const second = await reportFile();

    expect((await cli(['run', '--policy', policy], env)).code).toBe(0);
    const afterFirst = sandbox.mutatingRequests().length;
    const result = await cli(['run', '--policy', policy, '--json', second.path], env);

    expect(afterFirst).toBe(3);
    expect(result.code).toBe(0);
    expect(sandbox.mutatingRequests()).toHaveLength(afterFirst);
    const report = await second.read();
    expect(report.actions).toEqual([]);
    // The clients disabled by the first run stay disabled and now wait out the delete grace period.
    for (const id of EXPECTED.disabled) expect(sandbox.state.get(id)).toMatchObject({ enabled: false, modified: NOW.toISOString() });
  });

  it('does not delete the clients it disabled in the following days (delete grace period)', async () => {
    const { sandbox, env } = await startTenant();
    const policy = await policyFile(ENFORCE_POLICY);
    await cli(['run', '--policy', policy], env);
    const afterFirst = sandbox.mutatingRequests().length;

    for (const days of [1, 7, 13]) {
      const later = new Date(NOW.getTime() + days * 86_400_000);
      expect((await cli(['run', '--policy', policy], env, { now: later })).code).toBe(0);
    }

    const later = sandbox.mutatingRequests().slice(afterFirst);
    // New actions on other clients only: the 89-day client crosses its limit a day later, and the
    // client disabled 5 days before the first run leaves its grace period 9 days after it.
    expect(later.map((r) => `${r.method} ${r.path.split('/').pop()}`)).toEqual([`PATCH ${IDS.day89}`, `DELETE ${IDS.disabledInGrace}`]);
    for (const id of EXPECTED.disabled) expect(sandbox.state.get(id)?.enabled).toBe(false);
  });

  it('takes no wrong action when the server ignores filters and returns recently used clients', async () => {
    const recent = [
      storedClient({ id: 'e2e000000000000000000000000000f1', lastUsed: daysAgo(0) }),
      storedClient({ id: 'e2e000000000000000000000000000f2', lastUsed: daysAgo(2) }),
      storedClient({ id: 'e2e000000000000000000000000000f3', enabled: false, lastUsed: daysAgo(3), modified: daysAgo(100) }),
    ];
    const { sandbox, env } = await startTenant({ clients: [...tenantClients(), ...recent] });
    sandbox.faults.ignoreFilters(true);
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    // The filtered lists really came back unfiltered (all 17 clients each time).
    expect(sandbox.requests.filter((r) => r.route === 'list' && r.query.includes('filters'))).toHaveLength(2);
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(EXPECTED.disabled);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual(EXPECTED.deleted);
    for (const client of recent) expect(sandbox.state.get(client.id)).toEqual(client);
    expect((await json.read()).counts.total).toBe(17);
  });

  it('reports a delete answered 404 as skipped ("already gone"), not counted as deleted', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(1, { route: 'delete', method: 'DELETE' }, { kind: 'status', status: 404 });
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    const report = await json.read();
    expect(report.outcome).toBe('ok');
    expect(report.actions.find((a) => a.clientId === IDS.disabledOld)).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
    expect(report.counts.deleted).toBe(0);
  });

  it('keeps the PAT secret out of stdout, stderr (progress on a TTY) and the JSON report', async () => {
    const { sandbox, env } = await startTenant();
    sandbox.faults.failNext(1, { route: 'patch', method: 'PATCH' }, { kind: 'status', status: 500 });
    const json = await reportFile();

    const result = await cli(['run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env, { tty: true });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[info]'); // progress was printed, so the check below means something
    for (const text of [result.stdout, result.stderr, await json.text()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('access_token');
    }
  });
});
