import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateClient } from '../../../lambdas/core/plan/evaluate-client.js';
import { DEFAULT_POLICY } from '../../../lambdas/core/model/policy.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

/**
 * The same boundaries as evaluate-client.test.ts, on a machine far from UTC. Node re-reads TZ
 * when it changes, and vitest runs each test file in its own process, so this does not leak.
 */
const ctx = { policy: DEFAULT_POLICY, now: NOW, selfClientId: 'self' };

describe.each(['Pacific/Kiritimati', 'America/St_Johns', 'Australia/Lord_Howe'])('evaluateClient in TZ=%s', (zone) => {
  const previous = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = zone;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previous;
  });

  it('really runs away from UTC', () => {
    expect(NOW.getTimezoneOffset()).not.toBe(0);
  });

  it('keeps at 89 days and disables at 90, by UTC days', () => {
    expect(evaluateClient(makeClient({ lastUsed: daysAgo(89) }), ctx).verdict).toBe('keep');
    expect(evaluateClient(makeClient({ lastUsed: daysAgo(90, NOW, -1) }), ctx).verdict).toBe('keep');
    expect(evaluateClient(makeClient({ lastUsed: daysAgo(90) }), ctx).verdict).toBe('disable');
  });

  it('writes UTC dates in reasons and upcoming entries', () => {
    // 2026-08-18T02:00Z is already 08-18 in UTC but 08-17 in St John's and 08-18 16:00 in Kiritimati.
    expect(evaluateClient(makeClient({ lastUsed: daysAgo(97) }), ctx).reason).toBe(
      'unused for 97 days (last used 2026-08-18), limit 90',
    );
    expect(evaluateClient(makeClient({ lastUsed: daysAgo(89) }), ctx).upcoming?.on).toBe('2026-11-24');
  });

  it('reads a date-time without an offset as UTC, not local time', () => {
    const noOffset = daysAgo(90).replace('Z', '');
    expect(evaluateClient(makeClient({ lastUsed: noOffset }), ctx)).toMatchObject({ verdict: 'disable', inactiveDays: 90 });
  });
});
