import { describe, expect, it } from 'vitest';
import { hiddenCharacters, oneLine, safeText, truncate } from '../../lambdas/core/text.js';

describe('oneLine', () => {
  it('turns line breaks and other control characters into single spaces', () => {
    expect(oneLine('a\r\nb\tc\u0000d\u2028e\u0085f')).toBe('a b c d e f');
  });

  it('keeps ordinary unicode text', () => {
    expect(oneLine('  Société 日本  ')).toBe('Société 日本');
  });
});

describe('oneLine and safeText against spoofing', () => {
  it.each([
    ['right-to-left override', 'abc\u202Edcba', 'abc<U+202E>dcba'],
    ['left-to-right embedding', '\u202Aa', '<U+202A>a'],
    ['isolates', '\u2066a\u2067b\u2068c\u2069', '<U+2066>a<U+2067>b<U+2068>c<U+2069>'],
    ['zero-width space', 'payroll\u200b-export', 'payroll<U+200B>-export'],
    ['zero-width joiners', 'a\u200cb\u200dc', 'a<U+200C>b<U+200D>c'],
    ['word joiner and BOM', '\u2060a\ufeffb', '<U+2060>a<U+FEFF>b'],
    ['other format characters (soft hyphen, tag letters)', 'pay\u00adroll\u{E0041}', 'pay<U+00AD>roll<U+E0041>'],
  ])('shows %s visibly', (_, text, shown) => {
    expect(oneLine(text)).toBe(shown);
    expect(safeText(text)).toBe(shown);
  });

  it.each([
    ['a colour', 'x\u001b[31mred\u001b[0m', 'xred'],
    ['a screen clear (8-bit CSI)', '\u009b2Jclear', 'clear'],
    ['a window title (OSC ... BEL)', 'title\u001b]0;pwned\u0007 after', 'title after'],
    ['an OSC ended by ST', 'a\u001b]8;;http://x\u001b\\b', 'ab'],
    ['a terminal reset', 'esc\u001bc reset', 'esc reset'],
    ['a device control string', 'a\u001bPq#0\u001b\\b', 'ab'],
  ])('removes %s, not just its escape character', (_, text, shown) => {
    expect(oneLine(text)).toBe(shown);
    expect(safeText(text)).toBe(shown);
  });

  it('stops an unterminated string command at the end of its line', () => {
    expect(safeText('name\u001b]0;rest\nnext line')).toBe('name\nnext line');
    expect(oneLine('name\u001b]0;rest\nnext')).toBe('name next');
  });

  it('keeps line feeds and tabs in multi-line output but turns other control characters into a space', () => {
    expect(safeText('a\r\nb\tc\u0007d\u0085e')).toBe('a \nb\tc d e');
  });

  it('keeps spacing as it is: two names that differ by a space stay different', () => {
    expect(oneLine('a  b')).toBe('a  b');
  });

  it('is idempotent', () => {
    const once = safeText('a\u202e\u001b[1mb\u200b');
    expect(safeText(once)).toBe(once);
  });
});

describe('hiddenCharacters', () => {
  it('lists each hidden character once, visibly', () => {
    expect(hiddenCharacters('pay\u200broll\u200b\u202e\u001b[1m')).toEqual(['<U+200B>', '<U+202E>', '<U+001B>']);
    expect(hiddenCharacters('Société générale 日本 ✓')).toEqual([]);
  });
});

describe('truncate', () => {
  it('leaves short text alone and cuts long text with "..."', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abc...');
  });
});
