import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../lambdas/core/report/build-history.js';
import { daysAgo, NOW } from '../core/make-client.js';
import { cli, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { storedClient } from './tenant-clients.js';

/**
 * `history` rebuilds a client's timeline from the evidence archive the CLI's own runs wrote
 * (`--archive-dir`): found stale in a report-only run, disabled, warned, deleted.
 */
const DAY_MS = 86_400_000;
const STALE = 'e2e16000000000000000000000000001';
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const utcDay = (days: number) => at(days).toISOString().slice(0, 10);

/** Nine busy clients and one unused for 200 days; the sandbox's clock is the one the test moves. */
async function tenantWithOneStaleClient() {
  let now = NOW;
  const clients = [
    ...Array.from({ length: 9 }, (_, i) => storedClient({ id: `e2e1600000000000000000000000a00${i}`, name: `busy-${i}` })),
    storedClient({ id: STALE, name: 'old-export', lastUsed: daysAgo(200), modified: daysAgo(200) }),
  ];
  const tenant = await startTenant({ clients, now: () => now });
  return { ...tenant, setDay: (days: number) => (now = at(days)) };
}

const s3Mock = mockClient(S3Client);
afterEach(() => {
  s3Mock.reset();
});

describe('janitor history', () => {
  it('rebuilds a client\'s timeline across runs from a local archive: report, disable, warning, delete', async () => {
    const { env, setDay } = await tenantWithOneStaleClient();
    const archive = join(await scratchDir(), 'evidence', 'nested');
    const enforce = await policyFile({ mode: 'enforce' });
    const archiveFlags = ['--archive-dir', archive, '--tenant', 'acme'];

    // A report-only preview an hour before the enforced run, the same UTC day.
    expect((await cli(['plan', ...archiveFlags], env, { now: new Date(NOW.getTime() - 3_600_000) })).code).toBe(0);
    expect((await cli(['run', '--policy', enforce, ...archiveFlags], env)).code).toBe(0);
    setDay(7);
    expect((await cli(['run', '--policy', enforce, ...archiveFlags], env, { now: at(7) })).code).toBe(0);
    setDay(15);
    expect((await cli(['run', '--policy', enforce, ...archiveFlags], env, { now: at(15) })).code).toBe(0);
    // The folder was created on the first run, private.
    expect((await stat(archive)).mode & 0o777).toBe(0o700);

    const json = await reportFile();
    const result = await cli(['history', '--client', STALE, '--archive-dir', archive, '--json', json.path], {});

    expect(result.code).toBe(0);
    const entries = JSON.parse(await json.text()) as HistoryEntry[];
    expect(entries.map((entry) => [entry.date, entry.mode, entry.action, entry.outcome])).toEqual([
      [utcDay(0), 'report', 'disable', 'planned'],
      [utcDay(0), 'enforce', 'disable', 'done'],
      [utcDay(7), 'enforce', 'delete', 'upcoming'],
      [utcDay(15), 'enforce', 'delete', 'done'],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ reportId: expect.stringMatching(/^[0-9a-f-]{36}$/), tenant: 'acme', clientId: STALE, name: 'old-export' });
    }
    expect(new Set(entries.map((entry) => entry.reportId)).size).toBe(4);
    expect(entries[1]?.reason).toBe(`unused for 200 days (last used ${daysAgo(200).slice(0, 10)}), limit 90`);
    expect(entries[2]?.on).toBe(utcDay(14));
    expect(entries[3]?.reason).toMatch(/^disabled and unused for 215 days .*unchanged for 15 days, grace 14$/);

    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`History of ${STALE} "old-export": 4 entries in 4 runs`);
    expect(lines.slice(1).map((line) => line.replace(/run [0-9a-f-]{36}/, 'run <id>'))).toEqual([
      `  ${utcDay(0)}  report   run <id>  found stale; would be disabled (report only): ${entries[0]?.reason}`,
      `  ${utcDay(0)}  enforce  run <id>  disabled: ${entries[1]?.reason}`,
      `  ${utcDay(7)}  enforce  run <id>  warned: will be deleted on ${utcDay(14)}: ${entries[2]?.reason}`,
      `  ${utcDay(15)}  enforce  run <id>  deleted: ${entries[3]?.reason}`,
    ]);

    // --since drops the earlier runs; --tenant lists every client of the tenant.
    const since = await cli(['history', '--client', STALE, '--since', utcDay(1), '--archive-dir', archive], {});
    expect(since.stdout.split('\n')[0]).toBe(`History of ${STALE} "old-export": 2 entries in 2 runs`);
    const tenant = await cli(['history', '--tenant', 'acme', '--archive-dir', archive], {});
    expect(tenant.stdout.split('\n')[0]).toBe('History of tenant acme: 4 entries in 4 runs');
    expect(tenant.stdout).toContain(`"old-export" (${STALE})  deleted`);
  });

  it('archives a run that failed before evaluation (refused credentials) as well', async () => {
    const { env } = await tenantWithOneStaleClient();
    const archive = await scratchDir();
    const result = await cli(['run', '--archive-dir', archive, '--tenant', 'acme'], { ...env, SAIL_CLIENT_SECRET: 'not-the-secret' });

    expect(result.code).toBe(2);
    const files = await readdir(join(archive, 'reports/tenant=acme', `date=${utcDay(0)}`));
    expect(files).toHaveLength(1);
    const report = JSON.parse(await readFile(join(archive, 'reports/tenant=acme', `date=${utcDay(0)}`, files[0] ?? ''), 'utf8')) as { outcome: string };
    expect(report.outcome).toBe('failed');
    expect(result.stdout).toContain(`Archived: ${join(archive, 'reports/tenant=acme', `date=${utcDay(0)}`, files[0] ?? '')}`);
  });

  it('refuses a missing --archive-dir (exit 2) instead of answering "nothing", and creates nothing', async () => {
    const archive = join(await scratchDir(), 'not', 'there');
    const result = await cli(['history', '--client', STALE, '--archive-dir', archive], {});
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`Invalid --archive-dir ${archive}: no such folder; name the folder runs wrote their reports to (run --archive-dir)`);
    await expect(stat(join(archive, '..'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a bucket that does not exist (exit 2) instead of answering "nothing"', async () => {
    s3Mock.on(HeadBucketCommand).rejects(new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'Not Found' }));
    const result = await cli(['history', '--client', STALE, '--archive-bucket', 'evidence-typo'], { AWS_REGION: 'eu-west-1' });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('Invalid --archive-bucket evidence-typo: no such bucket; name the stack output ReportArchiveBucket');
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });

  it('skips a malformed report with a warning naming it, counts it, and prints every archived field on its own line only', async () => {
    const archive = await scratchDir();
    const put = async (key: string, body: string) => {
      await mkdir(join(archive, key, '..'), { recursive: true, mode: 0o700 });
      await writeFile(join(archive, key), body, { mode: 0o600 });
    };
    const hostile = {
      reportId: 'r-1', tenant: 'acme', mode: 'enforce', startedAt: '2026-11-23T02:00:00.000Z', finishedAt: '2026-11-23T02:00:03.000Z', outcome: 'ok',
      actions: [{ credential: 'oauth-client', clientId: STALE, name: 'old-export', action: 'disable', reason: 'unused\n  2026-11-24  enforce  run r-9  deleted: forged', outcome: 'done', detail: 42 }],
      upcoming: [{ credential: 'oauth-client', clientId: STALE, name: 'old-export', action: 'delete', on: '2026-12-01\n  2026-12-01  enforce  run r-9  deleted: forged', reason: 'r\u202e' }],
    };
    await put('reports/tenant=acme/date=2026-11-23/r-1.json', JSON.stringify(hostile));
    await put('reports/tenant=acme/date=2026-11-24/r-2.json', '{"reportId": "r-2", "cut sh');
    await put('reports/tenant=acme/date=2026-11-25/r-3.json', '{}');

    const result = await cli(['history', '--client', STALE, '--archive-dir', archive], {});

    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`History of ${STALE} "old-export": 2 entries in 1 run`);
    expect(lines.slice(1, 3).every((line) => line.startsWith('  2026-11-23  enforce  run r-1  '))).toBe(true);
    expect(lines[3]).toBe('  2 archived reports could not be read and were skipped (each named in a warning)');
    expect(lines).toHaveLength(4);
    expect(result.stderr).toContain(`[warning] skipped an archived report that cannot be read: ${join(archive, 'reports/tenant=acme/date=2026-11-24/r-2.json')} is not valid JSON`);
    expect(result.stderr).toContain(`[warning] skipped an archived report that cannot be read: ${join(archive, 'reports/tenant=acme/date=2026-11-25/r-3.json')} is not a run report`);
  });

  it('reads the S3 archive with --archive-bucket', async () => {
    const report = {
      reportId: 'r-1', tenant: 'acme', mode: 'enforce', startedAt: '2026-11-23T02:00:00.000Z', finishedAt: '2026-11-23T02:00:03.000Z', outcome: 'ok',
      actions: [{ credential: 'oauth-client', clientId: STALE, name: 'old-export', action: 'disable', reason: 'unused for 200 days', outcome: 'done' }],
      upcoming: [],
    };
    s3Mock
      .on(ListObjectsV2Command, { Bucket: 'evidence', Prefix: 'reports/tenant=acme/' })
      .resolves({ Contents: [{ Key: 'reports/tenant=acme/date=2026-11-23/r-1.json' }] })
      .on(GetObjectCommand, { Bucket: 'evidence', Key: 'reports/tenant=acme/date=2026-11-23/r-1.json' })
      .resolves({ Body: { transformToString: async () => JSON.stringify(report) } as never });

    const result = await cli(['history', '--tenant', 'acme', '--client', STALE, '--archive-bucket', 'evidence'], { AWS_REGION: 'eu-central-1' });

    expect(result.stdout).toBe(`History of ${STALE} "old-export" in tenant acme: 1 entry in 1 run\n  2026-11-23  enforce  run r-1  disabled: unused for 200 days\n`);
  });

  it.each([
    [['history', '--archive-dir', '.'], 'history needs --client ID'],
    [['history', '--client', 'x'], 'give --archive-bucket BUCKET'],
    [['history', '--client', 'x', '--archive-dir', '.', '--archive-bucket', 'b'], 'not both'],
    [['history', '--client', 'x', '--archive-dir', '.', '--since', '2026-02-30'], 'Invalid --since 2026-02-30: must be a UTC date written YYYY-MM-DD'],
    [['history', '--client', 'x', '--archive-dir', '.', '--policy', 'p.json'], '--policy is not a flag of "history"'],
  ])('refuses %j with exit 2', async (argv, words) => {
    const result = await cli(argv, {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(words);
  });

  it('writes the JSON entries oldest first with reportId, date, action, outcome and reason', async () => {
    const { env } = await tenantWithOneStaleClient();
    const archive = await scratchDir();
    await cli(['plan', '--archive-dir', archive, '--tenant', 'acme'], env);
    const json = await reportFile();
    await cli(['history', '--tenant', 'acme', '--archive-dir', archive, '--json', json.path], {});
    const [entry] = JSON.parse(await readFile(json.path, 'utf8')) as Record<string, unknown>[];
    expect(entry).toEqual(expect.objectContaining({ reportId: expect.any(String), date: utcDay(0), action: 'disable', outcome: 'planned', reason: expect.stringContaining('unused for 200 days') }));
  });
});
