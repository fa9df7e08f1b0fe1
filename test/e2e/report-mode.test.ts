import { describe, expect, it } from 'vitest';
import { cli, policyFile, reportFile, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY, EXPECTED, IDS } from './tenant-clients.js';

/** Report mode, however it is reached, must never send a POST, PATCH or DELETE. */
describe('janitor plan / run in report mode', () => {
  it('plan with an enforce policy sends zero mutating requests and lists the planned actions', async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const result = await cli(['plan', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(result.stdout).toContain('REPORT ONLY: nothing was changed');
    const report = await json.read();
    expect(report.mode).toBe('report');
    expect(report.outcome).toBe('ok');
    expect(report.actions.every((action) => action.outcome === 'planned')).toBe(true);
    expect(report.actions.filter((a) => a.action === 'disable').map((a) => a.clientId).sort()).toEqual(EXPECTED.disabled);
    expect(report.actions.filter((a) => a.action === 'delete').map((a) => a.clientId)).toEqual(EXPECTED.deleted);
    // The requests really happened: the report is not built from nothing.
    expect(sandbox.requests.filter((request) => request.route === 'list')).toHaveLength(3);
  });

  it('run with a report-mode policy sends zero mutating requests', async () => {
    const { sandbox, env } = await startTenant();

    const result = await cli(['run', '--policy', await policyFile({ ...ENFORCE_POLICY, mode: 'report' })], env);

    expect(result.code).toBe(0);
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(result.stdout).toMatch(/Would disable: 2\n/);
    expect(result.stdout).toMatch(/Would delete: 1\n/);
  });

  it('run --dry-run with an enforce policy sends zero mutating requests', async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const result = await cli(['run', '--dry-run', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    expect(sandbox.mutatingRequests()).toEqual([]);
    const report = await json.read();
    expect(report.mode).toBe('report');
    expect(report.counts).toMatchObject({ total: 14, stale: 3, disabled: 2, deleted: 1, failed: 0 });
    expect(sandbox.state.get(IDS.day90)?.enabled).toBe(true);
    expect(sandbox.state.has(IDS.disabledOld)).toBe(true);
  });

  it('run without --policy uses the default report mode and changes nothing', async () => {
    const { sandbox, env } = await startTenant();

    const result = await cli(['run'], env);

    // The default policy has no exemptions: 5 of 14 clients are stale, over the 25% guard.
    expect(result.code).toBe(3);
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(result.stdout).toContain('REPORT ONLY');
  });

  it('labels the report with --tenant, or with the base URL host by default', async () => {
    const { env } = await startTenant();
    const policy = await policyFile(ENFORCE_POLICY);
    const named = await reportFile();
    const unnamed = await reportFile();

    await cli(['plan', '--policy', policy, '--tenant', 'acme-prod', '--json', named.path], env);
    await cli(['plan', '--policy', policy, '--json', unnamed.path], env);

    expect((await named.read()).tenant).toBe('acme-prod');
    expect((await unnamed.read()).tenant).toBe('127.0.0.1');
  });
});
