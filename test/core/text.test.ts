import { describe, expect, it } from 'vitest';
import { oneLine, truncate } from '../../lambdas/core/text.js';

describe('oneLine', () => {
  it('turns line breaks and other control characters into single spaces', () => {
    expect(oneLine('a\r\nb\tc\u0000d\u2028e\u0085f')).toBe('a b c d e f');
  });

  it('keeps ordinary unicode text', () => {
    expect(oneLine('  Société 日本  ')).toBe('Société 日本');
  });
});

describe('truncate', () => {
  it('leaves short text alone and cuts long text with "..."', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abc...');
  });
});
