import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from '../../lambdas/core/closest-match.js';

describe('closestMatch', () => {
  it.each([
    ['polcy', ['json', 'policy', 'tenant'], 'policy'],
    ['lst', ['list', 'add', 'set', 'remove', 'import'], 'list'],
    ['reportEmail', ['reportEmails', 'alarmEmails'], 'reportEmails'],
    ['tenatn', ['tenant', 'tenants'], 'tenant'],
    ['PLAN', ['plan', 'run'], 'plan'],
  ])('%s -> %s', (typed, candidates, expected) => {
    expect(closestMatch(typed, candidates)).toBe(expected);
  });

  it('guesses nothing when no candidate is a slip away', () => {
    expect(closestMatch('frobnicate', ['policy', 'json'])).toBeUndefined();
    expect(closestMatch('ab', ['cd'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('tenatn', 'tenant')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('words the hint, or nothing', () => {
    expect(didYouMean('polcy', ['policy'], (flag) => `--${flag}`)).toBe(' Did you mean --policy?');
    expect(didYouMean('zzz', ['policy'])).toBe('');
  });
});
