import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lambdas/core/report/build-history.js';
import { daysAgo, NOW } from '../core/make-client.js';

/** The morning after the night run: the undo's record sorts after the disable it reverses. */
const MORNING = { now: new Date(NOW.getTime() + 6 * 3_600_000) };
import { cli, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { storedClient } from './tenant-clients.js';

/** `enable`: the undo of last night's disable, checked against the archive and recorded in it. */
const STALE = 'e2e24000000000000000000000000001';
const BY_HAND = 'e2e24000000000000000000000000002';
const BUSY = 'e2e24000000000000000000000000003';

async function tenantAfterOneNight() {
  const clients = [
    ...Array.from({ length: 6 }, (_, i) => storedClient({ id: `e2e2400000000000000000000000a00${i}`, name: `busy-${i}` })),
    storedClient({ id: BUSY, name: 'payroll' }),
    storedClient({ id: STALE, name: 'old-export', lastUsed: daysAgo(120), modified: daysAgo(120) }),
    // Disabled by a person, recently (no janitor rule touches it for weeks).
    storedClient({ id: BY_HAND, name: 'quarantined', enabled: false, lastUsed: daysAgo(3), modified: daysAgo(1) }),
  ];
  const tenant = await startTenant({ clients });
  const archive = await scratchDir();
  const night = await cli(['run', '--policy', await policyFile({ mode: 'enforce' }), '--archive-dir', archive], tenant.env);
  expect(night.code).toBe(0);
  expect(tenant.sandbox.state.get(STALE)?.enabled).toBe(false);
  return { ...tenant, archive };
}

describe('janitor enable', () => {
  it("re-enables a client the janitor disabled, with the operator's reason, and history shows the undo", async () => {
    const { sandbox, env, archive } = await tenantAfterOneNight();

    const result = await cli(['enable', '--client', STALE, '--reason', 'quarter-end export still needs it', '--archive-dir', archive], env, MORNING);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Client ${STALE} (old-export) re-enabled in`);
    expect(result.stdout).toContain('last used 120 days ago: if it stays unused past the policy\'s limit, the next run disables it again');
    expect(result.stdout).toMatch(/Recorded in the evidence archive: .*reports\/tenant=/);
    expect(sandbox.state.get(STALE)?.enabled).toBe(true);
    const patches = sandbox.requests.filter((request) => request.method === 'PATCH');
    expect(patches).toHaveLength(2); // last night's disable, this undo

    const json = await reportFile();
    await cli(['history', '--client', STALE, '--archive-dir', archive, '--json', json.path], {});
    const entries = JSON.parse(await json.text()) as HistoryEntry[];
    expect(entries.map((entry) => [entry.action, entry.outcome])).toEqual([
      ['disable', 'done'],
      ['enable', 'done'],
    ]);
    expect(entries[1]?.reason).toMatch(/^re-enabled by .+@.+: quarter-end export still needs it$/);
  });

  it('refuses (exit 2, nothing sent) a client someone else disabled, and does it with --force, recorded as forced', async () => {
    const { sandbox, env, archive } = await tenantAfterOneNight();
    const before = sandbox.mutatingRequests().length;

    const refused = await cli(['enable', '--client', BY_HAND, '--archive-dir', archive], env);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the archive holds no disable of client ${BY_HAND} by the janitor`);
    expect(refused.stderr).toContain('--force');
    expect(sandbox.mutatingRequests()).toHaveLength(before);
    expect(sandbox.state.get(BY_HAND)?.enabled).toBe(false);

    const forced = await cli(['enable', '--client', BY_HAND, '--force', '--reason', 'incident closed', '--archive-dir', archive], env);
    expect(forced.code).toBe(0);
    expect(sandbox.state.get(BY_HAND)?.enabled).toBe(true);
    const json = await reportFile();
    await cli(['history', '--client', BY_HAND, '--archive-dir', archive, '--json', json.path], {});
    expect((JSON.parse(await json.text()) as HistoryEntry[]).map((entry) => entry.reason)).toEqual([expect.stringMatching(/: incident closed \(--force\)$/)]);
  });

  it('asks for --force when there is no archive to ask who disabled it', async () => {
    const { sandbox, env } = await tenantAfterOneNight();

    const result = await cli(['enable', '--client', STALE], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no evidence archive to show the janitor disabled client');
    expect(sandbox.state.get(STALE)?.enabled).toBe(false);
  });

  it('changes nothing for a client that is already enabled, and names an unknown client', async () => {
    const { sandbox, env, archive } = await tenantAfterOneNight();
    const before = sandbox.mutatingRequests().length;

    const enabled = await cli(['enable', '--client', BUSY, '--archive-dir', archive], env);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toBe(`Client ${BUSY} (payroll) is already enabled; nothing was changed.\n`);

    const unknown = await cli(['enable', '--client', 'e2e24000000000000000000000000fff', '--archive-dir', archive], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/404/);
    expect(sandbox.mutatingRequests()).toHaveLength(before);
  });

  it('is a usage error without --client', async () => {
    const result = await cli(['enable'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('enable needs --client ID');
  });
});
