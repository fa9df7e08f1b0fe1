import { addWholeDays, formatUtcDate, wholeDaysBetween } from '../../lambdas/core/dates.js';
import { parseIsoTime } from '../../lambdas/core/parse-iso-date.js';
import { UsageError } from './cli-io.js';

/** `plan --as-of`: the tenant judged as if a later UTC day had come. */
export interface PreviewClock {
  /** The day previewed, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Today's UTC day, whose ISC state is what gets judged. */
  readonly stateOf: string;
  /** The run's clock moved forward by whole days: same time of day, on `asOf`. */
  readonly now: () => Date;
  /** The line that heads the report, so nobody reads a preview as tonight's plan. */
  readonly header: string;
}

/** Ten years: thresholds are days to months; further out every client is simply stale. */
const MAX_DAYS_AHEAD = 3650;

/**
 * The clock of a preview. Only the judging moves: ISC's state is today's (nobody can know who will
 * use a client by then), which the header says. A day before today is refused, since the past is
 * what `history` shows, and today's state could never be judged as of a day already gone.
 */
export function previewClock(asOf: string, now: () => Date): PreviewClock {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseIsoTime(`${asOf}T00:00:00Z`) : undefined;
  if (day === undefined) throw new UsageError(`--as-of: "${asOf}" is not a date; give a UTC day as YYYY-MM-DD, e.g. --as-of ${formatUtcDate(addWholeDays(now(), 14))}`);
  const today = formatUtcDate(now());
  const days = wholeDaysBetween(Date.parse(`${today}T00:00:00Z`), day);
  if (asOf < today) throw new UsageError(`--as-of ${asOf} is before today (${today} UTC): a preview looks ahead; for what happened, use history`);
  if (days > MAX_DAYS_AHEAD) throw new UsageError(`--as-of ${asOf} is more than ${MAX_DAYS_AHEAD} days ahead; give a date within ten years`);
  return {
    asOf,
    stateOf: today,
    now: () => addWholeDays(now(), days),
    header: `Preview as of ${asOf} (UTC): ISC's state of today (${today}), judged as if ${asOf} had come. Nothing is sent to ISC and nothing is archived.\n\n`,
  };
}
