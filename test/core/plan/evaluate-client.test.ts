import { describe, expect, it } from 'vitest';
import type { EvaluationContext } from '../../../lambdas/core/plan/evaluate-client.js';
import { evaluateClient } from '../../../lambdas/core/plan/evaluate-client.js';
import type { PolicyInput } from '../../../lambdas/core/model/policy.js';
import { DEFAULT_POLICY, parsePolicy } from '../../../lambdas/core/model/policy.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

const SELF = 'self-client-id';
const ctx: EvaluationContext = { policy: DEFAULT_POLICY, now: NOW, selfClientId: SELF };
const withPolicy = (input: PolicyInput): EvaluationContext => ({ ...ctx, policy: parsePolicy(input) });

describe('evaluateClient', () => {
  describe('disable (enabled, used clients)', () => {
    it.each([
      [89, 'keep'],
      [90, 'disable'],
      [91, 'disable'],
    ])('at %i days unused the verdict is %s', (days, verdict) => {
      const finding = evaluateClient(makeClient({ lastUsed: daysAgo(days) }), ctx);
      expect(finding.verdict).toBe(verdict);
      expect(finding.inactiveDays).toBe(days);
    });

    it('counts whole days: 90 days minus one millisecond is still 89', () => {
      const finding = evaluateClient(makeClient({ lastUsed: daysAgo(90, NOW, -1) }), ctx);
      expect(finding).toMatchObject({ verdict: 'keep', inactiveDays: 89 });
    });

    it('says why in auditor words', () => {
      const finding = evaluateClient(makeClient({ lastUsed: daysAgo(97) }), ctx);
      expect(finding.reason).toBe('unused for 97 days (last used 2026-08-18), limit 90');
      expect(finding.neverUsed).toBe(false);
    });

    it('says when a kept client would be disabled', () => {
      const finding = evaluateClient(makeClient({ lastUsed: daysAgo(10) }), ctx);
      expect(finding.reason).toBe('unused for 10 days (last used 2026-11-13), limit 90; disable due on 2027-02-11');
    });

    it('follows a custom disableAfterDays', () => {
      const policy = withPolicy({ disableAfterDays: 7, deleteAfterDays: 8 });
      expect(evaluateClient(makeClient({ lastUsed: daysAgo(6) }), policy).verdict).toBe('keep');
      expect(evaluateClient(makeClient({ lastUsed: daysAgo(7) }), policy).verdict).toBe('disable');
    });
  });

  describe('disable (enabled, never-used clients)', () => {
    it.each([
      [29, 'keep'],
      [30, 'disable'],
      [31, 'disable'],
    ])('created %i days ago the verdict is %s', (days, verdict) => {
      const finding = evaluateClient(makeClient({ lastUsed: null, created: daysAgo(days) }), ctx);
      expect(finding).toMatchObject({ verdict, inactiveDays: days, neverUsed: true });
    });

    it('says why in auditor words', () => {
      const finding = evaluateClient(makeClient({ lastUsed: null, created: daysAgo(45) }), ctx);
      expect(finding.reason).toBe('never used, created 45 days ago (2026-10-09), limit 30');
    });

    it('uses neverUsedDays instead of disableAfterDays, also when it is longer', () => {
      const policy = withPolicy({ neverUsedDays: 200, deleteAfterDays: 300 });
      const client = makeClient({ lastUsed: null, created: daysAgo(150) });
      expect(evaluateClient(client, policy).verdict).toBe('keep');
    });
  });

  describe('delete (disabled clients)', () => {
    const disabled = (unusedDays: number, unchangedDays: number) =>
      makeClient({ enabled: false, lastUsed: daysAgo(unusedDays), modified: daysAgo(unchangedDays) });

    it.each([
      [179, 14, 'keep'],
      [180, 14, 'delete'],
      [181, 14, 'delete'],
      [180, 13, 'keep'],
      [400, 13, 'keep'],
      [400, 15, 'delete'],
    ])('unused %i days and unchanged %i days: %s', (unused, unchanged, verdict) => {
      expect(evaluateClient(disabled(unused, unchanged), ctx).verdict).toBe(verdict);
    });

    it('says why in auditor words', () => {
      expect(evaluateClient(disabled(200, 20), ctx).reason).toBe(
        'disabled and unused for 200 days (last used 2026-05-07), limit 180; unchanged for 20 days, grace 14',
      );
    });

    it('deletes a disabled never-used client by its age', () => {
      const client = makeClient({ enabled: false, lastUsed: null, created: daysAgo(180), modified: daysAgo(30) });
      const finding = evaluateClient(client, ctx);
      expect(finding.verdict).toBe('delete');
      expect(finding.reason).toMatch(/^disabled and never used, created 180 days ago \(2026-05-27\), limit 180; /);
    });

    it('keeps a disabled client not yet due and says when deletion is due', () => {
      const finding = evaluateClient(disabled(172, 20), ctx);
      expect(finding.verdict).toBe('keep');
      expect(finding.reason).toMatch(/^disabled; deletion due on 2026-12-01 \(unused for 172 days/);
    });

    it('dates the deletion by the grace period when that ends later', () => {
      expect(evaluateClient(disabled(300, 0), ctx).reason).toMatch(/^disabled; deletion due on 2026-12-07 /);
    });

    it('keeps a disabled client below the disable threshold too', () => {
      expect(evaluateClient(disabled(5, 100), ctx).verdict).toBe('keep');
    });

    it('never deletes an enabled client, however old', () => {
      const client = makeClient({ lastUsed: daysAgo(5000), modified: daysAgo(5000), created: daysAgo(6000) });
      expect(evaluateClient(client, ctx).verdict).toBe('disable');
    });
  });

  describe('upcoming', () => {
    it.each([
      [75, undefined],
      [76, '2026-12-07'],
      [89, '2026-11-24'],
      [90, undefined],
    ])('an enabled client unused %i days is upcoming on %s', (days, on) => {
      const finding = evaluateClient(makeClient({ id: 'c1', name: 'n1', lastUsed: daysAgo(days) }), ctx);
      if (on === undefined) expect(finding.upcoming).toBeUndefined();
      else expect(finding.upcoming).toMatchObject({ clientId: 'c1', name: 'n1', action: 'disable', on });
    });

    it('words the upcoming reason with the rule, and leaves the date to the renderers', () => {
      const finding = evaluateClient(makeClient({ lastUsed: null, created: daysAgo(20) }), ctx);
      expect(finding.upcoming).toMatchObject({ on: '2026-12-03', reason: 'never used, created 20 days ago (2026-11-03), limit 30' });
    });

    it('lists a disabled client that becomes deletable within warnDays', () => {
      const client = makeClient({ enabled: false, lastUsed: daysAgo(170), modified: daysAgo(20) });
      expect(evaluateClient(client, ctx).upcoming).toMatchObject({ action: 'delete', on: '2026-12-03' });
    });

    it('waits for the later of the two delete conditions', () => {
      const grace = makeClient({ enabled: false, lastUsed: daysAgo(300), modified: daysAgo(5) });
      expect(evaluateClient(grace, ctx).upcoming).toMatchObject({ action: 'delete', on: '2026-12-02' });
      const far = makeClient({ enabled: false, lastUsed: daysAgo(100), modified: daysAgo(200) });
      expect(evaluateClient(far, ctx).upcoming).toBeUndefined();
    });

    it.each([
      [166, '2026-12-07'],
      [165, undefined],
    ])('lists a disabled client unused %i days as upcoming only from warnDays (14) days before its deletion', (days, on) => {
      const finding = evaluateClient(makeClient({ enabled: false, lastUsed: daysAgo(days), modified: daysAgo(200) }), ctx);
      if (on === undefined) expect(finding.upcoming).toBeUndefined();
      else expect(finding.upcoming).toMatchObject({ action: 'delete', on });
    });

    it('lists nothing when warnDays is 0', () => {
      const finding = evaluateClient(makeClient({ lastUsed: daysAgo(89) }), withPolicy({ warnDays: 0 }));
      expect(finding).toMatchObject({ verdict: 'keep' });
      expect(finding.upcoming).toBeUndefined();
    });
  });

  describe('odd data', () => {
    it('treats a lastUsed in the future (clock skew) as used now, and warns', () => {
      const lastUsed = daysAgo(-3);
      const finding = evaluateClient(makeClient({ id: 'f1', name: 'ahead', lastUsed }), ctx);
      expect(finding).toMatchObject({ verdict: 'keep', inactiveDays: 0 });
      expect(finding.reason).toBe('unused for 0 days (last used 2026-11-23), limit 90; disable due on 2027-02-21');
      expect(finding.warning).toBe(`client ahead (f1): lastUsed ${lastUsed} is in the future; treated as used now`);
    });

    it('does not warn about a lastUsed exactly now', () => {
      expect(evaluateClient(makeClient({ lastUsed: NOW.toISOString() }), ctx).warning).toBeUndefined();
    });

    it('does not delete a client whose modified date lies in the future', () => {
      const client = makeClient({ enabled: false, lastUsed: daysAgo(400), modified: daysAgo(-30) });
      expect(evaluateClient(client, ctx).verdict).toBe('keep');
    });

    it('skips a client whose lastUsed is not a date, with a warning', () => {
      const client = makeClient({ id: 'x1', name: 'billing', lastUsed: 'garbage' });
      expect(evaluateClient(client, ctx)).toEqual({
        clientId: 'x1',
        name: 'billing',
        verdict: 'skip',
        reason: 'lastUsed "garbage" is not a date; skipped, never acted on',
        inactiveDays: null,
        neverUsed: false,
        warning: 'client billing (x1): lastUsed "garbage" is not a date; skipped, never acted on',
      });
    });

    it.each([
      ['lastUsed', { lastUsed: '2026-02-30T00:00:00.000Z' }],
      ['lastUsed', { lastUsed: '' }],
      ['created', { lastUsed: null, created: 'yesterday' }],
      ['created', { created: '2026-13-01T00:00:00Z' }],
      ['modified', { enabled: false, lastUsed: daysAgo(900), modified: 'not-a-date' }],
    ])('skips a client whose %s cannot be read', (field, overrides) => {
      const finding = evaluateClient(makeClient(overrides), ctx);
      expect(finding.verdict).toBe('skip');
      expect(finding.warning).toContain(`${field} "`);
    });

    it('names every unreadable field and cuts a long value short', () => {
      const finding = evaluateClient(makeClient({ lastUsed: 'x'.repeat(500), modified: 'bad' }), ctx);
      expect(finding.reason).toBe(`lastUsed "${'x'.repeat(40)}..." is not a date, modified "bad" is not a date; skipped, never acted on`);
    });

    it('shows a missing name as "(no name)"', () => {
      expect(evaluateClient(makeClient({ name: null }), ctx).name).toBe('(no name)');
    });
  });

  describe('exemptions', () => {
    const stale = { lastUsed: daysAgo(97) };

    it('always exempts the janitor\'s own credential, whatever the policy', () => {
      const policy = withPolicy({ exempt: { internal: false } });
      const finding = evaluateClient(makeClient({ id: SELF, ...stale }), policy);
      expect(finding.verdict).toBe('exempt');
      expect(finding.reason).toBe(
        "exempt: the janitor's own credential; would otherwise be disabled: unused for 97 days (last used 2026-08-18), limit 90",
      );
    });

    it('exempts listed ids and says what it prevented', () => {
      const finding = evaluateClient(makeClient({ id: 'keep-me', ...stale }), withPolicy({ exempt: { ids: ['keep-me'] } }));
      expect(finding.reason).toBe(
        'exempt by id list; would otherwise be disabled: unused for 97 days (last used 2026-08-18), limit 90',
      );
    });

    it('exempts names matching a pattern, and only those', () => {
      const policy = withPolicy({ exempt: { names: ['^svc-', 'BOT$'] } });
      expect(evaluateClient(makeClient({ name: 'svc-payroll', ...stale }), policy).reason).toMatch(
        /^exempt by name pattern \/\^svc-\/; would otherwise be disabled/,
      );
      expect(evaluateClient(makeClient({ name: 'ci-BOT', ...stale }), policy).verdict).toBe('exempt');
      expect(evaluateClient(makeClient({ name: 'my-svc-payroll', ...stale }), policy).verdict).toBe('disable');
      expect(evaluateClient(makeClient({ name: null, ...stale }), policy).verdict).toBe('disable');
    });

    it('exempts internal clients unless exempt.internal is false', () => {
      const client = makeClient({ internal: true, ...stale });
      expect(evaluateClient(client, ctx).reason).toMatch(/^exempt as an internal client/);
      expect(evaluateClient(client, withPolicy({ exempt: { internal: false } })).verdict).toBe('disable');
    });

    it('says an exempt client would otherwise be deleted or kept', () => {
      const policy = withPolicy({ exempt: { ids: ['d', 'k'] } });
      const old = makeClient({ id: 'd', enabled: false, lastUsed: daysAgo(400), modified: daysAgo(100) });
      expect(evaluateClient(old, policy).reason).toMatch(/^exempt by id list; would otherwise be deleted: disabled and/);
      expect(evaluateClient(makeClient({ id: 'k' }), policy).reason).toMatch(/^exempt by id list; would otherwise be kept: /);
    });

    it('never lists an exempt client as upcoming', () => {
      const finding = evaluateClient(makeClient({ id: SELF, lastUsed: daysAgo(85) }), ctx);
      expect(finding.verdict).toBe('exempt');
      expect(finding.upcoming).toBeUndefined();
    });

    it('keeps an exempt client with unreadable dates exempt, without a warning', () => {
      const finding = evaluateClient(makeClient({ id: SELF, lastUsed: 'garbage' }), ctx);
      expect(finding).toMatchObject({ verdict: 'exempt', inactiveDays: null });
      expect(finding.reason).toContain('would otherwise be skipped: lastUsed "garbage" is not a date');
      expect(finding.warning).toBeUndefined();
    });
  });
});
