import { describe, expect, it } from 'vitest';
import { FLEET_RESULTS_BUDGET_BYTES, fitReason, MAX_REASON_CHARS, reasonCharsFor } from '../../../lambdas/core/fleet/fleet-state-budget.js';

const names = (count: number, length: number) => Array.from({ length: count }, (_, index) => `t${index}`.padEnd(length, 'x'));

describe('reasonCharsFor', () => {
  it('gives each result the whole 200 characters on an ordinary night', () => {
    expect(reasonCharsFor(names(250, 12))).toBe(MAX_REASON_CHARS);
    expect(reasonCharsFor([])).toBe(MAX_REASON_CHARS);
  });

  it('shares the budget out when a thousand long-named tenants are due, and keeps every result inside it', () => {
    for (const length of [12, 40, 64]) {
      const tick = names(1_000, length);
      const chars = reasonCharsFor(tick);
      expect(chars).toBeLessThan(MAX_REASON_CHARS);
      const results = tick.map((tenant) => ({ tenant, outcome: 'deferred', reason: 'r'.repeat(chars), runDay: '2026-12-01' }));
      expect(JSON.stringify(results).length).toBeLessThanOrEqual(FLEET_RESULTS_BUDGET_BYTES);
    }
  });

  it('gives no reason at all rather than a negative share', () => {
    expect(reasonCharsFor(names(5_000, 40))).toBe(0);
  });
});

describe('fitReason', () => {
  it('keeps a short reason whole and cuts a long one with an ellipsis', () => {
    expect(fitReason('busy', 200)).toBe('busy');
    expect(fitReason('x'.repeat(350), 200)).toBe(`${'x'.repeat(197)}...`);
  });

  it('counts bytes as the state stores them, so accents, emoji and controls cost no more room', () => {
    for (const reason of ['é'.repeat(300), '😀'.repeat(300), '\u0001'.repeat(300)]) {
      const fitted = fitReason(reason, 100);
      expect(new TextEncoder().encode(JSON.stringify(fitted)).length - 2).toBeLessThanOrEqual(100);
      expect(fitted.endsWith('...')).toBe(true);
    }
  });

  it('gives nothing when there is no room even for an ellipsis', () => {
    expect(fitReason('a long reason', 2)).toBe('');
  });
});
