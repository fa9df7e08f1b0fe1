import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../../lambdas/core/config-error.js';
import { mergePolicyInput } from '../../../lambdas/core/model/merge-policy-input.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';

describe('mergePolicyInput', () => {
  it('merges objects deeply, the override winning', () => {
    const base = { mode: 'report', disableAfterDays: 60, limits: { maxActions: 10, maxFraction: 0.1 } };
    const override = { mode: 'enforce', limits: { maxActions: 20 } };
    expect(mergePolicyInput(base, override)).toEqual({
      mode: 'enforce',
      disableAfterDays: 60,
      limits: { maxActions: 20, maxFraction: 0.1 },
    });
  });

  it('replaces arrays instead of concatenating them', () => {
    const merged = mergePolicyInput({ exempt: { ids: ['a', 'b'], internal: false } }, { exempt: { ids: ['c'] } });
    expect(merged).toEqual({ exempt: { ids: ['c'], internal: false } });
  });

  it('returns a copy of the base when there is no override, and leaves both inputs untouched', () => {
    const base = { exempt: { ids: ['a'] } };
    const override = { exempt: { names: ['^x'] } };
    const merged = mergePolicyInput(base, override) as { exempt: { ids: string[] } };
    merged.exempt.ids.push('mutated');
    expect(base).toEqual({ exempt: { ids: ['a'] } });
    expect(override).toEqual({ exempt: { names: ['^x'] } });
    const copy = mergePolicyInput(base, undefined);
    expect(copy).toEqual(base);
    expect(copy).not.toBe(base);
  });

  it('lets a non-object override replace the base, so parsePolicy reports it', () => {
    expect(mergePolicyInput({ limits: { maxActions: 1 } }, { limits: 5 })).toEqual({ limits: 5 });
    expect(mergePolicyInput(undefined, { mode: 'enforce' })).toEqual({ mode: 'enforce' });
    expect(() => parsePolicy(mergePolicyInput({}, { limits: 5 }))).toThrow(/limits/);
  });

  it('feeds parsePolicy a valid merged policy', () => {
    const policy = parsePolicy(mergePolicyInput({ disableAfterDays: 60 }, { deleteAfterDays: 61 }));
    expect([policy.disableAfterDays, policy.deleteAfterDays]).toEqual([60, 61]);
  });

  it.each([
    ['{"__proto__": {"polluted": true}}', 'override', '__proto__'],
    ['{"exempt": {"__proto__": {"polluted": true}}}', 'override', 'exempt.__proto__'],
    ['{"limits": {"constructor": {"prototype": {"polluted": true}}}}', 'override', 'limits.constructor'],
    ['{"exempt": {"ids": [{"prototype": 1}]}}', 'override', 'exempt.ids[0].prototype'],
    ['{"__proto__": {"polluted": true}}', 'base', '__proto__'],
  ])('rejects %s in the %s, naming the field and polluting nothing', (json, side, field) => {
    const raw: unknown = JSON.parse(json);
    let caught: unknown;
    try {
      if (side === 'base') mergePolicyInput(raw, {});
      else mergePolicyInput({ exempt: {} }, raw);
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    if (!isConfigError(caught)) return;
    expect(caught.fields).toEqual([field]);
    expect(caught.message).toContain(`${field}: the key`);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
