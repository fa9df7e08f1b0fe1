/** The wall clock in one time zone: its calendar date and the minutes since its midnight. */
export interface LocalClock {
  /** `YYYY-MM-DD` in the zone. */
  readonly date: string;
  readonly minutes: number;
}

/**
 * Formatters by zone: building one costs far more than using it, and a fleet tick reads the
 * clock of every tenant, most of them in a handful of zones.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in `timeZone` shows at `now` (DST included, via the IANA database). */
export function localClock(now: Date, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(now)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}
