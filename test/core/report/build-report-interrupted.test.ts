import { describe, expect, it } from 'vitest';
import { INTERRUPTED } from '../../../lambdas/core/report/build-report.js';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const { evaluation } = sampleEvaluation();
const [first, ...rest] = actionsFrom(evaluation, 'done');
const notStarted = (action: ReportAction): ReportAction => ({ ...action, outcome: 'not-attempted', detail: INTERRUPTED });

describe('buildReport for an interrupted run', () => {
  it('has outcome interrupted, counts what was done, and says how many actions were not started', () => {
    const report = sampleReport({ actions: [first!, ...rest.map(notStarted)], interrupted: 'interrupted by SIGTERM' });

    expect(report.outcome).toBe('interrupted');
    expect(report.counts).toMatchObject({ disabled: 1, deleted: 0, notAttempted: 2 });
    expect(report.warnings).toContain('the run was interrupted by SIGTERM: 2 action(s) were not started; the next run will pick them up');
    expect(report.warnings.join()).not.toContain('ran out of time');
  });

  it('wins over failed: the run did not get to finish', () => {
    const failed: ReportAction = { ...first!, outcome: 'failed', error: { message: 'x' } };

    expect(sampleReport({ actions: [failed, ...rest.map(notStarted)], interrupted: 'interrupted by SIGINT' }).outcome).toBe('interrupted');
  });

  it('renders an INTERRUPTED outcome line and subject that keep the counts', () => {
    const report = sampleReport({ actions: [first!, ...rest.map(notStarted)], interrupted: 'interrupted by SIGINT' });

    expect(renderTextReport(report)).toContain('Outcome: INTERRUPTED: stopped by a signal');
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup INTERRUPTED: 1 disabled, 0 deleted, 0 failed');
  });
});
