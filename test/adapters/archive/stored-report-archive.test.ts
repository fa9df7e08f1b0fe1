import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryObjectStore } from '../../../lambdas/adapters/archive/directory-object-store.js';
import { ObjectExistsError } from '../../../lambdas/adapters/archive/object-exists-error.js';
import { StoredReportArchive } from '../../../lambdas/adapters/archive/stored-report-archive.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { fixtureAction, fixtureReport } from '../report/fixture-report.js';

let dir: string;
let archive: StoredReportArchive;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-'));
  archive = new StoredReportArchive(new DirectoryObjectStore(join(dir, 'not-yet-there')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function reportOn(startedAt: string, reportId: string, overrides: Partial<RunReport> = {}): RunReport {
  return fixtureReport({ reportId, startedAt, finishedAt: startedAt, ...overrides });
}

/** Every file under the archive root, as keys. */
async function keys(): Promise<string[]> {
  const root = join(dir, 'not-yet-there');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

describe('StoredReportArchive over a directory', () => {
  it('creates the directory and writes the report, its action lines and its upcoming lines at the layout\'s keys', async () => {
    const report = reportOn('2026-11-23T02:00:00.000Z', 'r-1');
    const { location } = await archive.write(report);

    expect(await keys()).toEqual([
      'actions/tenant=acme/date=2026-11-23/r-1.ndjson',
      'reports/tenant=acme/date=2026-11-23/r-1.json',
      'upcoming/tenant=acme/date=2026-11-23/r-1.ndjson',
    ]);
    expect(location).toBe(join(dir, 'not-yet-there', 'reports/tenant=acme/date=2026-11-23/r-1.json'));
    expect(JSON.parse(await readFile(location, 'utf8'))).toEqual(report);
    // Reports name every client of a tenant: private files in private folders.
    expect((await stat(location)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'not-yet-there', 'reports'))).mode & 0o777).toBe(0o700);
  });

  it('reads back runs, reports and lines, oldest date first, for one tenant or all', async () => {
    await archive.write(reportOn('2026-11-25T02:00:00.000Z', 'r-3'));
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1'));
    await archive.write(reportOn('2026-11-24T02:00:00.000Z', 'r-2', { tenant: 'acme-sb' }));

    expect(await archive.runs()).toEqual([
      { tenant: 'acme', date: '2026-11-23', reportId: 'r-1' },
      { tenant: 'acme-sb', date: '2026-11-24', reportId: 'r-2' },
      { tenant: 'acme', date: '2026-11-25', reportId: 'r-3' },
    ]);
    expect((await archive.runs({ tenant: 'acme' })).map((run) => run.reportId)).toEqual(['r-1', 'r-3']);
    expect((await archive.runs({ since: '2026-11-24' })).map((run) => run.reportId)).toEqual(['r-2', 'r-3']);
    expect((await archive.runs({ tenant: 'acme', until: '2026-11-24' })).map((run) => run.reportId)).toEqual(['r-1']);
    expect(await archive.runs({ tenant: 'nobody' })).toEqual([]);

    const run = { tenant: 'acme', date: '2026-11-23', reportId: 'r-1' };
    expect((await archive.report(run)).reportId).toBe('r-1');
    const actions = await archive.actions(run);
    expect(actions[0]).toEqual({ ...fixtureAction(1, 'payroll-export'), reportId: 'r-1', tenant: 'acme', date: '2026-11-23' });
    expect(await archive.upcoming(run)).toEqual([
      { credential: 'oauth-client', clientId: 'c-upcoming', name: 'nightly-sync', action: 'disable', on: '2026-12-01', reason: 'unused for 82 days, limit 90', reportId: 'r-1', tenant: 'acme', date: '2026-11-23', mode: 'enforce', startedAt: '2026-11-23T02:00:00.000Z' },
    ]);
  });

  it('keeps hostile tenant labels and report ids inside the archive, each readable back as given', async () => {
    const tenant = '../../escape/tenant=evil';
    const reportId = '../../../etc/passwd';
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', reportId, { tenant }));

    expect(await keys()).toEqual([
      'actions/tenant=%2E%2E%2F%2E%2E%2Fescape%2Ftenant%3Devil/date=2026-11-23/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.ndjson',
      'reports/tenant=%2E%2E%2F%2E%2E%2Fescape%2Ftenant%3Devil/date=2026-11-23/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.json',
      'upcoming/tenant=%2E%2E%2F%2E%2E%2Fescape%2Ftenant%3Devil/date=2026-11-23/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.ndjson',
    ]);
    expect(await readdir(dir)).toEqual(['not-yet-there']);
    expect(await archive.runs({ tenant })).toEqual([{ tenant, date: '2026-11-23', reportId }]);
  });

  it('ignores files it did not write, and names a file that is not valid JSON instead of skipping it', async () => {
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1'));
    const root = join(dir, 'not-yet-there');
    await writeFile(join(root, 'reports', 'README.md'), 'hello');
    await mkdir(join(root, 'reports/tenant=acme/date=2026-11-24'), { recursive: true });
    await writeFile(join(root, 'reports/tenant=acme/date=2026-11-24/r-2.json'), '{"reportId": "r-2", "cut sh');

    const runs = await archive.runs({ tenant: 'acme' });
    expect(runs.map((run) => run.reportId)).toEqual(['r-1', 'r-2']);
    await expect(archive.report(runs[1]!)).rejects.toThrow(`${join(root, 'reports/tenant=acme/date=2026-11-24/r-2.json')} is not valid JSON`);
  });

  it('writes each object once: a second write of the same run is refused and leaves the first untouched', async () => {
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1', { outcome: 'failed' }));
    const second = archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1', { outcome: 'ok' }));
    await expect(second).rejects.toBeInstanceOf(ObjectExistsError);
    await expect(second).rejects.toThrow(/already exists; evidence is written once and never replaced/);
    expect(await keys()).toHaveLength(3);
    expect((await archive.report({ tenant: 'acme', date: '2026-11-23', reportId: 'r-1' })).outcome).toBe('failed');
    // No temporary file is left behind by the refused write.
    const all = await readdir(join(dir, 'not-yet-there'), { recursive: true });
    expect(all.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('records a delivery once, and lists as delivered only the runs that have one', async () => {
    const first = reportOn('2026-11-23T02:00:00.000Z', 'r-1');
    await archive.write(first);
    await archive.write(reportOn('2026-11-24T02:00:00.000Z', 'r-2'));
    const delivery = { via: 'sns' as const, deliveredAt: '2026-11-23T02:00:09.000Z', topicArn: 'arn:aws:sns:eu-west-1:123456789012:reports', messageId: 'm-1' };

    const { location } = await archive.recordDelivery(first, delivery);

    expect(location).toBe(join(dir, 'not-yet-there', 'delivered/tenant=acme/date=2026-11-23/r-1.json'));
    expect(JSON.parse(await readFile(location, 'utf8'))).toEqual({ reportId: 'r-1', tenant: 'acme', ...delivery });
    expect((await archive.runs({ tenant: 'acme', delivered: true })).map((run) => run.reportId)).toEqual(['r-1']);
    expect((await archive.runs({ tenant: 'acme' })).map((run) => run.reportId)).toEqual(['r-1', 'r-2']);
    await expect(archive.recordDelivery(first, delivery)).rejects.toBeInstanceOf(ObjectExistsError);
    // A delivery record without its report is no run.
    await archive.recordDelivery(reportOn('2026-11-25T02:00:00.000Z', 'no-report'), delivery);
    expect((await archive.runs({ delivered: true })).map((run) => run.reportId)).toEqual(['r-1']);
  });

  it('refuses a report that does not belong where it is stored, naming it', async () => {
    const root = join(dir, 'not-yet-there');
    const misplaced = async (name: string, report: object) => {
      await mkdir(join(root, 'reports/tenant=acme/date=2026-11-23'), { recursive: true });
      await writeFile(join(root, `reports/tenant=acme/date=2026-11-23/${name}.json`), JSON.stringify(report));
      return archive.report({ tenant: 'acme', date: '2026-11-23', reportId: name });
    };
    await expect(misplaced('other-tenant', { ...reportOn('2026-11-23T02:00:00.000Z', 'other-tenant'), tenant: 'globex' })).rejects.toThrow(
      /other-tenant\.json does not belong where it is stored: it says tenant "globex"/,
    );
    await expect(misplaced('other-day', reportOn('2026-11-02T02:00:00.000Z', 'other-day'))).rejects.toThrow(/does not belong where it is stored/);
    await expect(misplaced('other-id', reportOn('2026-11-23T02:00:00.000Z', 'r-9'))).rejects.toThrow(/does not belong where it is stored/);
    await expect(misplaced('empty', {})).rejects.toThrow(/empty\.json is not a run report/);
  });
});

describe('DirectoryObjectStore and links', () => {
  it('never writes or reads through a symbolic link below the root, and says which path is one', async () => {
    const root = join(dir, 'root');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(join(elsewhere, 'date=2026-11-23'), { recursive: true });
    await mkdir(join(root, 'reports'), { recursive: true });
    await symlink(elsewhere, join(root, 'reports', 'tenant=acme'));
    const linked = new StoredReportArchive(new DirectoryObjectStore(root));

    await expect(linked.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1'))).rejects.toThrow(`${join(root, 'reports', 'tenant=acme')} is a symbolic link; the archive follows none`);
    expect(await readdir(join(elsewhere, 'date=2026-11-23'))).toEqual([]);

    // A link as the file itself: the hard link refuses the name, the read refuses to follow it.
    await mkdir(join(root, 'actions/tenant=acme/date=2026-11-23'), { recursive: true });
    await writeFile(join(elsewhere, 'target'), 'outside');
    await symlink(join(elsewhere, 'target'), join(root, 'actions/tenant=acme/date=2026-11-23/r-2.ndjson'));
    const store = new DirectoryObjectStore(root);
    await expect(store.put('actions/tenant=acme/date=2026-11-23/r-2.ndjson', 'x')).rejects.toBeInstanceOf(ObjectExistsError);
    expect(await readFile(join(elsewhere, 'target'), 'utf8')).toBe('outside');
    await expect(store.get('actions/tenant=acme/date=2026-11-23/r-2.ndjson')).rejects.toThrow(/is a symbolic link; the archive follows none/);
    await expect(store.get('reports/tenant=acme/date=2026-11-23/x.json')).rejects.toThrow(/is a symbolic link; the archive follows none/);
  });

  it('says why a folder others may write to, or one holding a link, cannot serve as proof', async () => {
    const root = join(dir, 'root');
    const store = new DirectoryObjectStore(root);
    expect(await store.untrusted()).toBeUndefined();
    await store.put('reports/tenant=acme/date=2026-11-23/r-1.json', '{}');
    expect(await store.untrusted()).toBeUndefined();

    await chmod(root, 0o777);
    expect(await store.untrusted()).toBe(`${root} is writable by group or others (mode 777)`);
    await chmod(root, 0o700);
    await chmod(join(root, 'reports/tenant=acme'), 0o770);
    expect(await store.untrusted()).toBe(`${join(root, 'reports/tenant=acme')} is writable by group or others (mode 770)`);
    await chmod(join(root, 'reports/tenant=acme'), 0o700);
    await symlink('/etc', join(root, 'reports/tenant=acme/date=2026-11-24'));
    expect(await store.untrusted()).toBe(`${join(root, 'reports/tenant=acme/date=2026-11-24')} is a symbolic link`);
  });
});
