import { oneLine } from '../text.js';
import { archivedAtLines } from './archived-at-lines.js';
import type { RunReport } from './run-report.js';

/**
 * The text of a run that stopped before it evaluated the tenant (`failedReason` is set): no
 * counts, actions or inventory to show, so it says what stopped the run, that nothing changed,
 * and what to check. Counts of zero would read as "an empty tenant"; this never shows them.
 */
export function renderUnevaluatedReport(report: RunReport): string {
  const lines = [
    `OAuth client cleanup for tenant ${oneLine(report.tenant)}, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Mode: ${report.mode === 'enforce' ? 'ENFORCE (nothing was applied: the run stopped first)' : 'REPORT ONLY: nothing was changed'}`,
    `Outcome: ${report.outcome === 'interrupted' ? 'INTERRUPTED' : 'FAILED'} before the tenant was evaluated: ${oneLine(report.failedReason ?? 'unknown reason')}`,
    `Run: ${report.startedAt} to ${report.finishedAt} (report id ${oneLine(report.reportId)})`,
    ...archivedAtLines(report),
    '',
    'No client was evaluated and nothing was changed. The next run tries again; if it keeps',
    'failing, check the credentials (the PAT and its secret), the tenant URL and the network path to it.',
    ...(report.warnings.length === 0 ? [] : ['', `Warnings (${report.warnings.length})`, ...report.warnings.map((warning) => `  - ${oneLine(warning)}`)]),
  ];
  return `${lines.join('\n')}\n`;
}
