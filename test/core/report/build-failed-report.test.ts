import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { buildFailedReport } from '../../../lambdas/core/report/build-failed-report.js';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';

const STARTED = new Date('2026-03-01T02:00:00.000Z');
const input = {
  reportId: 'r-1',
  tenant: 'acme',
  mode: 'enforce' as const,
  startedAt: STARTED,
  finishedAt: new Date('2026-03-01T02:00:31.000Z'),
  reason: 'POST /oauth/token failed: timed out (no complete response within 30000 ms) after 4 attempts',
  policy: parsePolicy({ mode: 'enforce' }),
};

describe('buildFailedReport', () => {
  it('says the run failed before evaluation, and why, with nothing evaluated or changed', () => {
    const report = buildFailedReport(input);

    expect(report).toMatchObject({ reportId: 'r-1', tenant: 'acme', mode: 'enforce', outcome: 'failed', failedReason: input.reason });
    expect(report.startedAt).toBe('2026-03-01T02:00:00.000Z');
    expect(report.actions).toEqual([]);
    expect(Object.values(report.counts).every((count) => count === 0)).toBe(true);
    expect(report.inventory.total).toBe(0);
    expect(report.policy).toMatchObject({ mode: 'enforce' });
    expect(buildFailedReport({ ...input, policy: undefined }).policy).toBeNull();
  });

  it('renders as a short text that names the reason and never shows counts that would read as an empty tenant', () => {
    const text = renderTextReport(buildFailedReport(input));

    expect(text).toContain(`Outcome: FAILED before the tenant was evaluated: ${input.reason}`);
    expect(text).toContain('No client was evaluated and nothing was changed.');
    expect(text).not.toContain('Clients in the tenant');
    expect(text).not.toContain('Inventory');
  });

  it('says INTERRUPTED instead when a signal stopped the run', () => {
    const report = buildFailedReport({ ...input, outcome: 'interrupted', reason: 'interrupted by SIGTERM' });

    expect(report.outcome).toBe('interrupted');
    expect(renderTextReport(report)).toContain('Outcome: INTERRUPTED before the tenant was evaluated: interrupted by SIGTERM');
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup INTERRUPTED before evaluating the tenant');
  });

  it('has a subject that says so, without "(report only)"', () => {
    expect(renderReportSubject(buildFailedReport(input))).toBe('[acme] OAuth client cleanup FAILED before evaluating the tenant');
    expect(renderReportSubject(buildFailedReport({ ...input, mode: 'report' }))).toBe('[acme] OAuth client cleanup FAILED before evaluating the tenant');
  });
});
