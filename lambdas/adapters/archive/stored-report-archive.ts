import type { Archived, ArchivedRun, ArchivedUpcoming, ArchiveQuery, ReportArchive, ReportArchiveReader, ReportDelivery } from '../../core/ports.js';
import type { ReportAction, RunReport, UpcomingAction } from '../../core/report/run-report.js';
import { compareStrings } from '../../core/report/summarize-inventory.js';
import { errorMessage } from '../../core/error-message.js';
import {
  archiveBodies,
  archiveDateOf,
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
 * marker, so `runs()` (which lists reports) never returns a run whose lines are missing. The
 * delivery record comes later still, once the report was published (recordDelivery).
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

  async recordDelivery(report: RunReport, delivery: ReportDelivery): Promise<{ location: string }> {
    const run = archivedRunOf(report);
    const key = archiveKey('delivered', run);
    await this.store.put(key, `${JSON.stringify({ reportId: report.reportId, tenant: report.tenant, ...delivery })}\n`, CONTENT_TYPE.delivered);
    return { location: this.store.locationOf(key) };
  }

  async runs(query: ArchiveQuery = {}): Promise<ArchivedRun[]> {
    const runs = await this.#listed('reports', query);
    if (!query.delivered) return runs;
    const delivered = new Set((await this.#listed('delivered', query)).map(runKey));
    return runs.filter((run) => delivered.has(runKey(run)));
  }

  async report(run: ArchivedRun): Promise<RunReport> {
    const key = archiveKey('reports', run);
    const body = await this.store.get(key);
    const report = this.#parsed(key, () => JSON.parse(body) as unknown);
    if (!isReport(report)) throw new Error(`${this.store.locationOf(key)} is not a run report`);
    const stored = { tenant: report.tenant, date: dateOf(report.startedAt), reportId: report.reportId };
    if (runKey(stored) !== runKey(run)) {
      throw new Error(
        `${this.store.locationOf(key)} does not belong where it is stored: it says tenant ${JSON.stringify(stored.tenant)}, report ${JSON.stringify(stored.reportId)}, started ${JSON.stringify(report.startedAt)}`,
      );
    }
    return report;
  }

  /** The runs with an object of `kind`, in range, sorted. */
  async #listed(kind: 'reports' | 'delivered', query: ArchiveQuery): Promise<ArchivedRun[]> {
    const { tenant, since, until } = query;
    const prefix = kindPrefix(kind, tenant);
    // One tenant's keys sort by date, so the listing can start at `since` and stop after `until`.
    const startAfter = tenant !== undefined && since !== undefined ? `${prefix}date=${since}` : undefined;
    const runs: ArchivedRun[] = [];
    for await (const key of this.store.list(prefix, startAfter)) {
      const parsed = parseArchiveKey(key);
      if (parsed?.kind !== kind) continue;
      if (until !== undefined && parsed.date > until) {
        if (tenant !== undefined) break;
        continue;
      }
      if (since !== undefined && parsed.date < since) continue;
      runs.push({ tenant: parsed.tenant, date: parsed.date, reportId: parsed.reportId });
    }
    return runs.sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.tenant, b.tenant) || compareStrings(a.reportId, b.reportId));
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

/** Tenant, date and report id as one comparable string (JSON: no separator can be forged). */
function runKey(run: ArchivedRun): string {
  return JSON.stringify([run.tenant, run.date, run.reportId]);
}

/** The report's `date=` partition; '' (matches no folder) for a start that is no timestamp. */
function dateOf(startedAt: string): string {
  try {
    return archiveDateOf(startedAt);
  } catch {
    return '';
  }
}

function isEntry(value: unknown): value is { readonly clientId: string } {
  return typeof value === 'object' && value !== null && typeof (value as { clientId?: unknown }).clientId === 'string';
}

/** The fields every reader of an archived report relies on are there, with their types. */
export function isReport(value: unknown): value is RunReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Partial<Record<keyof RunReport, unknown>>;
  return (
    typeof report.reportId === 'string' &&
    typeof report.tenant === 'string' &&
    typeof report.startedAt === 'string' &&
    (report.mode === 'report' || report.mode === 'enforce') &&
    Array.isArray(report.actions) &&
    Array.isArray(report.upcoming)
  );
}
