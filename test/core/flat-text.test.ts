import { describe, expect, it } from 'vitest';
import { flatText } from '../../lambdas/core/text.js';

describe('flatText', () => {
  it('gives the same text as a template literal', () => {
    const days = 97;
    expect(flatText('unused for ', days, ' days, limit ', 90)).toBe(`unused for ${days} days, limit ${90}`);
    expect(flatText()).toBe('');
  });
});
