import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../lambdas/core/report/build-history.js';
import { renderHistory } from '../../../lambdas/core/report/render-history.js';
import type { ReportAction, RunReport } from '../../../lambdas/core/report/run-report.js';
import { fixtureReport } from '../../adapters/report/fixture-report.js';

const action = (overrides: Partial<ReportAction>): ReportAction => ({
  credential: 'oauth-client',
  clientId: 'c-1',
  name: 'old-export',
  action: 'disable',
  reason: 'unused for 97 days, limit 90',
  outcome: 'done',
  ...overrides,
});

const run = (reportId: string, startedAt: string, overrides: Partial<RunReport>) =>
  fixtureReport({ reportId, startedAt, finishedAt: startedAt, upcoming: [], ...overrides });

describe('buildHistory', () => {
  it('orders runs by start, puts a run\'s actions before what it announced, and keeps only the asked client', () => {
    const reports = [
      run('r-3', '2026-03-16T02:00:00.000Z', { actions: [action({ action: 'delete', reason: 'disabled and unused for 200 days' })] }),
      run('r-1', '2026-03-01T01:00:00.000Z', { mode: 'report', actions: [action({ outcome: 'planned' }), action({ clientId: 'c-2', name: 'other' })] }),
      run('r-2', '2026-03-01T02:00:00.000Z', {
        actions: [action({})],
        upcoming: [{ credential: 'oauth-client', clientId: 'c-1', name: 'old-export', action: 'delete', on: '2026-03-15', reason: 'will be deleted on 2026-03-15' }],
      }),
    ];

    const entries = buildHistory(reports, { clientId: 'c-1' });

    expect(entries.map((entry) => `${entry.date} ${entry.reportId} ${entry.mode} ${entry.action} ${entry.outcome} | ${entry.event}`)).toEqual([
      '2026-03-01 r-1 report disable planned | found stale; would be disabled (report only)',
      '2026-03-01 r-2 enforce disable done | disabled',
      '2026-03-01 r-2 enforce delete upcoming | warned: will be deleted on 2026-03-15',
      '2026-03-16 r-3 enforce delete done | deleted',
    ]);
    expect(entries[2]).toMatchObject({ on: '2026-03-15', reason: 'will be deleted on 2026-03-15', tenant: 'acme', startedAt: '2026-03-01T02:00:00.000Z' });
    expect(buildHistory(reports)).toHaveLength(5);
  });

  it.each([
    [{ outcome: 'failed', error: { message: 'PATCH failed: 500' } }, 'disable failed'],
    [{ outcome: 'not-attempted', detail: 'blocked by the guard' }, 'disable not attempted'],
    [{ outcome: 'skipped', action: 'delete', detail: 'no longer qualifies' }, 'delete skipped'],
    [{ outcome: 'done', action: 'rotate', successorId: 'c-9' }, 'rotated'],
    [{ outcome: 'planned', action: 'rotate' }, 'secret aging; would be rotated (report only)'],
  ] as const)('says what happened for %j', (overrides, event) => {
    const [entry] = buildHistory([run('r-1', '2026-03-01T02:00:00.000Z', { mode: overrides.outcome === 'planned' ? 'report' : 'enforce', actions: [action(overrides)] })]);
    expect(entry?.event).toBe(event);
  });
});

describe('renderHistory', () => {
  it('names the client once for a client\'s history, and on every line (with the tenant when several) otherwise', () => {
    const entries = buildHistory([
      run('r-1', '2026-03-01T02:00:00.000Z', { actions: [action({ outcome: 'failed', detail: 'ISC 500', error: { message: 'PATCH /v3/oauth-clients/c-1 failed: 500' } })] }),
      run('r-2', '2026-03-02T02:00:00.000Z', { tenant: 'acme-sb', actions: [action({ name: 'evil\nname' })] }),
    ]);

    expect(renderHistory(entries, { clientId: 'c-1' })).toBe(
      [
        'History of c-1 "old-export": 2 entries in 2 runs',
        '  2026-03-01  enforce  run r-1  [acme]  disable failed (ISC 500): unused for 97 days, limit 90 [PATCH /v3/oauth-clients/c-1 failed: 500]',
        '  2026-03-02  enforce  run r-2  [acme-sb]  disabled: unused for 97 days, limit 90',
        '',
      ].join('\n'),
    );
    expect(renderHistory(entries.slice(1), { tenant: 'acme-sb' })).toBe(
      ['History of tenant acme-sb: 1 entry in 1 run', '  2026-03-02  enforce  run r-2  "evil name" (c-1)  disabled: unused for 97 days, limit 90', ''].join('\n'),
    );
  });
});
