import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateTenant } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { DEFAULT_POLICY, parsePolicy } from '../../../lambdas/core/model/policy.js';
import { RE2JS } from 're2js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

const SELF = 'self';
const run = (clients: Parameters<typeof evaluateTenant>[0]['clients'], policy = DEFAULT_POLICY) =>
  evaluateTenant({ clients, policy, now: NOW, selfClientId: SELF });

describe('evaluateTenant', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('plans disables first, then deletes, each ordered by id, whatever the list order', () => {
    const clients = [
      makeClient({ id: 'd2', enabled: false, lastUsed: daysAgo(300), modified: daysAgo(100) }),
      makeClient({ id: 'k1' }),
      makeClient({ id: 'x2', lastUsed: daysAgo(100) }),
      makeClient({ id: 'd1', enabled: false, lastUsed: daysAgo(300), modified: daysAgo(100) }),
      makeClient({ id: 'x1', name: 'old', lastUsed: daysAgo(97) }),
    ];
    const evaluation = run(clients);
    expect(evaluation.plan.map((action) => `${action.kind}:${action.clientId}`)).toEqual([
      'disable:x1',
      'disable:x2',
      'delete:d1',
      'delete:d2',
    ]);
    expect(evaluation.plan[0]).toEqual({
      credential: 'oauth-client',
      kind: 'disable',
      clientId: 'x1',
      name: 'old',
      reason: 'unused for 97 days (last used 2026-08-18), limit 90',
    });
    expect(run([...clients].reverse()).plan).toEqual(evaluation.plan);
    expect(evaluation.findings.map((finding) => finding.clientId)).toEqual(['d2', 'k1', 'x2', 'd1', 'x1']);
  });

  it('counts stale, exempt and skipped findings', () => {
    const evaluation = run([
      makeClient({ lastUsed: daysAgo(100) }),
      makeClient({ enabled: false, lastUsed: daysAgo(300), modified: daysAgo(100) }),
      makeClient({ id: SELF, lastUsed: daysAgo(100) }),
      makeClient({ internal: true, lastUsed: daysAgo(100) }),
      makeClient({ lastUsed: 'garbage' }),
      makeClient(),
    ]);
    expect(evaluation.counts).toEqual({ total: 6, stale: 2, exempt: 2, skipped: 1 });
    expect(evaluation.plan).toHaveLength(2);
  });

  it('keeps exempt and self clients out of the plan and the upcoming list', () => {
    const policy = parsePolicy({ exempt: { ids: ['by-id'], names: ['^svc-'] } });
    const evaluation = run(
      [
        makeClient({ id: SELF, lastUsed: daysAgo(100) }),
        makeClient({ id: 'by-id', lastUsed: daysAgo(100) }),
        makeClient({ name: 'svc-a', lastUsed: daysAgo(85) }),
        makeClient({ internal: true, enabled: false, lastUsed: daysAgo(400), modified: daysAgo(100) }),
      ],
      policy,
    );
    expect(evaluation.plan).toEqual([]);
    expect(evaluation.upcoming).toEqual([]);
    expect(evaluation.counts.exempt).toBe(4);
  });

  it('orders upcoming actions by date, then id', () => {
    const evaluation = run([
      makeClient({ id: 'b', lastUsed: daysAgo(80) }),
      makeClient({ id: 'c', lastUsed: daysAgo(89) }),
      makeClient({ id: 'a', lastUsed: daysAgo(80) }),
      makeClient({ id: 'z', lastUsed: daysAgo(10) }),
    ]);
    expect(evaluation.upcoming.map((item) => `${item.on} ${item.clientId}`)).toEqual([
      '2026-11-24 c',
      '2026-12-03 a',
      '2026-12-03 b',
    ]);
  });

  it('collects a warning per unreadable client and evaluates a duplicated id once', () => {
    const evaluation = run([
      makeClient({ id: 'bad', name: 'b', lastUsed: 'soon' }),
      makeClient({ id: 'dup', lastUsed: daysAgo(100) }),
      makeClient({ id: 'dup', lastUsed: daysAgo(100) }),
    ]);
    expect(evaluation.warnings).toEqual([
      'client dup was listed more than once; evaluated once',
      'client b (bad): lastUsed "soon" is not a date; skipped, never acted on',
    ]);
    expect(evaluation.plan.map((action) => action.clientId)).toEqual(['dup']);
    expect(evaluation.counts.total).toBe(2);
  });

  it('skips list entries the adapter could not read, with a warning naming the entry and the field', () => {
    const evaluation = evaluateTenant({
      clients: [makeClient({ id: 'ok', lastUsed: daysAgo(100) })],
      unreadable: [
        { id: 'b2', position: 1, problems: ['enabled: missing'] },
        { id: null, position: 2, problems: ['id: expected string, got number 5', 'internal: missing'] },
      ],
      policy: DEFAULT_POLICY,
      now: NOW,
      selfClientId: 'self',
    });
    expect(evaluation.warnings).toEqual([
      'client b2: unreadable (enabled: missing); skipped, never acted on',
      'list entry #2 (no readable id): unreadable (id: expected string, got number 5; internal: missing); skipped, never acted on',
    ]);
    expect(evaluation.plan.map((action) => action.clientId)).toEqual(['ok']);
    expect(evaluation.counts).toMatchObject({ total: 1, skipped: 2 });
  });

  it('summarizes the inventory by inactivity bucket, state and sp:scopes:all', () => {
    const all = ['sp:scopes:all'];
    const evaluation = run([
      makeClient({ lastUsed: daysAgo(29) }),
      makeClient({ lastUsed: daysAgo(30) }),
      makeClient({ lastUsed: daysAgo(89), internal: true }),
      makeClient({ lastUsed: daysAgo(90) }),
      makeClient({ lastUsed: daysAgo(179), enabled: false }),
      makeClient({ id: 'z-all', name: 'zed', lastUsed: daysAgo(180), scope: all }),
      makeClient({ id: 'a-all', name: 'ant', lastUsed: null, scope: ['x', ...all] }),
      makeClient({ lastUsed: null, created: 'garbage', enabled: false }),
      makeClient({ lastUsed: 'garbage', scope: null }),
    ]);
    expect(evaluation.inventory).toEqual({
      total: 9,
      enabled: 7,
      disabled: 2,
      internal: 1,
      byInactivity: { under30: 1, from30to90: 2, from90to180: 2, over180: 1, neverUsed: 2, unreadable: 1 },
      allScopes: {
        count: 2,
        clients: [
          { id: 'a-all', name: 'ant' },
          { id: 'z-all', name: 'zed' },
        ],
      },
    });
  });

  it('compiles the exempt name patterns once per evaluation, not once per client', () => {
    const policy = parsePolicy({ exempt: { names: ['^svc-', '-bot$'] } });
    const clients = Array.from({ length: 25 }, (_, index) => makeClient({ name: `client-${index}` }));
    const compile = vi.spyOn(RE2JS, 'compile');
    run(clients, policy);
    run(clients, policy);
    expect(compile).toHaveBeenCalledTimes(2);
    compile.mockRestore();
    expect(run(clients, policy).findings.every((finding) => finding.verdict === 'keep')).toBe(true);
  });

  it('evaluates an empty tenant', () => {
    const evaluation = run([]);
    expect(evaluation.counts).toEqual({ total: 0, stale: 0, exempt: 0, skipped: 0 });
    expect(evaluation.inventory.total).toBe(0);
  });
});
