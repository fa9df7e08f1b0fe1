import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGuard } from '../../lambdas/core/rules/check-guard.js';
import { evaluateTenant } from '../../lambdas/core/plan/evaluate-tenant.js';
import { parseIsoDate } from '../../lambdas/core/parse-iso-date.js';
import type { Policy } from '../../lambdas/core/model/policy.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import { makeClient, NOW } from './make-client.js';

/** Fixed seed: a failure reproduces exactly; fast-check prints the counterexample. */
const RUN = { seed: 20_261_123, numRuns: 300 } as const;
const DAY = 86_400_000;
const SELF = 'c0';
const NAME_PATTERNS = ['^svc-', 'bot$', '^$'];

/** Small id space, so exempt id lists and the self id actually hit generated clients. */
const idArb = fc.integer({ min: 0, max: 63 }).map((n) => `c${n}`);

/** Mostly real dates clustered around the thresholds, some in the future, some unreadable. */
const dateArb = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.integer({ min: -20, max: 400 }), fc.constantFrom(0, 1, DAY / 2, DAY - 1)) },
  { weight: 1, arbitrary: fc.constantFrom('garbage', '', '2026-02-30T00:00:00Z', 'yesterday', '2026-11-23T02:00:00') },
).map((value) => (typeof value === 'string' ? value : new Date(NOW.getTime() - value[0] * DAY - value[1]).toISOString()));

const clientArb = fc
  .record({
    id: idArb,
    name: fc.option(fc.constantFrom('svc-payroll', 'ci-bot', 'Build', 'legacy sync', ''), { nil: null }),
    enabled: fc.boolean(),
    internal: fc.boolean(),
    lastUsed: fc.option(dateArb, { nil: null, freq: 4 }),
    created: dateArb,
    modified: dateArb,
    scope: fc.constantFrom<string[] | null>(['sp:scopes:all'], ['sp:oauth-client:read'], null),
  })
  .map((fields): OAuthClient => makeClient(fields));

const clientsArb = fc.uniqueArray(clientArb, { selector: (client) => client.id, maxLength: 40 });

const policyInputArb = fc.record({
  disableAfterDays: fc.integer({ min: 0, max: 200 }),
  neverUsedDays: fc.integer({ min: 0, max: 200 }),
  deleteAfterDays: fc.integer({ min: 1, max: 200 }),
  deleteGraceDays: fc.integer({ min: 1, max: 60 }),
  warnDays: fc.integer({ min: 0, max: 30 }),
  exempt: fc.record({ ids: fc.array(idArb, { maxLength: 8 }), names: fc.subarray(NAME_PATTERNS), internal: fc.boolean() }),
  limits: fc.record({ maxActions: fc.integer({ min: 0, max: 60 }), maxFraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
});
type RawPolicy = typeof policyInputArb extends fc.Arbitrary<infer T> ? T : never;

/** deleteAfterDays is generated as an offset above disableAfterDays, so every policy is valid. */
const toPolicy = (raw: RawPolicy): Policy =>
  parsePolicy({ ...raw, deleteAfterDays: raw.disableAfterDays + raw.deleteAfterDays });

const evaluate = (clients: readonly OAuthClient[], policy: Policy) =>
  evaluateTenant({ clients, policy, now: NOW, selfClientId: SELF });

/** An oracle written apart from the code under test. */
function isExempt(client: OAuthClient, policy: Policy): boolean {
  return (
    client.id === SELF ||
    policy.exempt.ids.includes(client.id) ||
    policy.exempt.names.some((source) => new RegExp(source).test(client.name ?? '')) ||
    (policy.exempt.internal && client.internal)
  );
}

const unreadable = (client: OAuthClient) =>
  [client.lastUsed ?? NOW.toISOString(), client.created, client.modified].some((text) => parseIsoDate(text) === undefined);

describe('evaluation properties', () => {
  it('never plans or announces an action on an exempt, self or unreadable client', () => {
    fc.assert(
      fc.property(clientsArb, policyInputArb, (clients, raw) => {
        const policy = toPolicy(raw);
        const evaluation = evaluate(clients, policy);
        const byId = new Map(clients.map((client) => [client.id, client]));
        for (const item of [...evaluation.plan, ...evaluation.upcoming]) {
          const client = byId.get(item.clientId);
          expect(client).toBeDefined();
          expect(isExempt(client!, policy)).toBe(false);
          expect(unreadable(client!)).toBe(false);
        }
      }),
      RUN,
    );
  });

  it('never deletes an enabled client, and only disables enabled ones', () => {
    fc.assert(
      fc.property(clientsArb, policyInputArb, (clients, raw) => {
        const byId = new Map(clients.map((client) => [client.id, client]));
        for (const action of evaluate(clients, toPolicy(raw)).plan) {
          expect(byId.get(action.clientId)?.enabled).toBe(action.kind === 'disable');
        }
      }),
      RUN,
    );
  });

  it('never adds an action when any threshold is raised', () => {
    const raiseArb = fc.record({
      disableAfterDays: fc.integer({ min: 0, max: 100 }),
      neverUsedDays: fc.integer({ min: 0, max: 100 }),
      deleteAfterDays: fc.integer({ min: 0, max: 100 }),
      deleteGraceDays: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(clientsArb, policyInputArb, raiseArb, (clients, raw, raise) => {
        const before = toPolicy(raw);
        const disableAfterDays = before.disableAfterDays + raise.disableAfterDays;
        const after = parsePolicy({
          ...raw,
          disableAfterDays,
          neverUsedDays: before.neverUsedDays + raise.neverUsedDays,
          // Still above disableAfterDays, and never below the old value.
          deleteAfterDays: Math.max(before.deleteAfterDays + raise.deleteAfterDays, disableAfterDays + 1),
          deleteGraceDays: before.deleteGraceDays + raise.deleteGraceDays,
        });
        const planned = new Set(evaluate(clients, before).plan.map((action) => `${action.kind}:${action.clientId}`));
        for (const action of evaluate(clients, after).plan) {
          expect(planned.has(`${action.kind}:${action.clientId}`)).toBe(true);
        }
      }),
      RUN,
    );
  });

  it('gives the same result for the same input and now, whatever the list order', () => {
    fc.assert(
      fc.property(clientsArb, policyInputArb, fc.integer(), (clients, raw, seed) => {
        const policy = toPolicy(raw);
        const first = evaluate(clients, policy);
        expect(evaluate(clients.map((client) => ({ ...client })), policy)).toEqual(first);
        const shuffled = fc.sample(fc.shuffledSubarray(clients, { minLength: clients.length }), { seed, numRuns: 1 })[0]!;
        const other = evaluate(shuffled, policy);
        expect(other.plan).toEqual(first.plan);
        expect(other.upcoming).toEqual(first.upcoming);
        expect(other.counts).toEqual(first.counts);
        expect(other.inventory).toEqual(first.inventory);
        expect([...other.warnings].sort()).toEqual([...first.warnings].sort());
      }),
      RUN,
    );
  });
});

describe('checkGuard properties', () => {
  const limitsArb = fc.record({
    maxActions: fc.integer({ min: 0, max: 300 }),
    maxFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('lets a plan through exactly when it is within both limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), limitsArb, (size, extra, limits) => {
        const total = size + extra;
        const plan = Array.from({ length: size }, (_, index) => ({
          credential: 'oauth-client' as const,
          kind: index % 2 === 0 ? ('disable' as const) : ('delete' as const),
          clientId: `c${index}`,
          name: 'n',
          reason: 'r',
        }));
        const within = size === 0 || (size <= limits.maxActions && size / total <= limits.maxFraction);
        expect(checkGuard(plan, total, limits).allowed).toBe(within);
      }),
      RUN,
    );
  });

  it('never lets an evaluated plan through beyond its limits', () => {
    fc.assert(
      fc.property(clientsArb, policyInputArb, (clients, raw) => {
        const policy = toPolicy(raw);
        const { plan, counts } = evaluate(clients, policy);
        const verdict = checkGuard(plan, counts.total, policy.limits);
        if (verdict.allowed && plan.length > 0) {
          expect(plan.length).toBeLessThanOrEqual(policy.limits.maxActions);
          expect(plan.length / counts.total).toBeLessThanOrEqual(policy.limits.maxFraction);
        }
        if (!verdict.allowed) expect(verdict.reason).toMatch(/^the plan would change \d+ of \d+ clients .*; nothing was changed$/);
      }),
      RUN,
    );
  });
});
