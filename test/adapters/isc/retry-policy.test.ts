import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, parseRetryAfter } from '../../../lambdas/adapters/isc/retry-policy.js';

const settings = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const half = () => 0.5;

describe('parseRetryAfter', () => {
  it('reads integer and fractional seconds as milliseconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.05')).toBe(50);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
  });
  it('returns undefined for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt up to maxDelayMs, with half of it jittered', () => {
    expect(backoffDelay(1, settings, () => 0)).toBe(50);
    expect(backoffDelay(1, settings, () => 1)).toBe(100);
    expect(backoffDelay(3, settings, () => 1)).toBe(400);
    expect(backoffDelay(10, settings, () => 1)).toBe(1000);
  });
});

describe('decideRetry', () => {
  it('retries a 429 for a non-idempotent call after exactly Retry-After', () => {
    expect(decideRetry({ kind: 'status', status: 429, retryAfterMs: 37 }, 1, false, settings, half)).toEqual({
      retry: true,
      delayMs: 37,
      reason: 'rate-limited',
    });
  });
  it('falls back to backoff for a 429 without Retry-After', () => {
    expect(decideRetry({ kind: 'status', status: 429 }, 2, false, settings, half)).toEqual({ retry: true, delayMs: 150, reason: 'rate-limited' });
  });
  it('honours a Retry-After above maxDelayMs (which caps backoff only)', () => {
    expect(decideRetry({ kind: 'status', status: 429, retryAfterMs: 5000 }, 1, true, settings)).toMatchObject({ delayMs: 5000 });
  });
  it('gives up when Retry-After exceeds a minute rather than waiting too little', () => {
    expect(decideRetry({ kind: 'status', status: 429, retryAfterMs: 60_001 }, 1, true, settings)).toEqual({ retry: false });
  });
  it('retries 5xx, network errors and timeouts only for idempotent calls', () => {
    for (const outcome of [{ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'network' }, { kind: 'timeout' }] as const) {
      expect(decideRetry(outcome, 1, true, settings, half).retry).toBe(true);
      expect(decideRetry(outcome, 1, false, settings, half).retry).toBe(false);
    }
  });
  it('does not retry client errors or 501', () => {
    for (const status of [400, 401, 403, 404, 501]) expect(decideRetry({ kind: 'status', status }, 1, true, settings).retry).toBe(false);
  });
  it('stops after `attempts` attempts in total', () => {
    expect(decideRetry({ kind: 'status', status: 500 }, 3, true, settings, half).retry).toBe(true);
    expect(decideRetry({ kind: 'status', status: 500 }, 4, true, settings, half).retry).toBe(false);
    expect(decideRetry({ kind: 'status', status: 429, retryAfterMs: 1 }, 4, false, settings).retry).toBe(false);
  });
});
