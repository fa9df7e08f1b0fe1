import { addDays, differenceInDays, formatISO, subDays } from 'date-fns';
import { utc } from '@date-fns/utc';

/**
 * Calendar arithmetic for the whole project, in UTC: date-fns v4 with the `in: utc` context
 * (@date-fns/utc), so no answer depends on the machine's time zone or shifts across a DST change
 * (test/app/time-zone compares plans made under two zones). A day is a UTC calendar day.
 */
export const DAY_MS = 86_400_000;

/**
 * Whole days elapsed from `from` to `now` (rounded down). A `from` in the future counts as 0:
 * clock skew between ISC and us must never turn into a negative age or a crash.
 */
export function wholeDaysSince(from: Date, now: Date): number {
  return Math.max(0, differenceInDays(now, from, { in: utc }));
}

/**
 * `wholeDaysSince` on epoch milliseconds, for the tenant evaluation's hot loop (two calls a
 * client, 100,000 clients): in UTC a day is exactly 86,400,000 ms, so this is the same answer
 * (a property test holds it to date-fns') at a hundredth of the cost; date-fns' differenceInDays
 * builds two context dates a call, about 20 µs, which alone would make the core-scale run 10x slower.
 */
export function wholeDaysBetween(fromMs: number, nowMs: number): number {
  const elapsed = nowMs - fromMs;
  return elapsed <= 0 ? 0 : Math.floor(elapsed / DAY_MS);
}

/** `date` moved by `days` UTC calendar days (negative: back). */
export function addWholeDays(date: Date | number, days: number): Date {
  return new Date(addDays(date, days, { in: utc }).getTime());
}

/** The UTC calendar day before `day` (`YYYY-MM-DD`). */
export function previousUtcDay(day: string): string {
  return formatUtcDate(subDays(`${day}T00:00:00Z`, 1, { in: utc }));
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
    text = formatISO(ms, { representation: 'date', in: utc });
    if (formattedDays.size >= FORMATTED_DAYS_KEPT) formattedDays.clear();
    formattedDays.set(day, text);
  }
  return text;
}

/** `1 day`, `97 days`. */
export function pluralDays(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
