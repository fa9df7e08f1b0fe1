import { errorMessage } from '../core/error-message.js';
import type { ArchivedRun, ArchivedUpcoming, ArchiveQuery, ReportArchiveReader } from '../core/ports.js';
import type { RunReport } from '../core/report/run-report.js';
import { compareStrings } from '../core/report/summarize-inventory.js';
import { mapWithConcurrency } from './map-with-concurrency.js';

/** Archive reads in flight at once: enough to hide S3's latency, few enough for a small Lambda. */
export const ARCHIVE_READ_CONCURRENCY = 8;

/** The full reports of the runs in range, oldest first (by `startedAt`, then report id). */
export async function readArchivedReports(reader: ReportArchiveReader, query: ArchiveQuery = {}): Promise<RunReport[]> {
  const runs = await reader.runs(query);
  const reports = await mapWithConcurrency(runs, ARCHIVE_READ_CONCURRENCY, (run) => reader.report(run));
  return reports.sort((a, b) => compareStrings(a.startedAt, b.startedAt) || compareStrings(a.reportId, b.reportId));
}

/** An archived run whose report could not be read, and why (the reason names the object). */
export interface UnreadableReport {
  readonly run: ArchivedRun;
  readonly error: string;
}

/**
 * The full reports of the runs in range, oldest first, passing over those that cannot be read
 * (not JSON, not a report, not where it claims to be): one bad object must not hide the rest of
 * the archive from an auditor. Each one passed over is returned, so the caller names and counts it.
 */
export async function readReadableReports(
  reader: ReportArchiveReader,
  query: ArchiveQuery = {},
): Promise<{ readonly reports: RunReport[]; readonly unreadable: UnreadableReport[] }> {
  const runs = await reader.runs(query);
  const read = await mapWithConcurrency(runs, ARCHIVE_READ_CONCURRENCY, async (run) => {
    try {
      return { report: await reader.report(run) };
    } catch (error) {
      return { unreadable: { run, error: errorMessage(error) } };
    }
  });
  const reports = read.flatMap((item) => (item.report ? [item.report] : []));
  return {
    reports: reports.sort((a, b) => compareStrings(a.startedAt, b.startedAt) || compareStrings(a.reportId, b.reportId)),
    unreadable: read.flatMap((item) => (item.unreadable ? [item.unreadable] : [])),
  };
}

export interface UpcomingQuery extends ArchiveQuery {
  /** Only these credentials' announcements. @default every credential */
  readonly clientIds?: readonly string[];
}

/**
 * "Which earlier runs announced credential X, and when?": the upcoming lines of the runs in range,
 * oldest date first (each line carries its run's `date` and `reportId`), without reading a single full report (the lines are a few hundred bytes a
 * credential; a report can be megabytes). This is the record that proves a warning was given
 * before an action that must be announced (a personal access token's deletion).
 */
export async function readArchivedUpcoming(reader: ReportArchiveReader, query: UpcomingQuery = {}): Promise<ArchivedUpcoming[]> {
  const runs = await reader.runs(query);
  const wanted = query.clientIds ? new Set(query.clientIds) : undefined;
  const perRun = await mapWithConcurrency(runs, ARCHIVE_READ_CONCURRENCY, (run) => reader.upcoming(run));
  return perRun.flat().filter((entry) => !wanted || wanted.has(entry.clientId));
}
