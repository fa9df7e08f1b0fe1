/**
 * Day arithmetic in UTC milliseconds only, for the whole project (there is no date library):
 * local-calendar helpers such as `setDate` or date-fns' `subDays` shift by an hour across a DST
 * change, and inactivity must not depend on the machine's time zone, so whole 24-hour days are
 * counted here instead (test/app/time-zone compares plans made under two zones).
 */
export const DAY_MS = 86_400_000;

/**
 * Whole days elapsed from `from` to `now` (rounded down). A `from` in the future counts as 0:
 * clock skew between ISC and us must never turn into a negative age or a crash.
 */
export function wholeDaysSince(from: Date, now: Date): number {
  return wholeDaysBetween(from.getTime(), now.getTime());
}

/** `wholeDaysSince` on epoch milliseconds (the tenant evaluation keeps dates as numbers). */
export function wholeDaysBetween(fromMs: number, nowMs: number): number {
  const elapsed = nowMs - fromMs;
  return elapsed <= 0 ? 0 : Math.floor(elapsed / DAY_MS);
}

/** `date` moved by `days` whole 24-hour days. */
export function addWholeDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The UTC calendar date, `YYYY-MM-DD`. */
export function formatUtcDate(date: Date): string {
  return formatUtcDay(date.getTime());
}

/**
 * Formatted days, keyed by day number. A tenant's dates fall on a few thousand distinct days, so
 * 100,000 clients share those strings instead of formatting (and keeping) one each. Bounded: a
 * long-lived process meeting many distinct days just starts the cache over.
 */
const formattedDays = new Map<number, string>();
const FORMATTED_DAYS_KEPT = 20_000;

/** `formatUtcDate` on epoch milliseconds. */
export function formatUtcDay(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = formattedDays.get(day);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 10);
    if (formattedDays.size >= FORMATTED_DAYS_KEPT) formattedDays.clear();
    formattedDays.set(day, text);
  }
  return text;
}

/** `1 day`, `97 days`. */
export function pluralDays(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
