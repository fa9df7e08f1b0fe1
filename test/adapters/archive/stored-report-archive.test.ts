import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryObjectStore } from '../../../lambdas/adapters/archive/directory-object-store.js';
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

  it('stores a retried run again under the same keys (the last write wins locally; S3 keeps every version)', async () => {
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1', { outcome: 'failed' }));
    await archive.write(reportOn('2026-11-23T02:00:00.000Z', 'r-1', { outcome: 'ok' }));
    expect(await keys()).toHaveLength(3);
    expect((await archive.report({ tenant: 'acme', date: '2026-11-23', reportId: 'r-1' })).outcome).toBe('ok');
  });
});
