import { DAY_MS } from './dates.js';

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
  const time = parseIsoTime(text);
  return time === undefined ? undefined : new Date(time);
}

/**
 * `parseIsoDate` as epoch milliseconds: the same answers, without a Date per call. A tenant
 * evaluation reads three dates per client, so the shape ISC always sends (`...T18:45:37.098Z`)
 * is read digit by digit with no allocation; anything else takes the general regex path.
 */
export function parseIsoTime(text: string): number | undefined {
  // Defensive: data from outside may carry a number or undefined where a string is typed.
  if (typeof text !== 'string') return undefined;
  const fast = parseCanonical(text);
  return fast === undefined ? parseGeneral(text) : fast;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z` exactly. Undefined means "not this shape or not valid", and
 * the general path decides; it gives the same answer for every string this path accepts.
 */
function parseCanonical(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || length > 30 || text.charCodeAt(length - 1) !== 90 /* Z */) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 /* T */) return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  // Years below 100 go the general way: its calendar check keeps Date.UTC's 19xx reading of them.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > gregorianMonthDays(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let ms = 0;
  if (length > 20) {
    const fractionLength = length - 21;
    if (text.charCodeAt(19) !== 46 /* . */ || fractionLength < 1 || digits(text, 20, fractionLength) < 0) return undefined;
    // Milliseconds only: extra digits are truncated, not rounded, as on the general path.
    ms = digits(text, 20, Math.min(3, fractionLength)) * (fractionLength >= 3 ? 1 : fractionLength === 2 ? 10 : 100);
  }
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** The number written by `count` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (what Date.UTC uses from year 100 on). */
function gregorianMonthDays(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] ?? 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function parseGeneral(text: string): number | undefined {
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
  return Number.isNaN(time) ? undefined : time;
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
