import { describe, expect, it } from 'vitest';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const { evaluation } = sampleEvaluation();
const blocked = { allowed: false as const, reason: 'over the limit' };
const isPrintableAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

describe('renderReportSubject', () => {
  it('counts what an enforced run did', () => {
    expect(renderReportSubject(sampleReport())).toBe('[acme] OAuth client cleanup: 2 disabled, 1 deleted, 0 failed');
  });

  it('counts failures', () => {
    const [first, ...rest] = actionsFrom(evaluation, 'done');
    const report = sampleReport({ actions: [{ ...first!, outcome: 'failed' }, ...rest] });
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup: 1 disabled, 1 deleted, 1 failed');
  });

  it('says what a report-mode run would have done, never that it did it', () => {
    const report = sampleReport({ mode: 'report', actions: actionsFrom(evaluation, 'planned') });
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup: would disable 2, would delete 1 (report only)');
    const rotating: RunReport = { ...report, counts: { ...report.counts, rotated: 3 } };
    expect(renderReportSubject(rotating)).toBe('[acme] OAuth client cleanup: would disable 2, would delete 1, would rotate 3 (report only)');
  });

  it('says BLOCKED with the size of the plan', () => {
    const report = sampleReport({ guard: blocked, actions: actionsFrom(evaluation, 'not-attempted') });
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup BLOCKED: plan of 3 changes over the limit');
    expect(renderReportSubject({ ...report, mode: 'report' })).toMatch(/BLOCKED: .* \(report only\)$/);
  });

  it('mentions rotations only when there were some', () => {
    const report: RunReport = { ...sampleReport(), counts: { ...sampleReport().counts, rotated: 4 } };
    expect(renderReportSubject(report)).toBe('[acme] OAuth client cleanup: 2 disabled, 1 deleted, 4 rotated, 0 failed');
  });

  it('turns a unicode tenant into ASCII', () => {
    const subject = renderReportSubject(sampleReport({ tenant: 'Société Générale 日本 🚀' }));
    expect(subject).toBe('[Societe Generale ?? ?] OAuth client cleanup: 2 disabled, 1 deleted, 0 failed');
  });

  it('keeps a long unicode tenant within 100 ASCII characters, counts intact', () => {
    const subject = renderReportSubject(sampleReport({
      mode: 'report',
      tenant: 'Ünïcödé-tenant-'.repeat(20),
      actions: actionsFrom(evaluation, 'planned'),
    }));
    expect(subject).toHaveLength(100);
    expect(isPrintableAscii(subject)).toBe(true);
    expect(subject).toMatch(/^\[Unicode-tenant-Unicode-ten[a-z]*\.\.\.\] OAuth client cleanup: would disable 2, would delete 1 \(report only\)$/);
  });

  it('never contains a line break, whatever the tenant', () => {
    const subject = renderReportSubject(sampleReport({ tenant: 'acme\r\nBcc: attacker@example.com' }));
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('[acme Bcc: attacker@example.com] OAuth client cleanup: 2 disabled, 1 deleted, 0 failed');
  });

  it('shows an empty tenant as "?"', () => {
    expect(renderReportSubject(sampleReport({ tenant: '' }))).toMatch(/^\[\?\] OAuth/);
  });
});
