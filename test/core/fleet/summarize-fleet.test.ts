import { describe, expect, it } from 'vitest';
import { describeFleetSummary, summarizeFleet } from '../../../lambdas/core/fleet/summarize-fleet.js';

describe('summarizeFleet', () => {
  it('counts every tenant and names each one that did not end ok', () => {
    const summary = summarizeFleet([
      { tenant: 'a', outcome: 'ok', reportId: 'r1' },
      { tenant: 'b', outcome: 'failed', reason: 'IscApiError' },
      { tenant: 'c', outcome: 'blocked', reason: 'tenant c is already being run by cli jane@host' },
      { tenant: 'd', outcome: 'interrupted' },
      { tenant: 'e', outcome: 'deferred', reason: 'Lambda.TooManyRequestsException', runDay: '2026-12-01' },
    ]);
    expect(summary).toEqual({
      run: 4,
      ok: 1,
      failed: 2,
      blocked: 1,
      deferred: 1,
      tenants: {
        ok: ['a'],
        failed: [{ tenant: 'b', reason: 'IscApiError' }, { tenant: 'd', reason: 'interrupted' }],
        blocked: [{ tenant: 'c', reason: 'tenant c is already being run by cli jane@host' }],
        deferred: [{ tenant: 'e', reason: 'Lambda.TooManyRequestsException' }],
      },
    });
    expect(describeFleetSummary(summary)).toBe('4 tenants run: 1 ok, 2 failed (b, d), 1 blocked (c); 1 deferred to a later tick (e)');
  });

  it('summarizes a tick with nothing due', () => {
    expect(describeFleetSummary(summarizeFleet([]))).toBe('0 tenants run: 0 ok, 0 failed, 0 blocked');
  });
});
