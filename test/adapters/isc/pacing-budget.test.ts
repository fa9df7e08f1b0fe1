import { describe, expect, it } from 'vitest';
import { createIscClient, type IscApiVersion, type IscClientEvent, type IscCredentials } from '../../../lambdas/adapters/isc/create-isc-client.js';
import { pacingBudget } from '../../../lambdas/adapters/isc/pacing-budget.js';
import { startSandbox } from '../../../sandbox/start-sandbox.js';
import { FIXED_NOW } from './isc-sandbox-fixture.js';

// Wide enough that the three follow-up calls start inside a's window even on a loaded machine.
const SETTINGS = { requests: 1, windowMs: 600 };

describe('pacingBudget', () => {
  const key = { baseUrl: 'https://acme.api.identitynow.com', clientId: 'pat-1', apiVersion: 'v3' };

  it('is one budget per tenant, client id and API version, as ISC counts requests', () => {
    expect(pacingBudget(key, SETTINGS)).toBe(pacingBudget({ ...key }, { ...SETTINGS }));
    expect(pacingBudget({ ...key, apiVersion: 'v1' }, SETTINGS)).not.toBe(pacingBudget(key, SETTINGS));
    expect(pacingBudget({ ...key, clientId: 'pat-2' }, SETTINGS)).not.toBe(pacingBudget(key, SETTINGS));
    expect(pacingBudget({ ...key, baseUrl: 'https://other.api.identitynow.com' }, SETTINGS)).not.toBe(pacingBudget(key, SETTINGS));
  });

  it('keeps clients with other pacing settings apart: each honours its own', () => {
    expect(pacingBudget(key, { requests: 2, windowMs: 600 })).not.toBe(pacingBudget(key, SETTINGS));
  });
});

describe('createIscClient pacing budgets', () => {
  it('makes two clients with one credential and version wait for each other, and no one else', async () => {
    const sb = await startSandbox({ seed: { count: 3, seed: 7, now: FIXED_NOW }, rateLimit: false });
    try {
      const [first] = sb.state.all();
      const id = first?.id ?? '';
      // A plain API client's credential: it may get one client (applicationAuth), which is all this needs.
      const other: IscCredentials = { clientId: id, clientSecret: 'other-secret' };
      sb.state.put({ ...first, id }, other.clientSecret);
      const client = (credentials: IscCredentials, apiVersion: IscApiVersion) => {
        const events: IscClientEvent[] = [];
        const api = createIscClient({ baseUrl: sb.url, credentials, apiVersion, rateLimit: SETTINGS, onEvent: (e) => events.push(e) });
        return { api, paced: () => events.filter((e) => e.type === 'paced').length };
      };
      const a = client(sb.credentials, 'v3');
      const sameBudget = client(sb.credentials, 'v3');
      const otherVersion = client(sb.credentials, 'v1');
      const otherCredential = client(other, 'v3');

      await a.api.get(id);
      // Within the window a's request holds its slot: only the client sharing its budget waits.
      await Promise.all([otherVersion.api.get(id), otherCredential.api.get(id), sameBudget.api.get(id)]);

      expect([otherVersion.paced(), otherCredential.paced()]).toEqual([0, 0]);
      expect(sameBudget.paced()).toBe(1);
      expect(sb.requests.filter((r) => r.route === 'get').map((r) => r.version).sort()).toEqual(['v1', 'v3', 'v3', 'v3']);
    } finally {
      await sb.close();
    }
  });
});
