import { describe, expect, it } from 'vitest';
import { applyPatRules } from '../../../lambdas/core/rules/apply-pat-rules.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { daysAgo, NOW } from '../make-client.js';

const pats = parsePolicy({ pats: { enabled: true } }).pats; // 90 / 30 / 14
const at = (days: number, extraMs = 0) => Date.parse(daysAgo(days, NOW, extraMs));

describe('applyPatRules', () => {
  it('keeps a token used recently, naming the day its deletion would be due', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(40) }, undefined, pats, NOW);
    expect(result).toMatchObject({ verdict: 'keep', due: false, inactiveDays: 40 });
    expect(result.reason).toBe(`unused for 40 days (last used ${daysAgo(40).slice(0, 10)}), limit 90; deletion due on ${daysAgo(-50).slice(0, 10)}`);
    expect(result.upcoming).toBeUndefined();
  });

  it('announces a token entering the warnDays window, for the day it becomes due', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(76) }, undefined, pats, NOW);
    expect(result).toMatchObject({ verdict: 'keep', due: false });
    expect(result.upcoming).toEqual({
      on: daysAgo(-14).slice(0, 10),
      reason: `unused for 76 days (last used ${daysAgo(76).slice(0, 10)}), limit 90; announced by this run`,
    });
  });

  it('names the later day when the announcement, not the limit, is what is still missing', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(80) }, undefined, pats, NOW);
    expect(result.upcoming?.on).toBe(daysAgo(-14).slice(0, 10));
    expect(applyPatRules({ created: at(300), lastUsed: at(80) }, at(10), pats, NOW).upcoming?.on).toBe(daysAgo(-10).slice(0, 10));
  });

  it('does not delete a due token nobody announced: it announces it for warnDays from today', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(200) }, undefined, pats, NOW);
    expect(result).toMatchObject({ verdict: 'keep', due: true });
    expect(result.upcoming?.on).toBe(daysAgo(-14).slice(0, 10));
  });

  it('deletes a due token an earlier run announced warnDays calendar days ago, even a few seconds short of 14 × 24 h', () => {
    const announced = at(14) + 5_000; // the earlier nightly run started 5 s later in the day
    const result = applyPatRules({ created: at(300), lastUsed: at(200) }, announced, pats, NOW);
    expect(result.verdict).toBe('delete');
    expect(result.reason).toBe(
      `unused for 200 days (last used ${daysAgo(200).slice(0, 10)}), limit 90; announced on ${daysAgo(14).slice(0, 10)}, 14 days ago (warnDays 14)`,
    );
  });

  it('keeps announcing a due token whose announcement is younger than warnDays, naming the day it may go', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(200) }, at(13), pats, NOW);
    expect(result.verdict).toBe('keep');
    expect(result.upcoming?.on).toBe(daysAgo(-1).slice(0, 10));
    expect(result.upcoming?.reason).toContain(`announced since ${daysAgo(13).slice(0, 10)}`);
  });

  it('does not delete a token announced long ago that is not due yet (a shorter limit then, a longer one now)', () => {
    const result = applyPatRules({ created: at(300), lastUsed: at(85) }, at(30), pats, NOW);
    expect(result).toMatchObject({ verdict: 'keep', due: false });
    expect(result.upcoming?.on).toBe(daysAgo(-5).slice(0, 10));
  });

  it('gives a never-used token neverUsedDays since it was created', () => {
    expect(applyPatRules({ created: at(31), lastUsed: null }, at(20), pats, NOW)).toMatchObject({
      verdict: 'delete',
      reason: expect.stringMatching(/^never used, created 31 days ago \(.*\), limit 30; announced on /),
    });
    expect(applyPatRules({ created: at(10), lastUsed: null }, undefined, pats, NOW).verdict).toBe('keep');
  });

  it('never deletes on an announcement dated in the future (clock skew)', () => {
    expect(applyPatRules({ created: at(300), lastUsed: at(200) }, at(-20), pats, NOW).verdict).toBe('keep');
  });

  it.each([
    ['unused', { lastUsed: 90 }, 89, 90],
    ['never used', { lastUsed: null }, 29, 30],
  ])('is due on the day a %s token reaches its limit exactly, not the day before', (_what, { lastUsed }, before, limit) => {
    const dates = (days: number) => ({ created: lastUsed === null ? at(days) : at(300), lastUsed: lastUsed === null ? null : at(days) });
    const announced = at(20);
    expect(applyPatRules(dates(limit), announced, pats, NOW)).toMatchObject({ verdict: 'delete', due: true, inactiveDays: limit });
    expect(applyPatRules(dates(before), announced, pats, NOW)).toMatchObject({ verdict: 'keep', due: false, inactiveDays: before });
  });
});
