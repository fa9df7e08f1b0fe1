import { describe, expect, it } from 'vitest';
import type { ClientCreationEvent, IdentityRecord } from '../../../lambdas/core/model/owner.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { matchCreationEvents } from '../../../lambdas/core/rules/match-creation-events.js';
import { ownerOfClient, type OwnerFacts } from '../../../lambdas/core/rules/owner-of-client.js';
import { isConfigError } from '../../../lambdas/core/config-error.js';

const DAY = 86_400_000;
const T = Date.parse('2026-05-01T00:00:00Z');
const event = (actorName: string, targetName: string | null, created: number | null, attributeTexts: string[] = []): ClientCreationEvent => ({ actorName, targetName, created, attributeTexts });
const identity = (name: string, overrides: Partial<IdentityRecord> = {}): IdentityRecord => ({
  id: `id-${name}`,
  name,
  displayName: name.toUpperCase(),
  email: `${name}@example.com`,
  inactive: false,
  lifecycleState: 'active',
  ...overrides,
});

describe('matchCreationEvents', () => {
  it('prefers an event naming the client id, else the same-name event closest to its creation, never one made more than a day after', () => {
    const clients = [
      { id: 'c1', name: 'ci-bot', created: T },
      { id: 'c2', name: 'Report', created: T },
      { id: 'c3', name: 'late', created: T },
      { id: 'c4', name: null, created: T },
    ];
    const matched = matchCreationEvents(clients, [
      event('old.owner', 'ci-bot', T - 400 * DAY),
      event('right.owner', 'ci-bot', T - 60_000),
      event('by.id', 'ci-bot', T - 500 * DAY, ['c1']),
      event('name.case', 'report', T),
      event('too.late', 'late', T + 2 * DAY),
      event('by.target.id', 'c4', null),
    ]);
    expect(Object.fromEntries([...matched].map(([id, e]) => [id, e.actorName]))).toEqual({ c1: 'by.id', c2: 'name.case', c4: 'by.target.id' });
  });
});

describe('ownerOfClient', () => {
  const policy = parsePolicy({
    owners: {
      fromAuditEvents: true,
      map: [
        { ids: ['mapped-id'], owner: { name: 'Payments team', email: 'payments@example.com' } },
        { namePattern: '^hr-', owner: { name: 'HR IT' } },
      ],
    },
  });
  const facts: OwnerFacts = {
    creators: new Map([
      ['c1', 'Jane.Doe'],
      ['c2', 'left.person'],
      ['c3', 'deleted.person'],
      ['hr-1', 'jane.doe'],
    ]),
    identities: new Map([
      ['jane.doe', identity('jane.doe')],
      ['left.person', identity('left.person', { lifecycleState: 'terminated', email: null })],
    ]),
    identitiesRead: true,
  };

  it('takes the map first (by id, then by name pattern), then the creator with email and lifecycle state', () => {
    expect(ownerOfClient({ id: 'mapped-id', name: 'x' }, policy.owners, facts)).toEqual({ name: 'Payments team', email: 'payments@example.com', source: 'map' });
    expect(ownerOfClient({ id: 'hr-1', name: 'hr-sync' }, policy.owners, facts)).toEqual({ name: 'HR IT', source: 'map' });
    expect(ownerOfClient({ id: 'c1', name: 'ci' }, policy.owners, facts)).toEqual({ id: 'id-jane.doe', name: 'JANE.DOE', email: 'jane.doe@example.com', source: 'audit-event', lifecycleState: 'active' });
  });

  it('marks an orphan when the creator left or is gone, and not when the identities could not be read or there is no event', () => {
    expect(ownerOfClient({ id: 'c2', name: 'x' }, policy.owners, facts)).toEqual({ id: 'id-left.person', name: 'LEFT.PERSON', source: 'audit-event', lifecycleState: 'terminated', orphaned: true });
    expect(ownerOfClient({ id: 'c3', name: 'x' }, policy.owners, facts)).toEqual({ name: 'deleted.person', source: 'audit-event', orphaned: true });
    expect(ownerOfClient({ id: 'c3', name: 'x' }, policy.owners, { ...facts, identitiesRead: false })).toEqual({ name: 'deleted.person', source: 'audit-event' });
    expect(ownerOfClient({ id: 'c9', name: 'x' }, policy.owners, facts)).toBeUndefined();
  });
});

describe('the owners policy block', () => {
  it('defaults to no owners, no notices', () => {
    expect(parsePolicy({}).owners).toEqual({ fromAuditEvents: false, map: [] });
  });

  it.each([
    [{ map: [{ owner: { name: 'x' } }] }, 'owners.map[0].namePattern'],
    [{ map: [{ ids: ['a'], namePattern: 'a', owner: { name: 'x' } }] }, 'owners.map[0].namePattern'],
    [{ map: [{ ids: ['a'], owner: { name: 'x', email: 'not-an-email' } }] }, 'owners.map[0].owner.email'],
    [{ orphanStaleDays: 0 }, 'owners.orphanStaleDays'],
    [{ notices: { from: 'janitor@example.com' } }, 'owners.notices.daysBefore'],
    [{ fromAuditEvent: true }, 'owners'],
  ])('refuses %j naming the field', (owners, field) => {
    let caught: unknown;
    try {
      parsePolicy({ owners });
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect(String((caught as Error).message)).toContain(field);
  });
});
