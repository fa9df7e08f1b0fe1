import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../../support/config-error-of.js';
import { DEFAULT_POLICY, parsePolicy, parsePolicyJson } from '../../../lambdas/core/model/policy.js';

describe('parsePolicy', () => {
  it('fills every documented default for an empty policy', () => {
    expect(parsePolicy({})).toEqual({
      mode: 'report',
      disableAfterDays: 90,
      neverUsedDays: 30,
      deleteAfterDays: 180,
      deleteGraceDays: 14,
      warnDays: 14,
      exempt: { ids: [], names: [], internal: true },
      limits: { maxActions: 50, maxFraction: 0.25 },
      rotation: { enabled: false, maxAgeDays: 90, overlapDays: 7, secretPrefix: 'isc-oauth-janitor/clients/', names: [] },
      pats: { enabled: false, deleteAfterDays: 90, neverUsedDays: 30, warnDays: 14, exempt: { ids: [], names: [], ownerIds: [] } },
      creation: { forbiddenScopes: ['sp:scopes:all'], allowedScopes: null, maxAccessTokenValiditySeconds: 43_200, allowInternal: false },
      owners: { fromAuditEvents: false, map: [] },
    });
    expect(DEFAULT_POLICY).toEqual(parsePolicy({}));
  });

  it('treats null and undefined as an empty policy', () => {
    expect(parsePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(parsePolicy(undefined)).toEqual(DEFAULT_POLICY);
  });

  it('keeps given values and defaults the rest of a nested object', () => {
    const policy = parsePolicy({ mode: 'enforce', exempt: { ids: ['a'] }, limits: { maxActions: 5 } });
    expect(policy.mode).toBe('enforce');
    expect(policy.exempt).toEqual({ ids: ['a'], names: [], internal: true });
    expect(policy.limits).toEqual({ maxActions: 5, maxFraction: 0.25 });
  });

  it('returns a deeply frozen policy', () => {
    const policy = parsePolicy({ exempt: { ids: ['a'] } });
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.exempt)).toBe(true);
    expect(Object.isFrozen(policy.exempt.ids)).toBe(true);
  });

  it.each([
    ['an unknown field', { disableAfterDay: 90 }, 'disableAfterDay', 'unknown field'],
    ['an unknown nested field', { limits: { maxAction: 3 } }, 'limits.maxAction', 'unknown field'],
    ['a wrong type', { disableAfterDays: '90' }, 'disableAfterDays', 'must be a number of days'],
    ['a fractional day count', { warnDays: 1.5 }, 'warnDays', 'whole number'],
    ['a negative day count', { warnDays: -1 }, 'warnDays', 'must be 0 or more'],
    ['deleteGraceDays of 0 (a second run would delete what the first just disabled)', { deleteGraceDays: 0 }, 'deleteGraceDays', 'must be at least 1 day'],
    ['a negative deleteGraceDays', { deleteGraceDays: -1 }, 'deleteGraceDays', 'must be'],
    ['a negative maxActions', { limits: { maxActions: -1 } }, 'limits.maxActions', 'must be 0 or more'],
    ['a fraction above 1', { limits: { maxFraction: 1.5 } }, 'limits.maxFraction', 'between 0 and 1'],
    ['a fraction below 0', { limits: { maxFraction: -0.1 } }, 'limits.maxFraction', 'between 0 and 1'],
    ['an unknown mode', { mode: 'yolo' }, 'mode', 'must be "report" or "enforce"'],
    ['a wrong type for exempt.internal', { exempt: { internal: 'yes' } }, 'exempt.internal', 'boolean'],
    ['an invalid regex', { exempt: { names: ['ok', '(unclosed'] } }, 'exempt.names[1]', 'not a valid RE2 regular expression (missing closing )'],
    ['a backreference', { exempt: { names: ['^(a)\\1$'] } }, 'exempt.names[0]', 'backreference, which needs a backtracking engine'],
    ['a lookahead', { rotation: { names: ['^ci-(?!prod)'] } }, 'rotation.names[0]', 'lookahead or lookbehind'],
    ['deleteAfterDays equal to disableAfterDays', { deleteAfterDays: 90 }, 'deleteAfterDays', 'greater than disableAfterDays (90)'],
    ['deleteAfterDays below disableAfterDays', { disableAfterDays: 100, deleteAfterDays: 99 }, 'deleteAfterDays', 'greater than'],
  ])('rejects %s, naming the field', (_case, raw, field, words) => {
    const error = configErrorOf(() => parsePolicy(raw));
    expect(error.fields).toContain(field);
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(words);
  });

  it.each([
    ['{"__proto__": {"mode": "enforce"}}', '__proto__'],
    ['{"exempt": {"__proto__": {"internal": false}}}', 'exempt.__proto__'],
    ['{"constructor": {"prototype": {}}}', 'constructor'],
  ])('rejects the prototype-pollution key in %s without polluting Object.prototype', (json, field) => {
    const error = configErrorOf(() => parsePolicy(JSON.parse(json)));
    expect(error.fields).toContain(field);
    expect(({} as Record<string, unknown>)['mode']).toBeUndefined();
    expect(({} as Record<string, unknown>)['internal']).toBeUndefined();
  });

  it('names every wrong field at once', () => {
    const error = configErrorOf(() => parsePolicy({ warnDays: -2, limits: { maxFraction: 2 }, extra: true }));
    expect([...error.fields].sort()).toEqual(['extra', 'limits.maxFraction', 'warnDays']);
  });

  it('names the source in the message', () => {
    expect(configErrorOf(() => parsePolicy({ mode: 1 }, 'policy file ./p.json')).message).toMatch(
      /^Invalid policy file \.\/p\.json: mode: /,
    );
  });
});

describe('parsePolicyJson', () => {
  it('parses policy text', () => {
    expect(parsePolicyJson('{"mode":"enforce"}').mode).toBe('enforce');
  });

  it('reports broken JSON as a ConfigError naming the source', () => {
    const error = configErrorOf(() => parsePolicyJson('{"mode":', 'POLICY_JSON'));
    expect(error.message).toMatch(/^Invalid POLICY_JSON: not valid JSON/);
  });

  it('validates the parsed JSON like parsePolicy', () => {
    expect(configErrorOf(() => parsePolicyJson('{"neverUsedDays": -5}')).fields).toEqual(['neverUsedDays']);
  });
});
