import { describe, expect, it } from 'vitest';
import { LOG_LINE_BUDGET, reportLogLines } from '../../../lambdas/adapters/report/report-log-lines.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { fixtureAction, fixtureReport } from './fixture-report.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The report back from its parts, the way a reader of the logs would do it. */
function reassemble(lines: readonly Record<string, unknown>[]): RunReport {
  const lists: Record<string, unknown[]> = { actions: [], upcoming: [], exempt: [], warnings: [] };
  let policy = '';
  for (const line of lines) {
    if (line.list === 'policy') policy += String(line.text);
    else if (typeof line.list === 'string') lists[line.list]?.push(...(line.items as unknown[]));
  }
  return { ...(lines[0]?.report as object), ...lists, policy: JSON.parse(policy) } as RunReport;
}

describe('reportLogLines', () => {
  it('logs a report that fits as one line, as before', () => {
    const report = fixtureReport();
    expect(reportLogLines(report, { reportId: report.reportId })).toEqual([{ reportId: report.reportId, report }]);
  });

  it('splits a 1.8 MB report into numbered lines under the budget, none split mid-item, that rebuild it exactly', () => {
    const actions = Array.from({ length: 5_000 }, (_, i) => fixtureAction(i, `日本語-${'é'.repeat(100)}-${i}`));
    const policy = { mode: 'enforce', exempt: { ids: Array.from({ length: 5_000 }, (_, i) => `id-${'z'.repeat(150)}-${i}`) } };
    const report = fixtureReport({ actions, policy, warnings: Array.from({ length: 3 }, (_, i) => `warning ${i}`) });
    expect(bytes(report)).toBeGreaterThan(1_500_000);

    const lines = reportLogLines(report, { reportId: report.reportId, omittedActions: 4_000 });

    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(bytes(line)).toBeLessThanOrEqual(LOG_LINE_BUDGET);
    expect(lines.map((line) => line.part)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(lines.map((line) => line.parts))).toEqual(new Set([lines.length]));
    expect(lines[0]).toMatchObject({ reportId: report.reportId, omittedActions: 4_000, report: { counts: report.counts } });
    expect(lines.slice(1).every((line) => line.reportId === report.reportId)).toBe(true);
    expect(reassemble(lines)).toEqual(report);
  });

  it('cuts a single item too big for any line, saying so', () => {
    const report = fixtureReport({ warnings: ['w'.repeat(300_000)] });

    const lines = reportLogLines(report, {}, 100_000);

    for (const line of lines) expect(bytes(line)).toBeLessThanOrEqual(100_000);
    const warning = lines.find((line) => line.list === 'warnings')?.items as { cut: boolean; bytes: number }[];
    expect(warning[0]).toMatchObject({ cut: true, bytes: 300_002 });
  });
});
