import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWholeDays, DAY_MS, formatUtcDate, formatUtcDay, pluralDays, previousUtcDay, wholeDaysBetween, wholeDaysSince } from '../../lambdas/core/dates.js';
import { NOW } from './make-client.js';

describe('wholeDaysSince', () => {
  it('counts whole 24-hour days, rounding down', () => {
    expect(wholeDaysSince(new Date('2026-11-22T02:00:00.000Z'), NOW)).toBe(1);
    expect(wholeDaysSince(new Date('2026-11-22T02:00:00.001Z'), NOW)).toBe(0);
    expect(wholeDaysSince(NOW, NOW)).toBe(0);
  });

  it('counts a date in the future as 0 days', () => {
    expect(wholeDaysSince(new Date('2027-01-01T00:00:00.000Z'), NOW)).toBe(0);
  });
});

describe('addWholeDays', () => {
  it('moves by 24-hour days across a DST change, in UTC', () => {
    expect(addWholeDays(new Date('2026-10-24T02:00:00.000Z'), 14).toISOString()).toBe('2026-11-07T02:00:00.000Z');
  });
});

describe('formatUtcDate', () => {
  it('writes the UTC calendar date', () => {
    expect(formatUtcDate(new Date('2026-11-23T23:59:59.999-05:00'))).toBe('2026-11-24');
  });
});

describe('pluralDays', () => {
  it('says "1 day" and "2 days"', () => {
    expect([pluralDays(0), pluralDays(1), pluralDays(2)]).toEqual(['0 days', '1 day', '2 days']);
  });
});

/** Instants from 1970 to 2200, where ISC's dates and ours live. */
const instant = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });

describe('the hot-loop arithmetic agrees with date-fns', () => {
  it('wholeDaysBetween on milliseconds is wholeDaysSince (date-fns differenceInDays in UTC), for any two instants', () => {
    fc.assert(
      fc.property(instant, instant, (from, now) => {
        expect(wholeDaysBetween(from, now)).toBe(wholeDaysSince(new Date(from), new Date(now)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a due date computed as ms + days x DAY_MS is date-fns addDays in UTC, and formats to the same day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -3650, max: 36500 }), (from, days) => {
        expect(addWholeDays(from, days).getTime()).toBe(from + days * DAY_MS);
        expect(formatUtcDay(from + days * DAY_MS)).toBe(new Date(from + days * DAY_MS).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('previousUtcDay', () => {
  it('steps back across month, year and leap-day ends', () => {
    expect(previousUtcDay('2026-03-01')).toBe('2026-02-28');
    expect(previousUtcDay('2028-03-01')).toBe('2028-02-29');
    expect(previousUtcDay('2027-01-01')).toBe('2026-12-31');
    expect(previousUtcDay('2026-10-26')).toBe('2026-10-25');
  });
});
