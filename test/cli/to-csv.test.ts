import { describe, expect, it } from 'vitest';
import { field, toCsv } from '../../bin/cli/evidence/to-csv.js';

describe('toCsv', () => {
  it('writes RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['plain', 3]])).toBe('a,b\r\n"x,y","say ""hi"""\r\nplain,3\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'=1"],
    ['\r=1', "'=1"],
    [' =1', "'=1"],
    ['=A1,B1', `"'=A1,B1"`],
  ])('neutralises the formula in %j', (cell, written) => {
    expect(field(cell)).toBe(written);
  });

  it('keeps ordinary text and numbers, and flattens hostile text to one visible line', () => {
    expect(field('payroll-export')).toBe('payroll-export');
    expect(field(-5)).toBe('-5');
    expect(field('a\nb\u202Ec')).toBe('a b<U+202E>c');
  });
});
