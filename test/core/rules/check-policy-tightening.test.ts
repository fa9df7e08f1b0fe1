import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, type Policy, type PolicyInput } from '../../../lambdas/core/model/policy.js';
import { checkPolicyTightening } from '../../../lambdas/core/rules/check-policy-tightening.js';

/** Fixed seed: a failure reproduces exactly; fast-check prints the counterexample. */
const RUN = { seed: 20_261_206, numRuns: 400 } as const;

type Json = Record<string, unknown>;

/**
 * For every policy field, one way to tighten it and one to loosen it, by `step` (1 or more).
 * Undefined: this value cannot move that way (report mode cannot be tightened further).
 */
interface Move {
  readonly tighten: (value: never, step: number) => unknown;
  readonly loosen: (value: never, step: number) => unknown;
}

/** Days, thresholds, grace: longer is tighter. */
const days = (min: number): Move => ({
  tighten: (value: number, step: number) => value + step,
  loosen: (value: number, step: number) => (value - step >= min ? value - step : value > min ? min : undefined),
});
/** A protective list (exemptions, forbidden scopes): adding is tighter. */
const protective = (entry: (step: number) => string): Move => ({
  tighten: (list: string[], step: number) => [...list, entry(step)],
  loosen: (list: string[], step: number) => (list.length === 0 ? undefined : list.filter((entry) => entry !== list[step % list.length])),
});
/** A permissive list (what rotation manages): removing is tighter. */
const permissive = (entry: (step: number) => string): Move => ({
  tighten: (list: string[], step: number) => list.filter((_, index) => list.length === 0 || index !== step % list.length),
  loosen: (list: string[], step: number) => [...list, entry(step)],
});
const protectiveSwitch: Move = { tighten: () => true, loosen: (on: boolean) => (on ? false : undefined) };
const permissiveSwitch: Move = { tighten: () => false, loosen: (on: boolean) => (on ? undefined : true) };

const MOVES: Readonly<Record<string, Move>> = {
  mode: { tighten: () => 'report', loosen: (mode: string) => (mode === 'report' ? 'enforce' : undefined) },
  disableAfterDays: days(0),
  neverUsedDays: days(0),
  deleteAfterDays: days(0),
  deleteGraceDays: days(1),
  warnDays: days(0),
  'exempt.ids': protective((step) => `exempt-${step}`),
  'exempt.names': protective((step) => `^extra-${step}$`),
  'exempt.internal': protectiveSwitch,
  'limits.maxActions': {
    tighten: (value: number, step: number) => Math.max(0, value - step),
    loosen: (value: number, step: number) => value + step,
  },
  'limits.maxFraction': {
    tighten: (value: number, step: number) => value / (step + 1),
    loosen: (value: number, step: number) => (value < 1 ? Math.min(1, value + step / 100) : undefined),
  },
  'rotation.enabled': permissiveSwitch,
  'rotation.maxAgeDays': days(1),
  'rotation.overlapDays': days(0),
  'rotation.secretPrefix': { tighten: (prefix: string) => prefix, loosen: (prefix: string, step: number) => `${prefix}moved-${step}/` },
  'rotation.names': permissive((step) => `^rotated-${step}$`),
  'pats.enabled': permissiveSwitch,
  'pats.deleteAfterDays': days(1),
  'pats.neverUsedDays': days(1),
  'pats.warnDays': days(1),
  'pats.exempt.ids': protective((step) => `pat-${step}`),
  'pats.exempt.names': protective((step) => `^pat-${step}$`),
  'pats.exempt.ownerIds': protective((step) => `owner-${step}`),
  'creation.forbiddenScopes': protective((step) => `forbidden:${step}`),
  'creation.allowedScopes': {
    tighten: (list: string[] | null, step: number) => (list === null ? [`allowed:${step}`] : permissive(() => '').tighten(list as never, step)),
    loosen: (list: string[] | null, step: number) => (list === null ? undefined : step % 2 === 0 ? null : [...list, `allowed:new-${step}`]),
  },
  'creation.maxAccessTokenValiditySeconds': {
    tighten: (value: number, step: number) => Math.max(1, value - step),
    loosen: (value: number, step: number) => (value < 31_536_000 ? Math.min(31_536_000, value + step) : undefined),
  },
  'creation.allowInternal': permissiveSwitch,
  'owners.fromAuditEvents': permissiveSwitch,
  // A map entry names an owner, so its clients are never orphans: adding is tighter.
  'owners.map': {
    tighten: (list: unknown[], step: number) => [...list, { ids: [`owned-${step}`], owner: { name: `Team ${step}` } }],
    loosen: (list: unknown[], step: number) => (list.length === 0 ? undefined : list.filter((_, index) => index !== step % list.length)),
  },
};
const FIELDS = Object.keys(MOVES);

function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

function get(policy: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json)[key], policy);
}

function set(policy: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  (keys.reduce<unknown>((node, key) => (node as Json)[key], policy) as Json)[last] = value;
}

/** Valid policies of every shape: thresholds around the defaults, lists empty or not, each switch either way. */
const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    mode: fc.constantFrom('report', 'enforce'),
    disableAfterDays: fc.integer({ min: 0, max: 400 }),
    deleteGap: fc.integer({ min: 1, max: 400 }),
    neverUsedDays: fc.integer({ min: 0, max: 400 }),
    deleteGraceDays: fc.integer({ min: 1, max: 60 }),
    warnDays: fc.integer({ min: 0, max: 60 }),
    exempt: fc.record({ ids: fc.subarray(['a', 'b', 'c']), names: fc.subarray(['^svc-', 'bot$']), internal: fc.boolean() }),
    limits: fc.record({ maxActions: fc.integer({ min: 0, max: 1_000 }), maxFraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
    rotation: fc.record({ enabled: fc.boolean(), maxAgeDays: fc.integer({ min: 1, max: 400 }), overlapDays: fc.integer({ min: 0, max: 30 }), names: fc.subarray(['^ci-', '^deploy$']) }),
    pats: fc.record({
      enabled: fc.boolean(),
      deleteAfterDays: fc.integer({ min: 1, max: 400 }),
      neverUsedDays: fc.integer({ min: 1, max: 400 }),
      warnDays: fc.integer({ min: 1, max: 60 }),
      exempt: fc.record({ ids: fc.subarray(['p1', 'p2']), names: fc.subarray(['^janitor']), ownerIds: fc.subarray(['o1']) }),
    }),
    creation: fc.record({
      forbiddenScopes: fc.subarray(['sp:scopes:all', 'idn:all']),
      allowedScopes: fc.option(fc.subarray(['sp:search:read', 'idn:identity:read']), { nil: null }),
      maxAccessTokenValiditySeconds: fc.integer({ min: 1, max: 31_536_000 }),
      allowInternal: fc.boolean(),
    }),
  })
  .map(({ deleteGap, ...input }) => parsePolicy({ ...input, deleteAfterDays: input.disableAfterDays + deleteGap } satisfies PolicyInput));

/** Moves `fields` of `ceiling` one way; undefined when one cannot move or the result is not a valid policy. */
function moved(ceiling: Policy, fields: readonly (readonly [string, number])[], way: keyof Move): Policy | undefined {
  const raw = structuredClone(ceiling) as unknown as Json;
  for (const [field, step] of fields) {
    const next = MOVES[field]![way](get(raw, field) as never, step);
    if (next === undefined) return undefined;
    set(raw, field, next);
  }
  try {
    return parsePolicy(raw);
  } catch {
    return undefined;
  }
}

const stepsArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 1, max: 50 })), { selector: ([field]) => field, maxLength: FIELDS.length });

describe('checkPolicyTightening', () => {
  it('has a tightening and a loosening move for every policy field (a new field must say which way is looser)', () => {
    expect(FIELDS.sort()).toEqual(leafPaths(DEFAULT_POLICY).sort());
  });

  it('lets orphanStaleDays only grow, and never appear where orphans had no shorter threshold', () => {
    const without = parsePolicy({ owners: { fromAuditEvents: true } });
    const with30 = parsePolicy({ owners: { fromAuditEvents: true, orphanStaleDays: 30 } });
    const with60 = parsePolicy({ owners: { fromAuditEvents: true, orphanStaleDays: 60 } });
    expect(checkPolicyTightening(without, with30).loosenings).toEqual([{ field: 'owners.orphanStaleDays', reason: 'sets it to 30 days where orphans had no shorter threshold' }]);
    expect(checkPolicyTightening(with60, with30).loosenings).toEqual([{ field: 'owners.orphanStaleDays', reason: 'shortens it from 60 to 30 days' }]);
    expect(checkPolicyTightening(with30, with60).verdict).toBe('tightens');
    expect(checkPolicyTightening(with30, without).verdict).toBe('tightens');
    const noticed = parsePolicy({ owners: { fromAuditEvents: true, notices: { from: 'janitor@example.com', daysBefore: 7 } } });
    expect(checkPolicyTightening(without, noticed).verdict).toBe('tightens');
  });

  it('accepts a policy compared with itself', () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        expect(checkPolicyTightening(policy, policy)).toEqual({ verdict: 'tightens', loosenings: [] });
      }),
      RUN,
    );
  });

  it('always accepts a tightening: any fields moved towards doing less', () => {
    fc.assert(
      fc.property(policyArb, stepsArb, (ceiling, steps) => {
        const candidate = moved(ceiling, steps, 'tighten');
        fc.pre(candidate !== undefined);
        expect(checkPolicyTightening(ceiling, candidate)).toEqual({ verdict: 'tightens', loosenings: [] });
      }),
      RUN,
    );
  });

  it('always refuses a loosening, naming exactly the loosened field, whatever else is tightened', () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom(...FIELDS), fc.integer({ min: 1, max: 50 }), stepsArb, (ceiling, field, step, others) => {
        const tightened = moved(ceiling, others.filter(([other]) => other !== field), 'tighten');
        fc.pre(tightened !== undefined);
        const candidate = moved(tightened, [[field, step]], 'loosen');
        fc.pre(candidate !== undefined);
        const verdict = checkPolicyTightening(ceiling, candidate);
        expect(verdict.verdict).toBe('loosens');
        expect(verdict.loosenings.map((loosening) => loosening.field)).toEqual([field]);
      }),
      RUN,
    );
  });

  it('says what each loosening changes, in words', () => {
    const ceiling = parsePolicy({ exempt: { names: ['^svc-', '^ci-'], ids: ['secret-looking-id'] }, creation: { allowedScopes: ['sp:search:read'] } });
    const candidate = parsePolicy({
      mode: 'enforce',
      disableAfterDays: 30,
      exempt: { names: [], ids: [] },
      limits: { maxActions: 100_000, maxFraction: 1 },
      rotation: { enabled: true, names: ['^all'], secretPrefix: 'elsewhere/' },
      creation: { allowedScopes: null },
    });

    expect(checkPolicyTightening(ceiling, candidate).loosenings).toEqual([
      { field: 'mode', reason: 'asks for "enforce" over report mode' },
      { field: 'disableAfterDays', reason: 'shortens it from 90 to 30 days' },
      { field: 'exempt.ids', reason: 'removes 1 of its 1 entry (a list replaces the whole list: repeat every entry and add yours)' },
      { field: 'exempt.names', reason: 'removes 2 of its 2 entries (a list replaces the whole list: repeat every entry and add yours)' },
      { field: 'limits.maxActions', reason: 'raises it from 50 to 100000' },
      { field: 'limits.maxFraction', reason: 'raises it from 0.25 to 1' },
      { field: 'rotation.enabled', reason: 'turns it on' },
      { field: 'rotation.secretPrefix', reason: 'changes it' },
      { field: 'rotation.names', reason: 'adds 1 entry' },
      { field: 'creation.allowedScopes', reason: 'allows every scope instead of a list' },
    ]);
  });

  it('allows adding exemptions, report over enforce and lower limits', () => {
    const ceiling = parsePolicy({ mode: 'enforce', exempt: { names: ['^svc-'] } });
    const candidate = parsePolicy({ mode: 'report', exempt: { names: ['^svc-', '^payroll$'], ids: ['c-1'] }, limits: { maxActions: 5, maxFraction: 0.1 }, deleteGraceDays: 30 });

    expect(checkPolicyTightening(ceiling, candidate)).toEqual({ verdict: 'tightens', loosenings: [] });
  });
});
