import { oneLine } from '../text.js';
import type { RunReport } from './run-report.js';

/** `Archived: <where>` under the run line of every text report, so a reader finds the evidence. */
export function archivedAtLines(report: RunReport): string[] {
  return report.archive?.status === 'written' && report.archive.location ? [`Archived: ${oneLine(report.archive.location)}`] : [];
}

/**
 * Where a reader of a cut report (an email, a log line) finds all of it: the archived report's
 * `s3://` URI or local path (auditors have no CloudWatch), else the logs.
 */
export function wholeReportAt(report: RunReport): string {
  return report.archive?.status === 'written' && report.archive.location ? oneLine(report.archive.location) : 'the logs';
}
