import { oneLine } from '../text.js';
import type { RunReport } from './run-report.js';

/** `Archived: <where>` under the run line of every text report, so a reader finds the evidence. */
export function archivedAtLines(report: RunReport): string[] {
  return report.archive?.status === 'written' && report.archive.location ? [`Archived: ${oneLine(report.archive.location)}`] : [];
}
