import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lambdas/core/dates.js';
import type { PersonalAccessToken } from '../../lambdas/core/model/personal-access-token.js';
import { parsePolicy, type Policy } from '../../lambdas/core/model/policy.js';
import { parseIsoTime } from '../../lambdas/core/parse-iso-date.js';
import { evaluatePats } from '../../lambdas/core/plan/evaluate-pats.js';
import type { PatAnnouncements } from '../../lambdas/core/plan/pat-announcements.js';
import { checkGuard } from '../../lambdas/core/rules/check-guard.js';
import { NOW } from './make-client.js';
import { makePat } from './make-pat.js';

/** Fixed seed: a failure reproduces exactly; fast-check prints the counterexample. */
const RUN = { seed: 20_261_201, numRuns: 300 } as const;
const SELF = 'p0';
const OWNERS = [
  { id: 'o1', name: 'Ada Lovelace' },
  { id: 'o2', name: null },
  { id: 'o3', name: 'Grace Hopper' },
] as const;
const NAME_PATTERNS = ['^svc-', 'bot$', '^$'];

/** A small id space, so exempt ids, announcements and the self id actually hit generated tokens. */
const idArb = fc.integer({ min: 0, max: 31 }).map((n) => `p${n}`);

/** Instants clustered around the thresholds, at any time of day, a few in the future. */
const instantArb = fc
  .tuple(fc.integer({ min: -5, max: 300 }), fc.integer({ min: 0, max: DAY_MS - 1 }))
  .map(([days, ms]) => NOW.getTime() - days * DAY_MS - ms);
const dateArb = fc.oneof(
  { weight: 12, arbitrary: instantArb.map((ms) => new Date(ms).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('garbage', '', '2026-02-30T00:00:00Z') },
);

const tokenArb = fc
  .record({
    id: idArb,
    name: fc.option(fc.constantFrom('svc-export', 'ci-bot', 'Build', ''), { nil: null }),
    owner: fc.constantFrom(...OWNERS),
    managed: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    lastUsed: fc.option(dateArb, { nil: null, freq: 3 }),
    created: dateArb,
  })
  .map((fields): PersonalAccessToken => makePat(fields));
const tokensArb = fc.uniqueArray(tokenArb, { selector: (token) => token.id, maxLength: 30 });

/** Earlier announcements, or none at all (no archive). */
const announcementsArb = fc.option(
  fc
    .dictionary(idArb, fc.array(instantArb, { minLength: 1, maxLength: 3 }), { minKeys: 8, maxKeys: 32 })
    .map((record): PatAnnouncements => new Map(Object.entries(record))),
  { nil: undefined, freq: 5 },
);

const patsArb = fc.record({
  deleteAfterDays: fc.integer({ min: 1, max: 150 }),
  neverUsedDays: fc.integer({ min: 1, max: 100 }),
  warnDays: fc.integer({ min: 1, max: 30 }),
  exempt: fc.record({
    ids: fc.array(idArb, { maxLength: 4 }),
    names: fc.subarray(NAME_PATTERNS),
    ownerIds: fc.subarray(OWNERS.map((owner) => owner.id), { maxLength: 1 }),
  }),
});
type RawPats = typeof patsArb extends fc.Arbitrary<infer T> ? T : never;

const toPolicy = (pats: RawPats): Policy => parsePolicy({ pats: { enabled: true, ...pats } });
const evaluate = (tokens: readonly PersonalAccessToken[], policy: Policy, announcements: PatAnnouncements | undefined) =>
  evaluatePats({ tokens, policy, now: NOW, selfClientId: SELF, announcements });

/** Oracles written apart from the code under test. */
function isUntouchable(token: PersonalAccessToken, pats: Policy['pats']): boolean {
  return (
    token.id === SELF ||
    token.managed ||
    pats.exempt.ids.includes(token.id) ||
    pats.exempt.ownerIds.includes(token.owner.id) ||
    pats.exempt.names.some((source) => new RegExp(source).test(token.name ?? ''))
  );
}

/** An announcement made after the token's last use and at least warnDays UTC calendar days before now. */
function hasOldEnoughAnnouncement(token: PersonalAccessToken, pats: Policy['pats'], announcements: PatAnnouncements | undefined): boolean {
  const since = parseIsoTime(token.lastUsed ?? token.created);
  if (since === undefined) return false;
  const today = Math.floor(NOW.getTime() / DAY_MS);
  return (announcements?.get(token.id) ?? []).some((at) => at > since && today - Math.floor(at / DAY_MS) >= pats.warnDays);
}

describe('personal access token properties', () => {
  it('never plans or announces a managed, self or exempt token', () => {
    fc.assert(
      fc.property(tokensArb, patsArb, announcementsArb, (tokens, raw, announcements) => {
        const policy = toPolicy(raw);
        const evaluation = evaluate(tokens, policy, announcements);
        const byId = new Map(tokens.map((token) => [token.id, token]));
        for (const item of [...evaluation.plan, ...evaluation.upcoming]) {
          expect(isUntouchable(byId.get(item.clientId)!, policy.pats)).toBe(false);
        }
        for (const token of tokens) {
          if (isUntouchable(token, policy.pats)) expect(evaluation.exempt.some((entry) => entry.clientId === token.id)).toBe(true);
        }
      }),
      RUN,
    );
  });

  it('never deletes a token without an announcement at least warnDays old, made since its last use; nothing without an archive', () => {
    fc.assert(
      fc.property(tokensArb, patsArb, announcementsArb, (tokens, raw, announcements) => {
        const policy = toPolicy(raw);
        const { plan } = evaluate(tokens, policy, announcements);
        if (announcements === undefined) expect(plan).toEqual([]);
        const byId = new Map(tokens.map((token) => [token.id, token]));
        for (const action of plan) {
          expect(action).toMatchObject({ credential: 'personal-access-token', kind: 'delete' });
          expect(hasOldEnoughAnnouncement(byId.get(action.clientId)!, policy.pats, announcements)).toBe(true);
        }
      }),
      RUN,
    );
  });

  it('never adds a deletion when any threshold is raised or an exemption added', () => {
    const raiseArb = fc.record({
      deleteAfterDays: fc.integer({ min: 0, max: 100 }),
      neverUsedDays: fc.integer({ min: 0, max: 100 }),
      warnDays: fc.integer({ min: 0, max: 30 }),
      exemptIds: fc.array(idArb, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(tokensArb, patsArb, raiseArb, announcementsArb, (tokens, raw, raise, announcements) => {
        const raised: RawPats = {
          deleteAfterDays: raw.deleteAfterDays + raise.deleteAfterDays,
          neverUsedDays: raw.neverUsedDays + raise.neverUsedDays,
          warnDays: raw.warnDays + raise.warnDays,
          exempt: { ...raw.exempt, ids: [...raw.exempt.ids, ...raise.exemptIds] },
        };
        const before = new Set(evaluate(tokens, toPolicy(raw), announcements).plan.map((action) => action.clientId));
        for (const action of evaluate(tokens, toPolicy(raised), announcements).plan) expect(before.has(action.clientId)).toBe(true);
      }),
      RUN,
    );
  });

  it('gives the same plan, announcements and inventory whatever the list order', () => {
    fc.assert(
      fc.property(tokensArb, patsArb, announcementsArb, fc.integer(), (tokens, raw, announcements, seed) => {
        const policy = toPolicy(raw);
        const first = evaluate(tokens, policy, announcements);
        const shuffled = fc.sample(fc.shuffledSubarray(tokens, { minLength: tokens.length }), { seed, numRuns: 1 })[0]!;
        const other = evaluate(shuffled, policy, announcements);
        expect(other.plan).toEqual(first.plan);
        expect(other.upcoming).toEqual(first.upcoming);
        expect(other.exempt).toEqual(first.exempt);
        expect(other.inventory).toEqual(first.inventory);
      }),
      RUN,
    );
  });

  it('counts token deletions towards maxActions with the clients, and maxFraction against the token total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.record({ maxActions: fc.integer({ min: 0, max: 80 }), maxFraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
        (clientChanges, extraClients, tokenChanges, extraTokens, limits) => {
          const plan = [
            ...Array.from({ length: clientChanges }, (_, i) => ({ credential: 'oauth-client' as const, kind: 'disable' as const, clientId: `c${i}`, name: 'n', reason: 'r' })),
            ...Array.from({ length: tokenChanges }, (_, i) => ({ credential: 'personal-access-token' as const, kind: 'delete' as const, clientId: `p${i}`, name: 'n', reason: 'r' })),
          ];
          const clients = clientChanges + extraClients;
          const tokens = tokenChanges + extraTokens;
          const within =
            plan.length === 0 ||
            (plan.length <= limits.maxActions &&
              (clientChanges === 0 || clientChanges / clients <= limits.maxFraction) &&
              (tokenChanges === 0 || tokenChanges / tokens <= limits.maxFraction));
          expect(checkGuard(plan, clients, limits, tokens).allowed).toBe(within);
        },
      ),
      RUN,
    );
  });
});
