import { describe, expect, it } from 'vitest';
import { ownCreations } from '../../../lambdas/app/door/own-creations.js';
import type { DoorCall } from '../../../lambdas/app/door/door.js';
import { daysAgo, makeClient } from '../../core/make-client.js';
import { makePat } from '../../core/make-pat.js';
import { doorWorld } from './door-harness.js';

const deleteClient = (id: string, overrides: Partial<DoorCall> = {}): DoorCall => ({
  credential: 'oauth-client',
  operation: 'delete',
  id,
  name: 'ci-deploy',
  reason: 'disabled-past-grace',
  because: 'disabled for 90 days',
  ...overrides,
});

describe('the door', () => {
  it('sends nothing in report mode and lists the call as what it would do, with its reason', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', enabled: false, lastUsed: daysAgo(200) })] });
    const result = await world.open({ mode: 'report' }).pass(deleteClient('a', { reason: 'retire-predecessor' }));
    expect(result.outcome).toBe('planned');
    expect(result.detail).toBe('would delete (retire-predecessor); report mode, nothing sent');
    expect(world.writes).toEqual([]);
    expect(world.lines).toHaveLength(1);
  });

  it('asks the may-still-act hook before every call and sends nothing when it says no', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', enabled: false, lastUsed: daysAgo(200) })] });
    const door = world.open({ mayStillAct: async () => ({ ok: false, why: 'the lease was taken over by run B' }) });
    expect(await door.pass(deleteClient('a'))).toEqual({ outcome: 'not-attempted', detail: 'the lease was taken over by run B' });
    expect(world.writes).toEqual([]);
  });

  it('counts every call towards maxActions, whatever its reason', async () => {
    const clients = ['a', 'b', 'c'].map((id) => makeClient({ id, enabled: false, lastUsed: null }));
    const world = doorWorld({ clients });
    const door = world.open({ budget: { limits: { maxActions: 2, maxFraction: 1 } } });
    await door.pass(deleteClient('a', { reason: 'left-over' }));
    await door.pass(deleteClient('b', { reason: 'retire-predecessor' }));
    const third = await door.pass(deleteClient('c'));
    expect(third.outcome).toBe('not-attempted');
    expect(third.detail).toMatch(/limits\.maxActions 2/);
    expect(world.writes).toEqual(['delete a', 'delete b']);
  });

  it('counts towards maxFraction of the kind the run listed', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', enabled: false, lastUsed: null })] });
    const door = world.open({ budget: { limits: { maxActions: 50, maxFraction: 0.25 }, totals: { 'oauth-client': 3 } } });
    expect((await door.pass(deleteClient('a'))).detail).toMatch(/limits\.maxFraction 0\.25/);
    expect(world.writes).toEqual([]);
  });

  it('never deletes a client used within the staleness window', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', lastUsed: daysAgo(3) })] });
    const result = await world.open().pass(deleteClient('a', { reason: 'stale' }));
    expect(result.outcome).toBe('skipped');
    expect(result.detail).toMatch(/in use: last used .* within the last 90 days; kept/);
    expect(world.writes).toEqual([]);
  });

  it('lists a used left-over for a person and never deletes it', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'twin', lastUsed: daysAgo(200) })] });
    const result = await world.open().pass(deleteClient('twin', { reason: 'left-over' }));
    expect(result.outcome).toBe('skipped');
    expect(result.warning).toMatch(/ci-deploy \(twin\).*was used.*a person should decide/);
    expect(world.writes).toEqual([]);
  });

  it('never deletes a left-over a managed secret stage refers to', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'pending', lastUsed: null })] });
    const door = world.open({ heldBySecrets: async () => new Set(['pending']) });
    const result = await door.pass(deleteClient('pending', { reason: 'left-over' }));
    expect(result.warning).toMatch(/managed secret stage refers to it/);
    expect(world.writes).toEqual([]);
  });

  it('rolls back a credential this process created and never stored, even if it looks used', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'new', lastUsed: daysAgo(0) }), makeClient({ id: 'old', lastUsed: daysAgo(0) })] });
    ownCreations.created('new');
    const door = world.open();
    expect((await door.pass(deleteClient('new', { reason: 'rollback-own-creation' }))).outcome).toBe('done');
    expect((await door.pass(deleteClient('old', { reason: 'rollback-own-creation' }))).outcome).toBe('skipped');
    expect(world.writes).toEqual(['delete new']);
    expect(ownCreations.isOwnUnstored('new')).toBe(false);
  });

  it('judges a retired predecessor in use only by its use after it was replaced', async () => {
    const replacedAt = new Date(daysAgo(2));
    const world = doorWorld({ tokens: [makePat({ id: 'old', lastUsed: daysAgo(3) }), makePat({ id: 'used', lastUsed: daysAgo(1) })] });
    const door = world.open();
    const retire = (id: string): DoorCall => ({ credential: 'personal-access-token', operation: 'delete', id, name: 'janitor', reason: 'retire-predecessor', because: 'replaced', replacedAt });
    expect((await door.pass(retire('old'))).outcome).toBe('done');
    expect((await door.pass(retire('used'))).detail).toMatch(/since it was replaced/);
    expect(world.writes).toEqual(['delete-pat old']);
  });

  it('leaves alone a token ISC lists twice with different states, naming both', async () => {
    const copy = makePat({ id: 'dup', lastUsed: daysAgo(200) });
    const world = doorWorld({ tokens: [copy, { ...copy, lastUsed: daysAgo(0) }] });
    const result = await world.open().pass({ credential: 'personal-access-token', operation: 'delete', id: 'dup', name: 'x', reason: 'announced-token', because: 'announced' });
    expect(result.outcome).toBe('skipped');
    expect(result.warning).toMatch(/lists dup more than once with different states \(.* \/ .*\); left alone/);
    expect(result.warning).toContain(daysAgo(200));
    expect(result.warning).toContain(daysAgo(0));
    expect(world.writes).toEqual([]);
  });

  it('refuses when the re-read answers with another id', async () => {
    const world = doorWorld();
    world.read.clients.get = async () => makeClient({ id: 'someone-else', enabled: false, lastUsed: null });
    const result = await world.open().pass(deleteClient('a'));
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toMatch(/asked for a, ISC answered with someone-else; refused/);
    expect(world.writes).toEqual([]);
  });

  it('counts a disable done only when the answer shows that client disabled', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', lastUsed: daysAgo(200) })] });
    world.removal.clients.disable = async (id) => makeClient({ id, enabled: true });
    const result = await world.open().pass({ ...deleteClient('a'), operation: 'disable', reason: 'stale' });
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toMatch(/still enabled; not counted as done/);
  });

  it('reports a disable answered 404 as already gone, not as a failure', async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', lastUsed: daysAgo(200) })] });
    const disable = world.removal.clients.disable;
    world.removal.clients.disable = async (id) => {
      world.clients.delete(id);
      return disable(id);
    };
    const result = await world.open().pass({ ...deleteClient('a'), operation: 'disable', reason: 'stale' });
    expect(result).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
  });

  it('reports a credential gone at the re-read as already gone, and sends nothing', async () => {
    const world = doorWorld();
    expect(await world.open().pass(deleteClient('gone'))).toEqual({ outcome: 'skipped', detail: 'already gone' });
    expect(world.writes).toEqual([]);
  });

  it("applies the reason's own re-check to the fresh copy", async () => {
    const world = doorWorld({ clients: [makeClient({ id: 'a', enabled: true, lastUsed: null })] });
    const result = await world.open().pass(deleteClient('a', { recheck: (fresh) => ('enabled' in fresh && fresh.enabled ? 're-enabled' : undefined) }));
    expect(result.detail).toBe('no longer qualifies at the pre-delete check (re-enabled); left alone');
    expect(result.before).toEqual({ enabled: true, lastUsed: null });
  });
});
