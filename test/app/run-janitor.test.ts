import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyInput } from '../../lambdas/core/model/policy.js';
import { doorOver, fullIscApi, type FullIscApi } from '../support/full-isc-api.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { runJanitor, type RunJanitorInput } from '../../lambdas/app/run-janitor.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { daysAgo, NOW } from '../core/make-client.js';
import { FAST_RETRIES, mutatedIds, startTenant } from '../e2e/cli-harness.js';
import { SELF_ID, storedClient } from '../e2e/tenant-clients.js';

/**
 * The orchestrator against the sandbox over real HTTP, for what the CLI cannot reach: a tenant
 * that changes between listing and deleting, a time budget, a fixed concurrency.
 */
const DISABLE = ['e2e300000000000000000000000000d1', 'e2e300000000000000000000000000d2', 'e2e300000000000000000000000000d3'];
const DELETE = ['e2e300000000000000000000000000e1', 'e2e300000000000000000000000000e2'];

function staleTenant() {
  return [
    ...Array.from({ length: 15 }, (_, i) => storedClient({ id: `e2e3000000000000000000000000a${i.toString(16).padStart(3, '0')}` })),
    ...DISABLE.map((id) => storedClient({ id, lastUsed: daysAgo(100) })),
    ...DELETE.map((id) => storedClient({ id, enabled: false, lastUsed: daysAgo(300), modified: daysAgo(60) })),
  ];
}

async function run(
  sandbox: Sandbox,
  options: { wrap?: (api: FullIscApi) => FullIscApi; policy?: PolicyInput } & Partial<Omit<RunJanitorInput, 'policy'>> = {},
): Promise<RunReport> {
  const real = fullIscApi(createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST_RETRIES }));
  const { wrap, policy, ...rest } = options;
  const api = wrap ? wrap(real) : real;
  return runJanitor({
    api,
    door: doorOver(api),
    policy: parsePolicy({ mode: 'enforce', ...policy }),
    tenant: 'sandbox',
    selfClientId: SELF_ID,
    clock: () => NOW,
    reportId: 'report-1',
    ...rest,
  });
}

/** The api, except that `get(id)` first lets `change` alter the sandbox (someone acting mid-run). */
function changeBeforeGet(sandbox: Sandbox, id: string, change: (sandbox: Sandbox) => void) {
  return (api: FullIscApi): FullIscApi => ({
    ...api,
    list: (filter) => api.list(filter),
    disable: (clientId) => api.disable(clientId),
    delete: (clientId) => api.delete(clientId),
    get: async (clientId) => {
      if (clientId === id) change(sandbox);
      return api.get(clientId);
    },
  });
}

describe('runJanitor', () => {
  it.each([
    ['re-enabled', { enabled: true, modified: NOW.toISOString() }],
    ['used again', { lastUsed: NOW.toISOString() }],
    ['modified', { modified: daysAgo(1) }],
  ])('leaves alone a client %s between listing and the pre-delete check', async (_, change) => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    const [target, other] = DELETE as [string, string];
    const wrap = changeBeforeGet(sandbox, target, (sb) => sb.state.put({ ...sb.state.get(target)!, ...change }));

    const report = await run(sandbox, { wrap });

    expect(sandbox.state.has(target)).toBe(true);
    expect(mutatedIds(sandbox, 'DELETE')).toEqual([other]);
    const action = report.actions.find((a) => a.clientId === target);
    expect(action?.outcome).toBe('skipped');
    expect(action?.detail).toMatch(/^no longer qualifies at the pre-delete check \(.+\); left alone$/);
    expect(report).toMatchObject({ outcome: 'ok', counts: { deleted: 1, skipped: 1 } });
  });

  it('reports a client deleted by someone else before the pre-delete check as skipped ("already gone"), not deleted', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    const [target] = DELETE as [string];
    const wrap = changeBeforeGet(sandbox, target, (sb) => sb.state.remove(target));

    const report = await run(sandbox, { wrap });

    expect(report.actions.find((a) => a.clientId === target)).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
    expect(report.counts).toMatchObject({ deleted: 1, skipped: 1 });
    // Nothing to judge is nothing to delete: the door sends no DELETE after a 404 at its re-read.
    expect(sandbox.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(target))).toEqual([]);
    expect(report.outcome).toBe('ok');
  });

  it('stops starting actions when the time budget is nearly spent and reports the rest as not attempted', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    let checks = 0;
    // Plenty of time for the first two actions, then less than the safety margin (each action is
    // checked twice: before it starts, and by the door right before its request).
    const remainingTimeMs = () => (++checks <= 4 ? 60_000 : 1_000);

    const report = await run(sandbox, { remainingTimeMs, safetyMarginMs: 15_000, concurrency: 1 });

    expect(report.actions.map((a) => a.outcome)).toEqual(['done', 'done', 'not-attempted', 'not-attempted', 'not-attempted']);
    expect(report.actions[2]?.detail).toBe('the run ran out of time before this action');
    expect(mutatedIds(sandbox, 'PATCH')).toEqual(DISABLE.slice(0, 2));
    expect(sandbox.mutatingRequests()).toHaveLength(2);
    expect(report.counts).toMatchObject({ disabled: 2, notAttempted: 3 });
  });

  it('lets one client fail after exhausting its retries while the others are done', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    // Concurrency 1: the first disable (lowest id) meets all four 500s.
    sandbox.faults.failNext(4, { route: 'patch', method: 'PATCH' }, { kind: 'status', status: 500 });

    const report = await run(sandbox, { concurrency: 1 });

    expect(report.outcome).toBe('failed');
    expect(report.actions.map((a) => [a.clientId, a.outcome])).toEqual([
      [DISABLE[0], 'failed'],
      [DISABLE[1], 'done'],
      [DISABLE[2], 'done'],
      [DELETE[0], 'done'],
      [DELETE[1], 'done'],
    ]);
    expect(report.actions[0]?.error).toMatchObject({ status: 500, trackingId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(sandbox.state.get(DISABLE[0]!)?.enabled).toBe(true);
  });

  it('sends nothing that changes the tenant in report mode, even with the actions planned', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });

    const report = await run(sandbox, { policy: { mode: 'report' } });

    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(report.actions.map((a) => a.outcome)).toEqual(Array.from({ length: 5 }, () => 'planned'));
  });

  it('restricts actions to clientIds and warns about an id the tenant does not have', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });

    const report = await run(sandbox, { clientIds: [DISABLE[1]!, 'no-such-client'] });

    expect(mutatedIds(sandbox, 'PATCH')).toEqual([DISABLE[1]]);
    expect(sandbox.mutatingRequests()).toHaveLength(1);
    expect(report.warnings).toContain('client id no-such-client was requested but does not exist in the tenant');
  });

  it('leaves a due client the server filter did not return for a later run, with a warning', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    const wrap = (inner: FullIscApi): FullIscApi => ({
      ...inner,
      get: (id) => inner.get(id),
      disable: (id) => inner.disable(id),
      delete: (id) => inner.delete(id),
      // A filter that misses a client: the filtered lists never contain DISABLE[0].
      list: async (filter) => {
        const listing = await inner.list(filter);
        return { ...listing, clients: listing.clients.filter((client) => filter === undefined || client.id !== DISABLE[0]) };
      },
    });

    const report = await run(sandbox, { wrap });

    expect(mutatedIds(sandbox, 'PATCH')).toEqual(DISABLE.slice(1));
    expect(report.warnings.some((w) => w.includes(DISABLE[0]!) && w.includes('left for a later run'))).toBe(true);
  });

  it('counts a client ISC lists twice once, for the plan and for the guard', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    const twice = (inner: FullIscApi): FullIscApi => ({
      ...inner,
      get: (id) => inner.get(id),
      disable: (id) => inner.disable(id),
      delete: (id) => inner.delete(id),
      list: async (filter) => {
        const listing = await inner.list(filter);
        return { ...listing, clients: [...listing.clients, ...listing.clients] };
      },
    });

    // 5 of 20 clients are due: 25%, over a 20% limit. Counted twice, 5 of 40 would pass.
    const report = await run(sandbox, { wrap: twice, policy: { limits: { maxActions: 50, maxFraction: 0.2 } } });

    expect(report.outcome).toBe('blocked');
    expect(report.counts).toMatchObject({ total: 20, stale: 5 });
    expect(sandbox.mutatingRequests()).toEqual([]);
    expect(report.warnings.filter((warning) => warning.endsWith('was listed more than once; evaluated once'))).toHaveLength(20);
  });

  it('never lets two concurrent enforce runs both report the same deletion as done', async () => {
    const { sandbox } = await startTenant({ clients: staleTenant() });
    // The worst interleaving, made certain: each DELETE waits until both runs have fetched the
    // client for the pre-delete check, so both see it and both send the DELETE.
    const fetched = new Map<string, number>();
    const waiting = new Map<string, (() => void)[]>();
    const bothFetched = (id: string) =>
      (fetched.get(id) ?? 0) >= 2 ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(id, [...(waiting.get(id) ?? []), resolve]));
    const wrap = (inner: FullIscApi): FullIscApi => ({
      ...inner,
      list: (filter) => inner.list(filter),
      disable: (id) => inner.disable(id),
      get: async (id) => {
        const client = await inner.get(id);
        fetched.set(id, (fetched.get(id) ?? 0) + 1);
        if ((fetched.get(id) ?? 0) >= 2) for (const resolve of waiting.get(id) ?? []) resolve();
        return client;
      },
      delete: async (id) => {
        await bothFetched(id);
        return inner.delete(id);
      },
    });

    const [first, second] = await Promise.all([run(sandbox, { wrap, reportId: 'run-a' }), run(sandbox, { wrap, reportId: 'run-b' })]);

    const deletes = sandbox.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.status).sort()).toEqual([204, 204, 404, 404]);
    for (const id of DELETE) {
      expect(sandbox.state.has(id)).toBe(false);
      const outcomes = [first, second].map((report) => report.actions.find((a) => a.clientId === id && a.action === 'delete'));
      expect(outcomes.filter((a) => a?.outcome === 'done')).toHaveLength(1);
      expect(outcomes.filter((a) => a?.outcome === 'skipped' && a.detail === 'already gone')).toHaveLength(1);
    }
    expect(first!.counts.deleted + second!.counts.deleted).toBe(DELETE.length);
    expect([first!.outcome, second!.outcome]).toEqual(['ok', 'ok']);
  });
});
