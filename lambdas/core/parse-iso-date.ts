/**
 * Strict ISO 8601 parsing for the dates ISC sends (`2017-07-11T18:45:37.098Z`).
 *
 * `Date.parse` alone is not enough: it rolls `2026-02-30` over to March 2, and it reads a
 * date-time without an offset as *local* time, which would make inactivity depend on the
 * machine's time zone. Here a missing offset means UTC, and an impossible calendar date is
 * rejected, so the caller can skip the client instead of acting on a wrong age.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The instant `text` names, or undefined when it is not a valid ISO 8601 date(-time). */
export function parseIsoDate(text: string): Date | undefined {
  // Defensive: data from outside may carry a number or undefined where a string is typed.
  if (typeof text !== 'string') return undefined;
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (zone && zone.toUpperCase() !== 'Z' && !isValidOffset(zone)) return undefined;
  // Milliseconds only: JS dates have no finer precision, extra digits are truncated, not rounded.
  const ms = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '.000';
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${zone ? normalizeZone(zone) : 'Z'}`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; Date.UTC keeps it time-zone free.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidOffset(zone: string): boolean {
  const digits = zone.slice(1).replace(':', '');
  return Number(digits.slice(0, 2)) <= 23 && Number(digits.slice(2)) <= 59;
}

function normalizeZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}
