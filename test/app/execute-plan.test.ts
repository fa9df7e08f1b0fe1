import { describe, expect, it } from 'vitest';
import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import { DEFAULT_POLICY } from '../../lambdas/core/model/policy.js';
import { doorOver, type FullIscApi } from '../support/full-isc-api.js';
import { alwaysMayAct } from '../../lambdas/app/door/may-still-act.js';
import { silentLogger } from '../../lambdas/core/run-logger.js';
import { createActionRegistry } from '../../lambdas/app/actions/action-registry.js';
import { executePlan } from '../../lambdas/app/execute-plan.js';
import { IscApiError } from '../../lambdas/adapters/isc/index.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import { daysAgo, makeClient, NOW } from '../core/make-client.js';

/** A fake tenant behind the port: records every call, fails where a test says so. */
function fakeApi(clients: OAuthClient[], overrides: Partial<FullIscApi> = {}) {
  const calls: string[] = [];
  const byId = new Map(clients.map((client) => [client.id, client]));
  const api: FullIscApi = {
    list: async () => ({ clients: [...byId.values()], unreadable: [] }),
    get: async (id) => {
      calls.push(`get ${id}`);
      const client = byId.get(id);
      if (!client) throw new IscApiError('GET failed: 404', { kind: 'http', method: 'GET', path: `/v3/oauth-clients/${id}`, status: 404 });
      return client;
    },
    create: async () => {
      throw new Error('not used');
    },
    disable: async (id) => {
      calls.push(`disable ${id}`);
      return { ...byId.get(id)!, enabled: false };
    },
    delete: async (id) => {
      calls.push(`delete ${id}`);
      return byId.delete(id) ? 'deleted' : 'already-gone';
    },
    ...overrides,
  };
  return { api, calls };
}

const stale = makeClient({ id: 'stale', lastUsed: daysAgo(120) });
const retired = makeClient({ id: 'retired', enabled: false, lastUsed: daysAgo(400), modified: daysAgo(60) });
const action = (kind: PlannedAction['kind'], clientId: string): PlannedAction => ({ credential: 'oauth-client', kind, clientId, name: clientId, reason: `why ${clientId}` });

function context(api: FullIscApi) {
  const door = doorOver(api).open({
    mode: 'enforce',
    clock: () => NOW,
    budget: { limits: { maxActions: 100, maxFraction: 1 } },
    windowDays: { clients: DEFAULT_POLICY.disableAfterDays, pats: DEFAULT_POLICY.pats.deleteAfterDays },
    mayStillAct: alwaysMayAct,
    read: { clients: api, pats: { list: async () => ({ tokens: [], unreadable: [] }) } },
  });
  return createActionRegistry({ door, evaluation: { policy: DEFAULT_POLICY, now: NOW, selfClientId: 'self' } });
}
const always = { concurrency: 4, outOfTime: () => false };

describe('executePlan', () => {
  it('runs the disables before the deletes, whatever the plan order', async () => {
    const { api, calls } = fakeApi([stale, retired]);

    const results = await executePlan([action('delete', 'retired'), action('disable', 'stale')], context(api), silentLogger, always);

    expect(calls).toEqual(['get stale', 'disable stale', 'get retired', 'delete retired']);
    expect(results.map((r) => [r.clientId, r.outcome])).toEqual([['stale', 'done'], ['retired', 'done']]);
  });

  it('records a failure with its status and tracking id and carries on with the others', async () => {
    const failing = makeClient({ id: 'failing', lastUsed: daysAgo(120) });
    const { api, calls } = fakeApi([failing, stale, retired]);
    const inner = api.disable;
    api.disable = async (id) => {
      if (id !== 'failing') return inner(id);
      throw new IscApiError('PATCH /v3/oauth-clients/failing failed: 500', {
        kind: 'http', method: 'PATCH', path: '/v3/oauth-clients/failing', status: 500, trackingId: 'abc123',
      });
    };

    const results = await executePlan([action('disable', 'failing'), action('disable', 'stale'), action('delete', 'retired')], context(api), silentLogger, always);

    expect(results.map((r) => r.outcome)).toEqual(['failed', 'done', 'done']);
    expect(results[0]?.error).toEqual({ message: 'PATCH /v3/oauth-clients/failing failed: 500', status: 500, trackingId: 'abc123' });
    expect(calls).toContain('delete retired');
  });

  it('keeps only the message of an error that is not from ISC', async () => {
    const { api } = fakeApi([stale], { disable: async () => Promise.reject(new TypeError('boom')) });

    const [result] = await executePlan([action('disable', 'stale')], context(api), silentLogger, always);

    expect(result).toMatchObject({ outcome: 'failed', error: { message: 'boom' } });
  });

  it('reports a 404 at the pre-delete GET as skipped ("already gone") and sends no DELETE: nothing to judge, nothing to delete', async () => {
    const { api, calls } = fakeApi([]);

    const [result] = await executePlan([action('delete', 'retired')], context(api), silentLogger, always);

    expect(result).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
    expect(calls).toEqual(['get retired']);
  });

  it('reports a DELETE answered 404 as skipped ("already gone"), never done: someone else deleted it', async () => {
    const { api } = fakeApi([retired], { delete: async () => 'already-gone' });

    const [result] = await executePlan([action('delete', 'retired')], context(api), silentLogger, always);

    expect(result).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
  });

  it('fails a delete whose pre-delete GET fails with anything but 404, and sends no DELETE', async () => {
    const { api, calls } = fakeApi([retired], {
      get: async () => Promise.reject(new IscApiError('GET failed: 503', { kind: 'http', method: 'GET', path: '/v3/oauth-clients/retired', status: 503 })),
    });

    const [result] = await executePlan([action('delete', 'retired')], context(api), silentLogger, always);

    expect(result).toMatchObject({ outcome: 'failed', error: { status: 503 } });
    expect(calls).toEqual([]);
  });

  it('skips a delete when the fresh copy no longer qualifies, saying why', async () => {
    const { api, calls } = fakeApi([{ ...retired, enabled: true }]);

    const [result] = await executePlan([action('delete', 'retired')], context(api), silentLogger, always);

    expect(result?.outcome).toBe('skipped');
    expect(result?.detail).toContain('no longer qualifies at the pre-delete check');
    expect(calls).toEqual(['get retired']);
  });

  it('reports every action as not attempted once time is up, and calls nothing', async () => {
    const { api, calls } = fakeApi([stale, retired]);

    const results = await executePlan([action('disable', 'stale'), action('delete', 'retired')], context(api), silentLogger, { concurrency: 2, outOfTime: () => true });

    expect(results.map((r) => r.outcome)).toEqual(['not-attempted', 'not-attempted']);
    expect(calls).toEqual([]);
  });

  it('never has more than `concurrency` actions in flight', async () => {
    const clients = Array.from({ length: 10 }, (_, i) => makeClient({ id: `c${i}`, lastUsed: daysAgo(120) }));
    let inFlight = 0;
    let peak = 0;
    const { api } = fakeApi(clients, {
      disable: async (id) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return { ...clients.find((c) => c.id === id)!, enabled: false };
      },
    });

    const results = await executePlan(clients.map((c) => action('disable', c.id)), context(api), silentLogger, { concurrency: 3, outOfTime: () => false });

    expect(peak).toBe(3);
    expect(results.map((r) => r.clientId)).toEqual(clients.map((c) => c.id));
  });

  it('fails a planned rotation when no rotation executor is configured', async () => {
    const { api } = fakeApi([stale]);

    const [result] = await executePlan([action('rotate', 'stale')], context(api), silentLogger, always);

    expect(result).toMatchObject({ outcome: 'failed', error: { message: expect.stringContaining('no secret store is configured') } });
  });
});
