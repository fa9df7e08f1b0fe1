/**
 * Day arithmetic in UTC milliseconds only. date-fns' `differenceInDays`/`addDays` work on local
 * calendar days (a DST change shifts them by an hour), and inactivity must not depend on the
 * machine's time zone, so the core counts whole 24-hour days here instead.
 */
export const DAY_MS = 86_400_000;

/**
 * Whole days elapsed from `from` to `now` (rounded down). A `from` in the future counts as 0:
 * clock skew between ISC and us must never turn into a negative age or a crash.
 */
export function wholeDaysSince(from: Date, now: Date): number {
  const elapsed = now.getTime() - from.getTime();
  return elapsed <= 0 ? 0 : Math.floor(elapsed / DAY_MS);
}

/** `date` moved by `days` whole 24-hour days. */
export function addWholeDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The UTC calendar date, `YYYY-MM-DD`. */
export function formatUtcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `1 day`, `97 days`. */
export function pluralDays(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
