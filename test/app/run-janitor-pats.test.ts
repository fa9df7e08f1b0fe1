import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import { ObjectExistsError } from '../../lambdas/adapters/archive/object-exists-error.js';
import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { recordDelivery } from '../../lambdas/app/record-delivery.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { silentLogger } from '../../lambdas/core/run-logger.js';
import { DAY_MS } from '../../lambdas/core/dates.js';
import { parsePolicy, type PolicyInput } from '../../lambdas/core/model/policy.js';
import { NO_ARCHIVE_WARNING } from '../../lambdas/core/plan/evaluate-pats.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { NOW } from '../core/make-client.js';
import { FAST_RETRIES } from '../e2e/cli-harness.js';
import { SECRET, SELF_ID } from '../e2e/tenant-clients.js';
import { DUE_PATS, OWNERS, PAT_IDS, PAT_POLICY, tenantPats } from '../e2e/tenant-pats.js';
import { iscWithDoor } from '../support/isc-with-door.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';

/**
 * Personal access tokens through the orchestrator, against the sandbox over real HTTP, with the
 * evidence archive in a temporary directory: night 1 announces, night 2 (warnDays later) deletes.
 */
const NIGHT_2 = new Date(NOW.getTime() + 14 * DAY_MS);

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function tenant() {
  let now = NOW;
  const sandbox = await startSandbox({ now: () => now, clients: [], pats: tenantPats(), credentials: { clientId: SELF_ID, clientSecret: SECRET } });
  const dir = await mkdtemp(join(tmpdir(), 'janitor-pats-'));
  open.push(sandbox, { close: () => rm(dir, { recursive: true, force: true }) });
  const store = new DirectoryObjectStore(dir);
  const archive = new StoredReportArchive(store);
  return { sandbox, archive, store, setNow: (date: Date) => (now = date) };
}

/**
 * One night as the Lambda runs it: the run, then (as after SNS accepted the report) its delivery
 * recorded in the archive, unless `delivered: false` (a publish that failed, a laptop run).
 */
async function night(
  sandbox: Sandbox,
  at: Date,
  options: { archive?: StoredReportArchive | undefined; policy?: PolicyInput; mode?: 'report' | 'enforce'; delivered?: boolean } = {},
): Promise<RunReport> {
  const report = await run(sandbox, at, options);
  if (options.archive && options.delivered !== false) {
    await recordDelivery(options.archive, report, { via: 'sns', deliveredAt: at.toISOString(), topicArn: 'arn:aws:sns:us-east-1:123456789012:reports' }, silentLogger);
  }
  return report;
}

function run(
  sandbox: Sandbox,
  at: Date,
  options: { archive?: StoredReportArchive | undefined; policy?: PolicyInput; mode?: 'report' | 'enforce' } = {},
): Promise<RunReport> {
  const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST_RETRIES });
  return runJanitor({
    ...iscWithDoor(api),
    pats: { api: api.personalAccessTokens, ...(options.archive ? { archive: options.archive } : {}) },
    ...(options.archive ? { archive: options.archive } : {}),
    policy: parsePolicy({ mode: options.mode ?? 'enforce', ...PAT_POLICY, ...options.policy }),
    tenant: 'sandbox',
    selfClientId: SELF_ID,
    clock: () => at,
    reportId: `night-${at.toISOString().slice(0, 10)}`,
  });
}

const deletedPats = (sandbox: Sandbox) =>
  sandbox.requests.filter((r) => r.method === 'DELETE' && r.path.includes('personal-access-tokens')).map((r) => r.path.split('/').pop()).sort();
const tokenEntries = <T extends { credential: string }>(entries: readonly T[]) => entries.filter((e) => e.credential === 'personal-access-token');

describe('personal access tokens, night after night', () => {
  it('announces due tokens on night 1 and deletes them on night 2; exempt, managed and fresh ones stay', async () => {
    const { sandbox, archive, setNow } = await tenant();

    const first = await night(sandbox, NOW, { archive });
    expect(deletedPats(sandbox)).toEqual([]);
    expect(tokenEntries(first.actions)).toEqual([]);
    expect(tokenEntries(first.upcoming).map((u) => `${u.clientId} ${u.on}`).sort()).toEqual(
      DUE_PATS.map((id) => `${id} ${NIGHT_2.toISOString().slice(0, 10)}`).sort(),
    );
    expect(first.pats?.counts).toMatchObject({ total: 15, stale: 3, deleted: 0, upcoming: 3, exempt: 3 });
    expect(first.archive).toMatchObject({ status: 'written' });

    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive });
    expect(deletedPats(sandbox)).toEqual(DUE_PATS);
    expect(tokenEntries(second.actions).map((a) => [a.clientId, a.action, a.outcome])).toEqual(DUE_PATS.map((id) => [id, 'delete', 'done']));
    expect(tokenEntries(second.actions)[0]?.reason).toMatch(/; announced on 2026-11-23, 14 days ago \(warnDays 14\)$/);
    expect(second.pats?.counts).toMatchObject({ deleted: 3, upcoming: 0 });
    for (const id of DUE_PATS) expect(sandbox.pats.has(id)).toBe(false);
    for (const id of [PAT_IDS.workflow, PAT_IDS.ownerExempt, PAT_IDS.expiringSoon, SELF_ID]) expect(sandbox.pats.has(id)).toBe(true);
    expect(second.exempt.filter((e) => e.credential === 'personal-access-token').map((e) => [e.clientId, e.reason.split(';')[0]])).toEqual(
      [
        [PAT_IDS.workflow, 'exempt: managed by ISC (Workflows depend on it)'],
        [PAT_IDS.ownerExempt, 'exempt by pats.exempt.ownerIds (its owner)'],
        [SELF_ID, "exempt: the janitor's own credential"],
      ].sort(),
    );
  });

  it('keeps a token used again between the nights, and does not announce it again', async () => {
    const { sandbox, archive, setNow } = await tenant();
    await night(sandbox, NOW, { archive });
    const comeback = sandbox.pats.get(PAT_IDS.comeback)!;
    sandbox.pats.put({ ...comeback, lastUsed: new Date(NOW.getTime() + 3 * DAY_MS).toISOString() });

    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive });
    expect(deletedPats(sandbox)).toEqual(DUE_PATS.filter((id) => id !== PAT_IDS.comeback));
    expect(sandbox.pats.has(PAT_IDS.comeback)).toBe(true);
    expect(second.actions.some((a) => a.clientId === PAT_IDS.comeback)).toBe(false);
    expect(second.upcoming.some((u) => u.clientId === PAT_IDS.comeback)).toBe(false);
  });

  it('deletes nothing in report mode, and says what an enforcing run would delete', async () => {
    const { sandbox, archive, setNow } = await tenant();
    await night(sandbox, NOW, { archive, mode: 'report' });
    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive, mode: 'report' });
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    expect(tokenEntries(second.actions).map((a) => [a.clientId, a.outcome])).toEqual(DUE_PATS.map((id) => [id, 'planned']));
    expect(second.pats?.counts.deleted).toBe(3);
  });

  it('without an archive announces night after night and deletes nothing', async () => {
    const { sandbox, setNow } = await tenant();
    await night(sandbox, NOW);
    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    expect(tokenEntries(second.upcoming).map((u) => u.clientId).sort()).toEqual(DUE_PATS);
    expect(second.warnings).toContain(NO_ARCHIVE_WARNING);
  });

  it('lists every token of the tenant without owner-id, using the same server filters as for clients', async () => {
    const { sandbox, archive } = await tenant();
    await night(sandbox, NOW, { archive });
    const lists = sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/personal-access-tokens'));
    expect(lists.map((r) => new URLSearchParams(r.query).get('filters')).sort()).toEqual(
      [null, 'lastUsed isnull', `lastUsed le ${new Date(NOW.getTime() - 90 * DAY_MS).toISOString()}`].sort(),
    );
    expect(lists.every((r) => !new URLSearchParams(r.query).has('owner-id'))).toBe(true);
  });

  it('counts token deletions in the guard: over maxFraction of the tokens, nothing is deleted', async () => {
    const { sandbox, archive, setNow } = await tenant();
    await night(sandbox, NOW, { archive });
    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive, policy: { ...PAT_POLICY, limits: { maxFraction: 0.1 } } });
    expect(second.outcome).toBe('blocked');
    expect(second.blockedReason).toMatch(/^the plan would change 3 of 15 personal access tokens \(20%\), over limits\.maxFraction 0\.1 \(10%\); nothing was changed$/);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
  });

  it('leaves alone a token used between the plan and its deletion (the pre-delete re-list)', async () => {
    const { sandbox, report, lists } = await nightTwo({
      onPreDeleteList: (tenantSandbox) => tenantSandbox.pats.put({ ...tenantSandbox.pats.get(PAT_IDS.stale)!, lastUsed: NIGHT_2.toISOString() }),
    });
    // The door lists again right before each of the three deletions.
    expect(lists()).toBe(6);
    expect(sandbox.pats.has(PAT_IDS.stale)).toBe(true);
    expect(report.actions.find((a) => a.clientId === PAT_IDS.stale)).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/^no longer qualifies at the pre-delete check/) });
    expect(deletedPats(sandbox)).toEqual(DUE_PATS.filter((id) => id !== PAT_IDS.stale));
    expect(report.actions.find((a) => a.clientId === PAT_IDS.comeback)?.owner).toEqual({ id: OWNERS.grace.id, name: OWNERS.grace.name });
  });

  /**
   * Night 2 with the token API wrapped: `beforeDelete` runs before each token DELETE,
   * `onPreDeleteList` before the pre-delete re-list (the 4th list, after all, lastUsed le and lastUsed isnull).
   */
  async function nightTwo(hooks: { beforeDelete?: (sandbox: Sandbox, id: string) => void; onPreDeleteList?: (sandbox: Sandbox) => void }) {
    const { sandbox, archive, setNow } = await tenant();
    await night(sandbox, NOW, { archive });
    setNow(NIGHT_2);
    const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST_RETRIES });
    let lists = 0;
    const pats = {
      ...api.personalAccessTokens,
      list: async (options?: Parameters<typeof api.personalAccessTokens.list>[0]) => {
        lists += 1;
        if (lists === 4) hooks.onPreDeleteList?.(sandbox);
        return api.personalAccessTokens.list(options);
      },
    };
    const removal = iscRemovalOf(api);
    const report = await runJanitor({
      api,
      // The token's DELETE, as the door sends it, with the hook first.
      door: doorKeyOf({
        clients: removal.clients,
        pats: {
          delete: async (id: string) => {
            hooks.beforeDelete?.(sandbox, id);
            return removal.pats.delete(id);
          },
        },
      }),
      pats: { api: pats, archive },
      policy: parsePolicy({ mode: 'enforce', ...PAT_POLICY }),
      tenant: 'sandbox',
      selfClientId: SELF_ID,
      clock: () => NIGHT_2,
      reportId: 'night-2',
    });
    return { sandbox, report, lists: () => lists };
  }

  it('reports a token whose DELETE is answered 404 as skipped, already gone, never as its own deletion', async () => {
    const { report } = await nightTwo({ beforeDelete: (sandbox, id) => id === PAT_IDS.stale && sandbox.pats.remove(id) });
    const action = report.actions.find((a) => a.clientId === PAT_IDS.stale);
    expect(action).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
    expect(report.pats?.counts.deleted).toBe(DUE_PATS.length - 1);
    expect(report.outcome).toBe('ok');
  });

  it('leaves alone, as skipped, a token no longer listed at the pre-delete check', async () => {
    const { sandbox, report } = await nightTwo({ onPreDeleteList: (tenantSandbox) => tenantSandbox.pats.remove(PAT_IDS.stale) });
    expect(report.actions.find((a) => a.clientId === PAT_IDS.stale)).toMatchObject({ outcome: 'skipped', detail: 'already gone' });
    expect(deletedPats(sandbox)).toEqual(DUE_PATS.filter((id) => id !== PAT_IDS.stale));
    expect(report.outcome).toBe('ok');
  });
});

describe('announcements with authority: only a delivered, readable report of this tenant announces', () => {
  const DAY_1 = NOW.toISOString().slice(0, 10);
  const folder = (kind: string, id: string, extension = 'json') => `${kind}/tenant=sandbox/date=${DAY_1}/${id}.${extension}`;
  const DELIVERED = JSON.stringify({ reportId: 'forged', tenant: 'sandbox', via: 'sns', deliveredAt: NOW.toISOString() });
  const tokenLines = DUE_PATS.map((id) =>
    JSON.stringify({ credential: 'personal-access-token', clientId: id, name: 'n', action: 'delete', on: NIGHT_2.toISOString().slice(0, 10), reason: 'r', reportId: 'forged', tenant: 'sandbox', mode: 'enforce', startedAt: NOW.toISOString() }),
  ).join('\n');

  async function nightTwo(prepare: (store: DirectoryObjectStore, archive: StoredReportArchive, sandbox: Sandbox) => Promise<void>) {
    const { sandbox, archive, store, setNow } = await tenant();
    await prepare(store, archive, sandbox);
    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive });
    return { sandbox, second };
  }

  it('a night nobody was sent announces nothing: the tokens are announced again, none is deleted', async () => {
    const { sandbox, archive, setNow } = await tenant();
    const first = await night(sandbox, NOW, { archive, delivered: false });
    expect(first.archive).toMatchObject({ status: 'written' });
    setNow(NIGHT_2);
    const second = await night(sandbox, NIGHT_2, { archive });
    expect(deletedPats(sandbox)).toEqual([]);
    expect(tokenEntries(second.upcoming).map((u) => u.clientId).sort()).toEqual(DUE_PATS);
  });

  it('forged lines beside a `{}` report, even with a delivery record, announce nothing, and the report says which object was passed over', async () => {
    const { sandbox, second } = await nightTwo(async (store) => {
      await store.put(folder('upcoming', 'forged', 'ndjson'), `${tokenLines}\n`);
      await store.put(folder('actions', 'forged', 'ndjson'), '{}\n');
      await store.put(folder('reports', 'forged'), '{}\n');
      await store.put(folder('delivered', 'forged'), DELIVERED);
    });
    expect(deletedPats(sandbox)).toEqual([]);
    expect(second.warnings).toContainEqual(expect.stringMatching(/^personal access tokens: an archived report was passed over, its announcements do not count \(.*forged\.json is not a run report\)$/));
  });

  it('lines without a report announce nothing', async () => {
    const { sandbox } = await nightTwo(async (store) => {
      await store.put(folder('upcoming', 'forged', 'ndjson'), `${tokenLines}\n`);
      await store.put(folder('delivered', 'forged'), DELIVERED);
    });
    expect(deletedPats(sandbox)).toEqual([]);
  });

  it('lines with an unreadable report, or a report of another tenant or day, announce nothing', async () => {
    const { sandbox, second } = await nightTwo(async (store, _archive, sandbox0) => {
      const real = await run(sandbox0, NOW, {});
      await store.put(folder('upcoming', 'cut', 'ndjson'), `${tokenLines}\n`);
      await store.put(folder('reports', 'cut'), '{"reportId": "cut", "tenant": "sandbox", "upcom');
      await store.put(folder('delivered', 'cut'), DELIVERED);
      // A genuine report of another tenant, copied into this tenant's folder.
      await store.put(folder('reports', 'copied'), JSON.stringify({ ...real, reportId: 'copied', tenant: 'globex' }));
      await store.put(folder('delivered', 'copied'), DELIVERED);
    });
    expect(deletedPats(sandbox)).toEqual([]);
    // Both named, in whatever order the archive listed them.
    expect(second.warnings.filter((w) => w.startsWith('personal access tokens: an archived report was passed over')).sort()).toEqual([
      expect.stringMatching(/copied\.json does not belong where it is stored: it says tenant "globex"/),
      expect.stringMatching(/cut\.json is not valid JSON/),
    ]);
  });

  it('an announcement cannot be written over a delivered report: the overwrite is refused and nothing is deleted', async () => {
    const { sandbox, second } = await nightTwo(async (store, archive, sandbox0) => {
      // A delivered night that announced no token (tokens not governed yet).
      const quiet = await run(sandbox0, NOW, { archive, policy: { ...PAT_POLICY, pats: { enabled: false } } });
      await recordDelivery(archive, quiet, { via: 'sns', deliveredAt: NOW.toISOString() }, silentLogger);
      const forged = { ...quiet, upcoming: DUE_PATS.map((id) => ({ credential: 'personal-access-token', clientId: id, name: 'n', action: 'delete', on: DAY_1, reason: 'r' })) };
      await expect(store.put(folder('reports', quiet.reportId), JSON.stringify(forged))).rejects.toBeInstanceOf(ObjectExistsError);
      await expect(archive.write(forged as RunReport)).rejects.toBeInstanceOf(ObjectExistsError);
    });
    expect(deletedPats(sandbox)).toEqual([]);
    expect(tokenEntries(second.upcoming).map((u) => u.clientId).sort()).toEqual(DUE_PATS);
  });
});
