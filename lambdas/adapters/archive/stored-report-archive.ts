import type { Archived, ArchivedRun, ArchivedUpcoming, ArchiveQuery, ReportArchive, ReportArchiveReader } from '../../core/ports.js';
import type { ReportAction, RunReport, UpcomingAction } from '../../core/report/run-report.js';
import { compareStrings } from '../../core/report/summarize-inventory.js';
import { errorMessage } from '../../core/error-message.js';
import {
  archiveBodies,
  archivedRunOf,
  archiveKey,
  CONTENT_TYPE,
  kindPrefix,
  parseArchiveKey,
  parseNdjson,
  type ArchiveKind,
} from './archive-layout.js';
import type { ObjectStore } from './object-store.js';

/**
 * The report archive over any ObjectStore (S3, a directory), in the layout of archive-layout.ts.
 *
 * A run's lines are written first and its full report last: the report is the run's commit
 * marker, so `runs()` (which lists reports) never returns a run whose lines are missing.
 */
export class StoredReportArchive implements ReportArchive, ReportArchiveReader {
  constructor(private readonly store: ObjectStore) {}

  async write(report: RunReport): Promise<{ location: string }> {
    const run = archivedRunOf(report);
    const bodies = archiveBodies(report);
    await Promise.all((['actions', 'upcoming'] as const).map((kind) => this.#put(kind, run, bodies[kind])));
    await this.#put('reports', run, bodies.reports);
    return { location: this.store.locationOf(archiveKey('reports', run)) };
  }

  async runs(query: ArchiveQuery = {}): Promise<ArchivedRun[]> {
    const { tenant, since, until } = query;
    const prefix = kindPrefix('reports', tenant);
    // One tenant's keys sort by date, so the listing can start at `since` and stop after `until`.
    const startAfter = tenant !== undefined && since !== undefined ? `${prefix}date=${since}` : undefined;
    const runs: ArchivedRun[] = [];
    for await (const key of this.store.list(prefix, startAfter)) {
      const parsed = parseArchiveKey(key);
      if (parsed?.kind !== 'reports') continue;
      if (until !== undefined && parsed.date > until) {
        if (tenant !== undefined) break;
        continue;
      }
      if (since !== undefined && parsed.date < since) continue;
      runs.push({ tenant: parsed.tenant, date: parsed.date, reportId: parsed.reportId });
    }
    return runs.sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.tenant, b.tenant) || compareStrings(a.reportId, b.reportId));
  }

  async report(run: ArchivedRun): Promise<RunReport> {
    const key = archiveKey('reports', run);
    const body = await this.store.get(key);
    const report = this.#parsed(key, () => JSON.parse(body) as unknown);
    if (!isReport(report)) throw new Error(`${this.store.locationOf(key)} is not a run report`);
    return report;
  }

  async actions(run: ArchivedRun): Promise<Archived<ReportAction>[]> {
    return this.#lines<ReportAction>('actions', run);
  }

  async upcoming(run: ArchivedRun): Promise<ArchivedUpcoming[]> {
    return this.#lines<UpcomingAction & Pick<RunReport, 'mode' | 'startedAt'>>('upcoming', run);
  }

  async #put(kind: ArchiveKind, run: ArchivedRun, body: string): Promise<void> {
    await this.store.put(archiveKey(kind, run), body, CONTENT_TYPE[kind]);
  }

  async #lines<T extends { readonly clientId: string }>(kind: 'actions' | 'upcoming', run: ArchivedRun): Promise<Archived<T>[]> {
    const key = archiveKey(kind, run);
    const body = await this.store.get(key);
    const lines = this.#parsed(key, () => parseNdjson(body));
    return lines.map((line, index) => {
      if (!isEntry(line)) throw new Error(`${this.store.locationOf(key)} line ${index + 1} is not a report entry`);
      return { ...(line as unknown as T), tenant: run.tenant, reportId: run.reportId, date: run.date };
    });
  }

  /** The archive is evidence: a file that does not parse is an error naming it, never skipped. */
  #parsed<T>(key: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      throw new Error(`${this.store.locationOf(key)} is not valid JSON: ${errorMessage(error)}`, { cause: error });
    }
  }
}

function isEntry(value: unknown): value is { readonly clientId: string } {
  return typeof value === 'object' && value !== null && typeof (value as { clientId?: unknown }).clientId === 'string';
}

function isReport(value: unknown): value is RunReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Partial<Record<keyof RunReport, unknown>>;
  return typeof report.reportId === 'string' && typeof report.startedAt === 'string' && Array.isArray(report.actions) && Array.isArray(report.upcoming);
}
