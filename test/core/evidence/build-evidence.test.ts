import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../lambdas/core/evidence/build-evidence.js';
import type { ReportAction, RunReport } from '../../../lambdas/core/report/run-report.js';
import { sampleReport } from '../report/sample-report.js';

const ADA = { id: 'id-ada', name: 'Ada' };

function run(startedAt: string, mode: RunReport['mode'], actions: ReportAction[], overrides: Partial<RunReport> = {}) {
  const report: RunReport = { ...sampleReport(), reportId: `r-${startedAt}`, tenant: 'acme', mode, startedAt, actions, ...overrides };
  return { report, actions };
}

const action = (clientId: string, kind: ReportAction['action'], outcome: ReportAction['outcome'], owner?: typeof ADA): ReportAction => ({
  credential: owner ? 'personal-access-token' : 'oauth-client',
  clientId,
  name: clientId,
  action: kind,
  reason: 'why',
  outcome,
  ...(owner ? { owner } : {}),
});

describe('buildEvidence', () => {
  const runs = [
    run('2026-12-01T02:00:00.000Z', 'report', [action('c1', 'disable', 'planned')]),
    run('2026-11-30T02:00:00.000Z', 'enforce', [action('c1', 'disable', 'done'), action('t1', 'delete', 'failed', ADA)]),
    run('2026-12-02T02:00:00.000Z', 'enforce', [action('c2', 'delete', 'done'), action('t1', 'delete', 'done', ADA)]),
    run('2026-12-09T02:00:00.000Z', 'enforce', [action('c3', 'disable', 'done')]),
    run('2026-12-02T02:00:00.000Z', 'enforce', [action('x', 'disable', 'done')], { tenant: 'other', reportId: 'other' }),
  ];
  const data = buildEvidence({ tenant: 'acme', from: '2026-11-30', to: '2026-12-05', runs });

  it('keeps the runs of the tenant in range, oldest first', () => {
    expect(data.runs.map((item) => item.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('totals each month: runs, actions done by kind, planned, failed', () => {
    expect(data.months).toEqual([
      { month: '2026-11', runs: 1, enforceRuns: 1, done: { disable: 1, delete: 0, rotate: 0, enable: 0 }, planned: 0, failed: 1, heldBack: 0, announced: 1 },
      { month: '2026-12', runs: 2, enforceRuns: 1, done: { disable: 0, delete: 2, rotate: 0, enable: 0 }, planned: 1, failed: 0, heldBack: 0, announced: 1 },
    ]);
  });

  it('counts the done actions of every day in range, days without runs as zero', () => {
    expect(data.days.map((day) => `${day.date} ${day.disable}/${day.delete}/${day.rotate}`)).toEqual([
      '2026-11-30 1/0/0',
      '2026-12-01 0/0/0',
      '2026-12-02 0/2/0',
      '2026-12-03 0/0/0',
      '2026-12-04 0/0/0',
      '2026-12-05 0/0/0',
    ]);
  });

  it('ranks owners by their stale credentials, each counted once', () => {
    // The sample report announces id-soon (a client, no owner) in every run.
    expect(data.topOwners).toEqual([
      { id: '', name: '(no owner recorded)', credentials: 3 },
      { id: 'id-ada', name: 'Ada', credentials: 1 },
    ]);
    expect(data.staleCredentials).toBe(4);
  });

  it('gives each credential the last state the archive says by --to', () => {
    const states = Object.fromEntries(data.credentials.map((row) => [row.id, `${row.state} ${row.since}`]));
    expect(states).toMatchObject({ c1: 'would disable (report only) 2026-12-01', c2: 'deleted 2026-12-02', t1: 'deleted 2026-12-02', 'id-exempt': 'exempt 2026-12-02' });
    expect(states['c3']).toBeUndefined();
  });
});
