import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../../lambdas/core/parse-iso-date.js';

/** The digit-by-digit path for ISC's usual shape must agree with Date.parse on every valid date. */
describe('parseIsoTime', () => {
  it.each([
    '2017-07-11T18:45:37.098Z',
    '2017-07-11T18:45:37Z',
    '2017-07-11T18:45:37.1Z',
    '2017-07-11T18:45:37.12Z',
    '2017-07-11T18:45:37.123456789Z',
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2000-02-29T12:00:00Z',
    '1600-02-29T00:00:00Z',
    '0100-03-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
  ])('reads %s as Date.parse does', (text) => {
    const millis = text.replace(/\.(\d{1,3})\d*Z$/, (_, ms: string) => `.${ms.padEnd(3, '0')}Z`);
    expect(parseIsoTime(text)).toBe(Date.parse(millis));
  });

  it.each([
    '1900-02-29T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T23:59:60Z',
    '2026-11-23T23:59:59.Z',
    '2026-11-23T23:59:59.1234567890Z',
    '2026-11-23T23:5a:59Z',
    '2026-11-23X23:59:59Z',
  ])('rejects %s', (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });

  it('reads the shapes the fast path leaves to the general one', () => {
    expect(parseIsoTime('2017-07-11T20:45:37.098+02:00')).toBe(Date.parse('2017-07-11T18:45:37.098Z'));
    expect(parseIsoTime('2017-07-11t18:45:37z')).toBe(Date.parse('2017-07-11T18:45:37Z'));
    expect(parseIsoTime(' 2017-07-11T18:45:37Z ')).toBe(Date.parse('2017-07-11T18:45:37Z'));
  });
});
