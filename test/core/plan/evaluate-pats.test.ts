import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyInput } from '../../../lambdas/core/model/policy.js';
import { evaluatePats, NO_ARCHIVE_WARNING } from '../../../lambdas/core/plan/evaluate-pats.js';
import type { PatAnnouncements } from '../../../lambdas/core/plan/pat-announcements.js';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { daysAgo, NOW } from '../make-client.js';
import { ADA, makePat } from '../make-pat.js';

const SELF = 'janitor-pat';
const GRACE = { id: 'id-grace', name: 'Grace Hopper' };
const at = (days: number) => Date.parse(daysAgo(days));

function evaluate(tokens: readonly PersonalAccessToken[], announcements: PatAnnouncements | undefined, pats: PolicyInput['pats'] = {}) {
  const policy = parsePolicy({ pats: { enabled: true, ...pats } });
  return evaluatePats({ tokens, policy, now: NOW, selfClientId: SELF, announcements });
}

const stale = (id: string, overrides: Partial<PersonalAccessToken> = {}) => makePat({ id, name: id, lastUsed: daysAgo(200), ...overrides });

describe('evaluatePats', () => {
  it('deletes only the due tokens announced at least warnDays before, ordered by id', () => {
    const tokens = [stale('p3'), stale('p1'), stale('p2'), makePat({ id: 'fresh' })];
    const announcements = new Map([
      ['p1', [at(20), at(3)]],
      ['p3', [at(14)]],
      ['p2', [at(5)]],
    ]);
    const evaluation = evaluate(tokens, announcements);
    expect(evaluation.plan.map((action) => `${action.credential}:${action.kind}:${action.clientId}`)).toEqual([
      'personal-access-token:delete:p1',
      'personal-access-token:delete:p3',
    ]);
    expect(evaluation.plan[0]?.owner).toEqual(ADA);
    expect(evaluation.upcoming).toEqual([
      expect.objectContaining({ credential: 'personal-access-token', clientId: 'p2', action: 'delete', owner: ADA, on: daysAgo(-9).slice(0, 10) }),
    ]);
    expect(evaluation.counts).toEqual({ total: 4, stale: 3, exempt: 0, skipped: 0 });
  });

  it('keeps a token used again after its announcement, and announces it afresh if it is still due', () => {
    const usedSince = stale('p1', { lastUsed: daysAgo(10) });
    const dueAgain = stale('p2', { lastUsed: daysAgo(95) });
    const announcements = new Map([
      ['p1', [at(20)]],
      ['p2', [at(100)]],
    ]);
    const evaluation = evaluate([usedSince, dueAgain], announcements);
    expect(evaluation.plan).toEqual([]);
    expect(evaluation.upcoming.map((item) => `${item.clientId} ${item.on}`)).toEqual([`p2 ${daysAgo(-14).slice(0, 10)}`]);
    expect(evaluation.findings.find((finding) => finding.clientId === 'p1')?.verdict).toBe('keep');
  });

  it('without an archive announces every due token, deletes none and says why', () => {
    const evaluation = evaluate([stale('p1'), stale('p2')], undefined);
    expect(evaluation.plan).toEqual([]);
    expect(evaluation.upcoming).toHaveLength(2);
    expect(evaluation.warnings).toContain(NO_ARCHIVE_WARNING);
  });

  it('never plans the janitor’s own, a managed or an exempt token, and lists each with its reason', () => {
    const tokens = [
      stale(SELF),
      stale('managed', { managed: true }),
      stale('by-id'),
      stale('by-owner', { owner: GRACE }),
      stale('svc-export'),
      stale('ordinary'),
    ];
    const announced = new Map(tokens.map((token) => [token.id, [at(30)]]));
    const evaluation = evaluate(tokens, announced, { exempt: { ids: ['by-id'], ownerIds: [GRACE.id], names: ['^svc-'] } });
    expect(evaluation.plan.map((action) => action.clientId)).toEqual(['ordinary']);
    expect(evaluation.upcoming).toEqual([]);
    expect(evaluation.exempt.map((entry) => [entry.clientId, entry.reason.split(';')[0]])).toEqual([
      ['by-id', 'exempt by pats.exempt.ids'],
      ['by-owner', 'exempt by pats.exempt.ownerIds (its owner)'],
      [SELF, "exempt: the janitor's own credential"],
      ['managed', 'exempt: managed by ISC (Workflows depend on it)'],
      ['svc-export', 'exempt by name pattern /^svc-/ (pats.exempt.names)'],
    ]);
    expect(evaluation.exempt[0]).toMatchObject({ credential: 'personal-access-token', owner: ADA });
    expect(evaluation.exempt[0]?.reason).toMatch(/would otherwise be due for deletion: unused for 200 days/);
    expect(evaluation.counts).toMatchObject({ exempt: 5, stale: 1 });
  });

  it('skips the entries ISC listed that could not be read, naming them, and counts them as skipped', () => {
    const policy = parsePolicy({ pats: { enabled: true } });
    const evaluation = evaluatePats({
      tokens: [stale('ok')],
      unreadable: [{ id: 'broken', position: 1, problems: ['owner: missing'] }, { id: null, position: 2, problems: ['(root): expected object'] }],
      policy,
      now: NOW,
      selfClientId: SELF,
      announcements: new Map([['ok', [at(20)]]]),
    });
    expect(evaluation.warnings).toEqual([
      'personal access token broken: unreadable (owner: missing); skipped, never acted on',
      'personal access token #2: unreadable ((root): expected object); skipped, never acted on',
    ]);
    expect(evaluation.counts).toEqual({ total: 1, stale: 1, exempt: 0, skipped: 2 });
    expect(evaluation.plan.map((action) => action.clientId)).toEqual(['ok']);
  });

  it('skips a token with an unreadable date, with a warning, and evaluates a twice-listed token once', () => {
    const broken = makePat({ id: 'broken', name: 'odd', lastUsed: 'yesterday' });
    const twice = stale('twice');
    const evaluation = evaluate([broken, twice, twice], new Map([['twice', [at(30)]]]));
    expect(evaluation.findings.find((finding) => finding.clientId === 'broken')).toMatchObject({ verdict: 'skip', inactiveDays: null });
    expect(evaluation.warnings).toEqual([
      'personal access token twice was listed more than once; evaluated once',
      'personal access token odd (broken): lastUsed "yesterday" is not a date; skipped, never acted on',
    ]);
    expect(evaluation.plan.map((action) => action.clientId)).toEqual(['twice']);
    expect(evaluation.counts).toMatchObject({ total: 2, skipped: 1 });
  });

  it('does not count an announcement made at the very moment the token was last used', () => {
    const token = stale('p1', { lastUsed: daysAgo(120) });
    expect(evaluate([token], new Map([['p1', [at(120)]]])).plan).toEqual([]);
    expect(evaluate([token], new Map([['p1', [at(120) + 1]]])).plan.map((action) => action.clientId)).toEqual(['p1']);
  });

  it('dates the deletion from the earliest announcement since the last use, whatever the archive order', () => {
    const token = stale('p1', { lastUsed: daysAgo(120) });
    // Listed newest first: the earliest (20 days ago) is the one that counts, so the token is deletable.
    const evaluation = evaluate([token], new Map([['p1', [at(2), at(20), at(9)]]]));
    expect(evaluation.plan).toEqual([expect.objectContaining({ clientId: 'p1', reason: expect.stringContaining(`announced on ${daysAgo(20).slice(0, 10)}, 20 days ago`) })]);
  });
});
