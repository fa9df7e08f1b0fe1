import { describe, expect, it } from 'vitest';
import { lookUpOwners } from '../../../lambdas/app/owners/look-up-owners.js';
import { IscApiError } from '../../../lambdas/core/isc-api-error.js';
import type { IdentityRecord } from '../../../lambdas/core/model/owner.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluateClient } from '../../../lambdas/core/plan/evaluate-client.js';
import type { AuditSearchApi } from '../../../lambdas/core/ports.js';
import { silentLogger } from '../../../lambdas/core/run-logger.js';
import { daysAgo, makeClient, NOW } from '../../core/make-client.js';

const people = ['ann', 'bob', 'cy'];
const clients = Array.from({ length: 23 }, (_, index) => makeClient({ id: `c${String(index).padStart(2, '0')}`, name: `client-${index}`, created: '2026-01-01T00:00:00.000Z' }));

function fakeSearch(batchSize: number, fail?: unknown): AuditSearchApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    batchSize,
    calls,
    async clientCreations(batch) {
      calls.push(`events ${batch.length}`);
      if (fail !== undefined) throw fail;
      return batch.map((client, index) => ({ actorName: people[index % 3] as string, targetName: client.name, attributeTexts: [client.id], created: Date.parse('2026-01-01T00:00:00Z') }));
    },
    async identities({ names = [] }) {
      calls.push(`identities ${names.length}`);
      return names
        .filter((name) => name !== 'cy')
        .map((name): IdentityRecord => ({ id: `id-${name}`, name, displayName: null, email: `${name}@example.com`, inactive: name === 'bob', lifecycleState: name === 'bob' ? 'inactive' : 'active' }));
    },
  };
}

describe('lookUpOwners', () => {
  const policy = parsePolicy({ owners: { fromAuditEvents: true, map: [{ ids: ['c00'], owner: { name: 'Mapped' } }] } });

  it('asks once per batch of clients the map does not own, and once per batch of distinct creators', async () => {
    const search = fakeSearch(5);
    const found = await lookUpOwners({ clients, policy, search, logger: silentLogger });
    // 22 unmapped clients in batches of 5: 5 event queries (ceil(23 / 5) at most); 3 creators: 1 identity query.
    expect(search.calls).toEqual(['events 5', 'events 5', 'events 5', 'events 5', 'events 2', 'identities 3']);
    expect(found.queries).toEqual({ events: 5, identities: 1 });
    expect(found.warnings).toEqual([]);
    expect(found.owners.get('c00')).toEqual({ name: 'Mapped', source: 'map' });
    expect([...found.owners.values()].filter((owner) => owner.orphaned).length).toBe(13); // bob left, cy is gone
    expect(found.owners.get('c01')).toEqual({ id: 'id-ann', name: 'ann', email: 'ann@example.com', source: 'audit-event', lifecycleState: 'active' });
  });

  it('without sp:search:read: one warning, one refused query, owners from the map only', async () => {
    const search = fakeSearch(5, new IscApiError('POST /v3/search failed: 403', { kind: 'http', status: 403, method: 'POST', path: '/v3/search' }));
    const found = await lookUpOwners({ clients, policy, search, logger: silentLogger });
    expect(search.calls).toEqual(['events 5']);
    expect(found.warnings).toEqual([expect.stringContaining('need the scope sp:search:read')]);
    expect([...found.owners.keys()]).toEqual(['c00']);
  });

  it('searches nothing unless the policy asks for audit events', async () => {
    const search = fakeSearch(5);
    const found = await lookUpOwners({ clients, policy: parsePolicy({}), search, logger: silentLogger });
    expect(search.calls).toEqual([]);
    expect(found.owners.size).toBe(0);
  });
});

describe('orphans and owners.orphanStaleDays', () => {
  const policy = parsePolicy({ disableAfterDays: 90, owners: { fromAuditEvents: true, orphanStaleDays: 30 } });
  const client = makeClient({ id: 'orphan', lastUsed: daysAgo(80) });

  it('disables an orphan unused past orphanStaleDays, saying why, and keeps the same client with a present owner', () => {
    const orphaned = evaluateClient(client, { policy, now: NOW, selfClientId: 'self', owners: new Map([['orphan', { name: 'gone', source: 'audit-event', orphaned: true }]]) });
    expect(orphaned).toMatchObject({ verdict: 'disable', owner: { name: 'gone', orphaned: true } });
    expect(orphaned.reason).toMatch(/^orphaned \(its owner is inactive or gone\), so owners.orphanStaleDays \(30\) applies: unused for 80 days/);
    const owned = evaluateClient(client, { policy, now: NOW, selfClientId: 'self', owners: new Map([['orphan', { name: 'here', source: 'audit-event' }]]) });
    expect(owned.verdict).toBe('keep');
    expect(owned.upcoming).toMatchObject({ action: 'disable', owner: { name: 'here' } });
  });
});
