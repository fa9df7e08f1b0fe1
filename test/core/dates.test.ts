import { describe, expect, it } from 'vitest';
import { addWholeDays, formatUtcDate, pluralDays, wholeDaysSince } from '../../lambdas/core/dates.js';
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
