import { addWholeDays, formatUtcDate } from '../../core/dates.js';
import { errorMessage } from '../../core/error-message.js';
import { announcementsIn, type PatAnnouncements } from '../../core/plan/pat-announcements.js';
import type { ArchivedRun, ReportArchiveReader } from '../../core/ports.js';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { ARCHIVE_READ_CONCURRENCY } from '../read-archive.js';

/**
 * How far back, beyond `warnDays`, the archive is searched for announcements. An announcement
 * older than that is not needed while the janitor runs nightly (every run repeats it, as upcoming
 * or as a planned deletion); after a longer pause the token is simply announced again.
 */
export const ANNOUNCEMENT_LOOKBACK_EXTRA_DAYS = 30;

export interface ReadAnnouncements {
  readonly announcements: PatAnnouncements;
  /** One per archived report passed over because it could not be read as this tenant's report. */
  readonly warnings: readonly string[];
}

/**
 * The earlier announcements of token deletions for one tenant, from the runs archived from
 * `warnDays + 30` days ago until today. Today's earlier runs are read too: they cannot make a
 * token deletable yet, but they keep its announced day (and the day it may go) the same.
 *
 * An announcement has authority only where a person was told: it counts when it sits in a
 * report that
 * - was delivered (a delivery record exists: the Lambda's published report, a CLI `run` with
 *   `--topic-arn` whose publish succeeded; `plan` never records one),
 * - parses as a run report of this tenant, with the report id and start date its key says.
 * The report itself is read, never the NDJSON lines beside it: a line (or a `{}` report) anyone
 * could add proves nothing. A report that cannot be read is passed over with a warning naming it:
 * less proof, so fewer deletions, never more.
 */
export async function readPatAnnouncements(reader: ReportArchiveReader, tenant: string, now: Date, warnDays: number): Promise<ReadAnnouncements> {
  const since = formatUtcDate(addWholeDays(now, -(warnDays + ANNOUNCEMENT_LOOKBACK_EXTRA_DAYS)));
  const runs = await reader.runs({ tenant, since, until: formatUtcDate(now), delivered: true });
  const warnings: string[] = [];
  const entries = await mapWithConcurrency(runs, ARCHIVE_READ_CONCURRENCY, async (run) => {
    try {
      return announcedBy(run, await reader.report(run));
    } catch (error) {
      warnings.push(`personal access tokens: an archived report was passed over, its announcements do not count (${errorMessage(error)})`);
      return [];
    }
  });
  return { announcements: announcementsIn(entries.flat(), tenant), warnings };
}

/** The report's upcoming and action entries, each with the run's tenant and date (the key's, checked against the report). */
function announcedBy(run: ArchivedRun, report: { readonly upcoming: readonly unknown[]; readonly actions: readonly unknown[] }): unknown[] {
  return [...report.upcoming, ...report.actions].map((entry) =>
    typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? { ...entry, tenant: run.tenant, date: run.date } : entry,
  );
}
