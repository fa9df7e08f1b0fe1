import { describe, expect, it } from 'vitest';
import { filters, type IscFilter } from '../../../lambdas/adapters/isc/filters.js';

describe('filters', () => {
  it('builds lastUsed le with a UTC millisecond ISO timestamp', () => {
    expect(filters.lastUsedLe(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('lastUsed le 2026-01-02T03:04:05.678Z');
  });

  it('keeps zero milliseconds and converts offsets to UTC', () => {
    expect(filters.lastUsedLe(new Date('2026-01-02T05:04:05+02:00'))).toBe('lastUsed le 2026-01-02T03:04:05.000Z');
  });

  it('builds lastUsed isnull', () => {
    expect(filters.lastUsedIsNull()).toBe('lastUsed isnull');
  });

  it('rejects an invalid date instead of sending "Invalid Date"', () => {
    expect(() => filters.lastUsedLe(new Date('nope'))).toThrow(RangeError);
  });

  it('does not accept a plain string where a filter is expected (compile-time)', () => {
    const takesFilter = (f: IscFilter): string => f;
    // @ts-expect-error an arbitrary field/operator string is not an IscFilter
    expect(takesFilter('name eq "x"')).toBe('name eq "x"');
  });
});
