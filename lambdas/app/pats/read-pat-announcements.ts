import { addWholeDays, formatUtcDate } from '../../core/dates.js';
import { announcementsIn, type PatAnnouncements } from '../../core/plan/pat-announcements.js';
import type { ReportArchiveReader } from '../../core/ports.js';
import { mapWithConcurrency } from '../map-with-concurrency.js';
import { ARCHIVE_READ_CONCURRENCY } from '../read-archive.js';

/**
 * How far back, beyond `warnDays`, the archive is searched for announcements. An announcement
 * older than that is not needed while the janitor runs nightly (every run repeats it, as upcoming
 * or as a planned deletion); after a longer pause the token is simply announced again.
 */
export const ANNOUNCEMENT_LOOKBACK_EXTRA_DAYS = 30;

/**
 * The earlier announcements of token deletions for one tenant: the upcoming and action lines of
 * the runs archived from `warnDays + 30` days ago until today (a few hundred bytes per token and
 * run, never a full report). Today's earlier runs are read too: they cannot make a token
 * deletable yet, but they keep its announced day (and the day it may go) the same from run to run.
 */
export async function readPatAnnouncements(reader: ReportArchiveReader, tenant: string, now: Date, warnDays: number): Promise<PatAnnouncements> {
  const since = formatUtcDate(addWholeDays(now, -(warnDays + ANNOUNCEMENT_LOOKBACK_EXTRA_DAYS)));
  const runs = await reader.runs({ tenant, since, until: formatUtcDate(now) });
  const lines = await mapWithConcurrency(runs, ARCHIVE_READ_CONCURRENCY, async (run) => [
    ...(await reader.upcoming(run)),
    ...(await reader.actions(run)),
  ]);
  return announcementsIn(lines.flat(), tenant);
}
