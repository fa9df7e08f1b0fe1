import { describe, expect, it } from 'vitest';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const { evaluation } = sampleEvaluation();
const blocked = { allowed: false as const, reason: 'the plan would change 20541 of 50000 clients, over limits.maxActions 50' };

/** A blocked plan of `count` actions, all not attempted. */
function notAttempted(count: number): ReportAction[] {
  return Array.from({ length: count }, (_, i) => ({
    credential: 'oauth-client' as const,
    clientId: `id-${String(i).padStart(6, '0')}`,
    name: `client-${i}`,
    action: 'disable' as const,
    reason: 'unused for 97 days (last used 2026-08-18), limit 90',
    outcome: 'not-attempted' as const,
    detail: 'blocked by the guard',
  }));
}

describe('the whole plan in the report', () => {
  it('lists every not-attempted action of a blocked run, in the report and its text', () => {
    const actions = notAttempted(20_541);

    const report = sampleReport({ guard: blocked, actions });

    expect(report.actions).toEqual(actions);
    expect(report).not.toHaveProperty('actionsOmitted');
    expect(report.counts.notAttempted).toBe(20_541);
    const text = renderTextReport(report);
    expect(text).toContain('Actions (20541)');
    expect(text).toContain('id-000100');
    expect(text).toContain('id-020540');
    expect(text).not.toContain('not listed');
    expect(text).not.toContain('not shown');
  });

  it('keeps every action that was done, failed or skipped, and every one not attempted', () => {
    const done = actionsFrom(evaluation, 'done');
    const report = sampleReport({ actions: [...done, ...notAttempted(250)] });

    expect(report.actions.slice(0, done.length)).toEqual(done);
    expect(report.actions).toHaveLength(done.length + 250);
  });

  it('names the archived report, not the logs, when a cut text leaves actions out', () => {
    const report = { ...sampleReport({ guard: blocked, actions: notAttempted(300) }), archive: { status: 'written' as const, location: 's3://evidence/reports/tenant=acme/date=2026-11-23/r-1.json' } };
    const cut = { ...report, actions: report.actions.slice(0, 10) };
    expect(renderTextReport(cut, { maxActions: 10, omittedActions: 290 })).toContain('  290 more actions not shown (the full report is in s3://evidence/reports/tenant=acme/date=2026-11-23/r-1.json)');
    expect(renderTextReport({ ...cut, archive: undefined }, { maxActions: 10, omittedActions: 290 })).toContain('  290 more actions not shown (the full report is in the logs)');
  });

  it('says "would disable / would delete" in each action row of a report-mode run', () => {
    const text = renderTextReport(sampleReport({ mode: 'report', actions: actionsFrom(evaluation, 'planned') }));

    expect(text).toContain('Mode: REPORT ONLY: nothing was changed');
    expect(text).toMatch(/^ {2}would disable +planned +build-bot +id-build$/m);
    expect(text).toMatch(/^ {2}would delete +planned +old export +id-old$/m);
    expect(text).toContain('  Would disable: 2');
    expect(text).not.toMatch(/^ {2}(disable|delete) /m);
  });

  it('lists the exempt clients with their reasons', () => {
    const text = renderTextReport(sampleReport());
    expect(text).toContain('Exempt (1)\n  break-glass (id-exempt): exempt by id list; would otherwise be ');
  });
});
