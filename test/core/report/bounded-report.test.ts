import { describe, expect, it } from 'vitest';
import { NOT_ATTEMPTED_LISTED } from '../../../lambdas/core/report/build-report.js';
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

describe('a bounded report', () => {
  it('lists the first 100 not-attempted actions of a blocked run and counts the rest', () => {
    const actions = notAttempted(20_541);

    const report = sampleReport({ guard: blocked, actions });

    expect(NOT_ATTEMPTED_LISTED).toBe(100);
    expect(report.actions).toEqual(actions.slice(0, 100));
    expect(report.actionsOmitted).toBe(20_441);
    expect(report.counts.notAttempted).toBe(20_541);
    const text = renderTextReport(report);
    expect(text).toContain('Actions (20541)');
    expect(text).toContain('  20441 more not-attempted actions not listed: a report lists the first 100 (nothing was done to them; `plan` lists the whole plan)');
    expect(text).toContain('id-000099');
    expect(text).not.toContain('id-000100');
    expect(Buffer.byteLength(text)).toBeLessThan(50_000);
  });

  it('keeps every action that was done, failed or skipped, however many were not attempted', () => {
    const done = actionsFrom(evaluation, 'done');
    const report = sampleReport({ actions: [...done, ...notAttempted(250)] });

    expect(report.actions.slice(0, done.length)).toEqual(done);
    expect(report.actions).toHaveLength(done.length + 100);
    expect(report.actionsOmitted).toBe(150);
  });

  it('leaves a report with 100 or fewer not-attempted actions whole, without actionsOmitted', () => {
    const report = sampleReport({ guard: blocked, actions: notAttempted(100) });
    expect(report.actions).toHaveLength(100);
    expect(report).not.toHaveProperty('actionsOmitted');
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
