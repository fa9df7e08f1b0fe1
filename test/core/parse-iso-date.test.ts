import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../lambdas/core/parse-iso-date.js';

describe('parseIsoDate', () => {
  it.each([
    ['2017-07-11T18:45:37.098Z', '2017-07-11T18:45:37.098Z'],
    ['2017-07-11T18:45:37Z', '2017-07-11T18:45:37.000Z'],
    ['2017-07-11T18:45Z', '2017-07-11T18:45:00.000Z'],
    ['2017-07-11T18:45:37.098123Z', '2017-07-11T18:45:37.098Z'],
    ['2017-07-11T18:45:37.1z', '2017-07-11T18:45:37.100Z'],
    ['2017-07-11T20:45:37.098+02:00', '2017-07-11T18:45:37.098Z'],
    ['2017-07-11T13:15:37.098-0530', '2017-07-11T18:45:37.098Z'],
    ['2017-07-11T18:45:37.098', '2017-07-11T18:45:37.098Z'],
    ['2017-07-11', '2017-07-11T00:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    [' 2017-07-11T18:45:37Z ', '2017-07-11T18:45:37.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'garbage',
    '',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T23:60:00Z',
    '2026-11-23T23:59:60Z',
    '2026-11-23T10:00:00+25:00',
    '1700000000000',
    'Mon, 23 Nov 2026 02:00:00 GMT',
    '2026-11-23T02:00:00.000ZZ',
  ])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });

  it('rejects a value that is not a string at all', () => {
    expect(parseIsoDate(1_700_000_000_000 as unknown as string)).toBeUndefined();
    expect(parseIsoDate(undefined as unknown as string)).toBeUndefined();
  });
});
