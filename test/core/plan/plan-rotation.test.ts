import { describe, expect, it } from 'vitest';
import { planRotation, type PlanRotationInput } from '../../../lambdas/core/plan/plan-rotation.js';
import { checkGuard } from '../../../lambdas/core/rules/check-guard.js';
import { parsePolicy, type PolicyInput } from '../../../lambdas/core/model/policy.js';
import type { ManagedClientSecret } from '../../../lambdas/core/ports.js';
import type { OAuthClient } from '../../../lambdas/core/model/oauth-client.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

const SELF = 'self000000000000000000000000self';
const NAME = 'ci-deploy';
const secretNameOf = (name: string) => `isc-oauth-janitor/clients/acme/${name}`;

function plan(clients: OAuthClient[], secrets: Record<string, ManagedClientSecret> = {}, rotation: PolicyInput['rotation'] = {}) {
  const input: PlanRotationInput = {
    clients,
    policy: parsePolicy({ rotation: { enabled: true, names: ['^ci-'], ...rotation } }),
    now: NOW,
    selfClientId: SELF,
    secrets: new Map(Object.entries(secrets)),
    secretNameOf,
  };
  return planRotation(input);
}

const secret = (clientId: string, rotatedDaysAgo: number, previousClientId: string | null = null): ManagedClientSecret => ({
  clientId,
  clientSecret: 'not-a-real-secret',
  baseUrl: 'https://acme.api.identitynow.com',
  rotatedAt: daysAgo(rotatedDaysAgo),
  previousClientId,
});

describe('planRotation', () => {
  it.each([
    [89, []],
    [90, ['rotate']],
  ])('rotates a managed client created %i days ago only from maxAgeDays 90', (age, kinds) => {
    const client = makeClient({ id: 'c1', name: NAME, created: daysAgo(age) });
    expect(plan([client]).plan.map((action) => action.kind)).toEqual(kinds);
  });

  it('gives the rotation a reason an auditor can read and the secret name the executor needs', () => {
    const client = makeClient({ id: 'c1', name: NAME, created: daysAgo(97) });
    expect(plan([client]).plan).toEqual([
      {
        credential: 'oauth-client',
        kind: 'rotate',
        clientId: 'c1',
        name: NAME,
        reason: `created 97 days ago (${daysAgo(97).slice(0, 10)}), maxAgeDays 90`,
        secretName: secretNameOf(NAME),
        rotationStep: 'rotate',
      },
    ]);
  });

  it('lists a rotation due within warnDays as upcoming', () => {
    const client = makeClient({ id: 'c1', name: NAME, created: daysAgo(80) });
    const result = plan([client]);
    expect(result.plan).toEqual([]);
    expect(result.upcoming).toEqual([
      { credential: 'oauth-client', clientId: 'c1', name: NAME, action: 'rotate', on: daysAgo(-10).slice(0, 10), reason: expect.stringMatching(/^created \d+ days ago .*maxAgeDays 90$/) },
    ]);
    expect(plan([makeClient({ name: NAME, created: daysAgo(75) })]).upcoming).toEqual([]);
  });

  it('leaves alone unmanaged, disabled, exempt clients and the janitor itself', () => {
    const old = { created: daysAgo(400) };
    const clients = [
      makeClient({ name: 'payroll', ...old }),
      makeClient({ name: 'ci-off', enabled: false, ...old }),
      makeClient({ id: SELF, name: 'ci-janitor', ...old }),
      makeClient({ name: 'ci-internal', internal: true, ...old }),
    ];
    const result = plan(clients);
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringContaining("ci-internal"),
      expect.stringContaining("exempt: the janitor's own credential"),
    ]);
  });

  it('plans nothing when rotation is disabled', () => {
    expect(plan([makeClient({ name: NAME, created: daysAgo(400) })], {}, { enabled: false }).plan).toEqual([]);
  });

  it('rotates none of several clients sharing a managed name when no secret says which is current', () => {
    const clients = [makeClient({ id: 'a', name: NAME, created: daysAgo(200) }), makeClient({ id: 'b', name: NAME, created: daysAgo(150) })];
    const result = plan(clients);
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual([
      `rotation: 2 enabled clients share the managed name ${NAME} (a, b) and no secret at ${secretNameOf(NAME)} says which is current; none rotated`,
    ]);
  });

  it('takes the current client from the secret, never rotates previousClientId, and waits for the successor\'s own age', () => {
    const previous = makeClient({ id: 'old', name: NAME, created: daysAgo(300), enabled: false });
    const current = makeClient({ id: 'new', name: NAME, created: daysAgo(30) });
    expect(plan([previous, current], { [NAME]: secret('new', 30, 'old') }).plan).toEqual([]);
    const aged = makeClient({ id: 'new', name: NAME, created: daysAgo(90) });
    expect(plan([previous, aged], { [NAME]: secret('new', 90, 'old') }).plan.map((a) => [a.kind, a.clientId])).toEqual([['rotate', 'new']]);
  });

  it.each([
    [6, []],
    [7, [['disable', 'old']]],
  ])('retires an unused predecessor only once overlapDays 7 have passed (%i days)', (since, expected) => {
    const previous = makeClient({ id: 'old', name: NAME, created: daysAgo(300), lastUsed: daysAgo(since, NOW, 1) });
    const current = makeClient({ id: 'new', name: NAME, created: daysAgo(since) });
    const result = plan([previous, current], { [NAME]: secret('new', since, 'old') });
    expect(result.plan.map((a) => [a.kind, a.clientId])).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('says why a predecessor is retired', () => {
    const previous = makeClient({ id: 'old', name: NAME, created: daysAgo(300), lastUsed: null });
    const [action] = plan([previous, makeClient({ id: 'new', name: NAME, created: daysAgo(10) })], { [NAME]: secret('new', 10, 'old') }).plan;
    expect(action).toMatchObject({
      kind: 'disable',
      rotationStep: 'retire-predecessor',
      reason: `rotated on ${daysAgo(10).slice(0, 10)}, replaced by new, unused since (never used); overlapDays 7`,
    });
  });

  it('keeps a predecessor still in use after the overlap, warns, and does not rotate again on top of it', () => {
    const previous = makeClient({ id: 'old', name: NAME, created: daysAgo(300), lastUsed: daysAgo(1) });
    const current = makeClient({ id: 'new', name: NAME, created: daysAgo(95) });
    const result = plan([previous, current], { [NAME]: secret('new', 95, 'old') });
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^rotation: predecessor ci-deploy \(old\) is still in use 95 days after .*: consumers have not picked up the new secret at isc-oauth-janitor\/clients\/acme\/ci-deploy; left enabled$/),
    ]);
  });

  it('deletes a left-over successor created after rotatedAt that the secret does not hold', () => {
    const current = makeClient({ id: 'new', name: NAME, created: daysAgo(40) });
    const leftover = makeClient({ id: 'orphan', name: NAME, created: daysAgo(2), lastUsed: null });
    const older = makeClient({ id: 'older', name: NAME, created: daysAgo(400), enabled: false });
    const result = plan([current, leftover, older], { [NAME]: secret('new', 40, null) });
    expect(result.plan).toEqual([
      expect.objectContaining({ kind: 'delete', clientId: 'orphan', rotationStep: 'remove-leftover', reason: expect.stringContaining('the secret at isc-oauth-janitor/clients/acme/ci-deploy holds new') }),
    ]);
  });

  it('warns and neither rotates nor deletes anything when the secret names a client that no longer exists', () => {
    const result = plan([makeClient({ id: 'x', name: NAME, created: daysAgo(10) })], { [NAME]: secret('gone', 200) });
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('names client gone, which is not in the tenant')]);
  });
});

describe('planRotation for secrets Secrets Manager rotates', () => {
  it('makes no successor for an adopted secret, but still retires its predecessor', () => {
    const previous = makeClient({ id: 'prev', name: NAME, lastUsed: daysAgo(20) });
    const current = makeClient({ id: 'cur', name: NAME, created: daysAgo(200) });
    const result = planRotation({
      clients: [previous, current],
      policy: parsePolicy({ rotation: { enabled: true, names: ['^ci-'] } }),
      now: NOW,
      selfClientId: SELF,
      secrets: new Map([[NAME, secret('cur', 10, 'prev')]]),
      secretNameOf,
      rotatedBySecretsManager: new Map([[NAME, {}]]),
    });
    expect(result.plan.map((action) => [action.kind, action.clientId])).toEqual([['disable', 'prev']]);
  });

  it('does not take the successor a rotation in progress staged for a left-over', () => {
    const current = makeClient({ id: 'cur', name: NAME, created: daysAgo(30) });
    const pending = makeClient({ id: 'pending', name: NAME, created: daysAgo(0), lastUsed: null });
    const input = {
      clients: [current, pending],
      policy: parsePolicy({ rotation: { enabled: true, names: ['^ci-'] } }),
      now: NOW,
      selfClientId: SELF,
      secrets: new Map([[NAME, secret('cur', 30)]]),
      secretNameOf,
    };
    expect(planRotation(input).plan.map((action) => action.rotationStep)).toEqual(['remove-leftover']);
    expect(planRotation({ ...input, rotatedBySecretsManager: new Map([[NAME, { pendingClientId: 'pending' }]]) }).plan).toEqual([]);
  });
});

describe('planRotation at the edges of retirement and succession', () => {
  const rotatedDaysAgo = 10;
  const current = makeClient({ id: 'new', name: NAME, created: daysAgo(rotatedDaysAgo) });
  const unusedPredecessor = (overrides: Partial<OAuthClient> = {}) => makeClient({ id: 'old', name: NAME, created: daysAgo(300), lastUsed: null, ...overrides });

  it.each([
    ['by id', { exempt: { ids: ['old'] } }, {}, 'exempt by id list'],
    ['as internal', {}, { internal: true }, 'exempt as an internal client \\(exempt.internal\\)'],
    ["as the janitor's own", {}, { id: SELF }, "exempt: the janitor's own credential"],
  ])('never disables a predecessor exempt %s at retirement, and says so', (_how, policy, predecessor, words) => {
    const previous = unusedPredecessor(predecessor);
    const result = planRotation({
      clients: [previous, current],
      policy: parsePolicy({ ...policy, rotation: { enabled: true, names: ['^ci-'] } }),
      now: NOW,
      selfClientId: SELF,
      secrets: new Map([[NAME, secret('new', rotatedDaysAgo, previous.id)]]),
      secretNameOf,
    });
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(new RegExp(`^rotation: predecessor ci-deploy \\(${previous.id}\\) is due for retirement but ${words}.*; left enabled$`))]);
  });

  it('retires a predecessor last used exactly at the rotation (a use after it would keep it)', () => {
    const rotatedAt = daysAgo(rotatedDaysAgo);
    const atRotation = plan([unusedPredecessor({ lastUsed: rotatedAt }), current], { [NAME]: secret('new', rotatedDaysAgo, 'old') });
    expect(atRotation.plan.map((action) => [action.kind, action.clientId])).toEqual([['disable', 'old']]);
    const justAfter = plan([unusedPredecessor({ lastUsed: daysAgo(rotatedDaysAgo, NOW, -1) }), current], { [NAME]: secret('new', rotatedDaysAgo, 'old') });
    expect(justAfter.plan).toEqual([]);
    expect(justAfter.warnings).toEqual([expect.stringContaining('is still in use')]);
  });

  it('leaves a predecessor with an unreadable lastUsed enabled, warns, and does not rotate on top of it', () => {
    const aged = makeClient({ id: 'new', name: NAME, created: daysAgo(120) });
    const result = plan([unusedPredecessor({ lastUsed: 'not-a-date' }), aged], { [NAME]: secret('new', 120, 'old') });
    expect(result.plan).toEqual([]);
    expect(result.warnings).toEqual(['rotation: predecessor ci-deploy (old) has an unreadable lastUsed date; left enabled']);
  });

  it('does not rotate a current client again while its predecessor is still in the overlap', () => {
    const due = makeClient({ id: 'new', name: NAME, created: daysAgo(3) });
    const rotation = { maxAgeDays: 2, overlapDays: 7 };
    expect(plan([unusedPredecessor(), due], { [NAME]: secret('new', 3, 'old') }, rotation).plan).toEqual([]);
    // The same client without a predecessor waiting is due.
    expect(plan([due], { [NAME]: secret('new', 3, null) }, rotation).plan.map((action) => action.kind)).toEqual(['rotate']);
  });

  it('never rotates a current client that is disabled', () => {
    const disabled = makeClient({ id: 'new', name: NAME, created: daysAgo(200), enabled: false });
    expect(plan([disabled], { [NAME]: secret('new', 200, null) })).toMatchObject({ plan: [], warnings: [] });
  });

  it('warns about a current client with an unreadable created date instead of rotating or failing', () => {
    const unreadable = makeClient({ id: 'new', name: NAME, created: 'garbage' });
    expect(plan([unreadable], { [NAME]: secret('new', 200, null) })).toMatchObject({
      plan: [],
      warnings: ['rotation: ci-deploy (new) has an unreadable created date; not rotated'],
    });
  });

  it('counts a retirement towards the guard like any other disable of a client', () => {
    const { plan: retirement } = plan([unusedPredecessor(), current], { [NAME]: secret('new', rotatedDaysAgo, 'old') });
    expect(retirement).toEqual([expect.objectContaining({ credential: 'oauth-client', kind: 'disable', rotationStep: 'retire-predecessor' })]);
    // 1 of 2 clients is 50%: over maxFraction 0.25, and counted against the clients, not the tokens.
    expect(checkGuard(retirement, 2, { maxActions: 50, maxFraction: 0.25 })).toEqual({
      allowed: false,
      reason: 'the plan would change 1 of 2 clients (50%), over limits.maxFraction 0.25 (25%); nothing was changed',
    });
  });
});
