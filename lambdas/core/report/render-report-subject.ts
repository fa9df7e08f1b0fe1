import { failedActions } from './failed-actions.js';
import { foldAccents, oneLine, truncate } from '../text.js';
import type { RunReport } from './run-report.js';

const MAX_LENGTH = 100;

/**
 * The email subject: ASCII only (SNS email subjects reject other characters), one line, at most
 * 100 characters. The tenant is what gets shortened, so the counts always stay readable.
 * `[acme] OAuth client cleanup: 3 disabled, 1 deleted, 0 failed`; a report-mode run changed
 * nothing, and its subject says what it would have done:
 * `[acme] OAuth client cleanup: would disable 3, would delete 1 (report only)`.
 */
export function renderReportSubject(report: RunReport): string {
  const { counts } = report;
  // A run that stopped before evaluating changed nothing in any mode: its subject says only that.
  const suffix = report.mode === 'report' && report.failedReason === undefined ? ' (report only)' : '';
  const tokens = report.pats?.counts;
  // A blocked run attempted nothing: its token deletions are all among the not-attempted.
  const planned = counts.stale + (tokens?.notAttempted ?? 0);
  const body = subjectBody(report, planned);
  const rest = ` ${body}${suffix}`;
  const tenant = truncate(toAscii(report.tenant) || '?', Math.max(4, MAX_LENGTH - rest.length - 2));
  return `[${tenant}]${rest}`.slice(0, MAX_LENGTH);
}

function subjectBody(report: RunReport, planned: number): string {
  const { counts } = report;
  const tokens = report.pats?.counts;
  const announced = tokens && tokens.deleted + tokens.upcoming > 0;
  const stopped = report.outcome === 'interrupted' ? 'INTERRUPTED' : 'FAILED';
  if (report.failedReason !== undefined) return `OAuth client cleanup ${stopped} before evaluating the tenant`;
  if (report.outcome === 'blocked') return `OAuth client cleanup BLOCKED: plan of ${planned} changes over the limit`;
  // An interrupted run did part of its work: the counts say how much, the word says it stopped.
  const title =
    report.outcome === 'interrupted' ? 'OAuth client cleanup INTERRUPTED' : report.outcome === 'lease-lost' ? 'OAuth client cleanup LEASE LOST' : 'OAuth client cleanup';
  if (report.mode === 'report') {
    return (
      `${title}: would disable ${counts.disabled}, would delete ${counts.deleted}` +
      (counts.rotated > 0 ? `, would rotate ${counts.rotated}` : '') +
      (announced ? `; tokens: would delete ${tokens.deleted}, ${tokens.upcoming} announced` : '')
    );
  }
  return (
    `${title}: ${counts.disabled} disabled, ${counts.deleted} deleted, ` +
    (counts.rotated > 0 ? `${counts.rotated} rotated, ` : '') +
    `${failedActions(report)} failed` +
    (announced ? `; tokens: ${tokens.deleted} deleted, ${tokens.upcoming} announced` : '')
  );
}

/** `Société Générale` -> `Societe Generale`; what has no ASCII form becomes `?`. */
export function toAscii(text: string): string {
  return foldAccents(oneLine(text))
    .replace(/[^\x20-\x7e]/gu, '?')
    .replace(/\s+/g, ' ')
    .trim();
}
