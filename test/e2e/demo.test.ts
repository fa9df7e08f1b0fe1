import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, reportFile, scratchDir } from './cli-harness.js';
import { NOW } from '../core/make-client.js';

/** The demo's simulated second night: warnDays (14) after the first. */
const NIGHT_2 = new Date(NOW.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
const NIGHT_1 = NOW.toISOString().slice(0, 10);

describe('janitor demo', () => {
  it('runs an enforced cleanup of a seeded sandbox tenant and prints a readable report', async () => {
    const json = await reportFile();

    // No credentials at all: the demo brings its own tenant.
    const result = await cli(['demo', '--json', json.path], {});

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Mode: ENFORCED');
    expect(result.stdout).toContain('Outcome: OK');
    const disabled = Number(/ {2}Disabled: (\d+)\n/.exec(result.stdout)?.[1]);
    const deleted = Number(/ {2}Deleted: (\d+)\n/.exec(result.stdout)?.[1]);
    expect(disabled).toBeGreaterThan(0);
    expect(deleted).toBeGreaterThan(0);
    const report = await json.read();
    expect(report).toMatchObject({ tenant: 'demo', mode: 'enforce', outcome: 'ok' });
    expect(report.counts).toMatchObject({ total: 42, disabled, deleted, rotated: 1, failed: 0 });
    expect(report.actions.every((action) => action.outcome === 'done')).toBe(true);
    // One rotation into a temporary 0600 file; the secret itself is never printed.
    expect(report.actions.find((action) => action.action === 'rotate')).toMatchObject({ name: 'payroll-export', outcome: 'done' });
    expect(result.stdout).toMatch(/ {2}isc-oauth-janitor\/clients\/demo\/payroll-export \(in the secret directory \S+\), file mode 600\n/);
    expect(result.stdout).not.toContain('demo-only-secret');
    // Secrets Manager's four steps, offline, on the second managed secret.
    expect(result.stdout).toMatch(
      /Rotating isc-oauth-janitor\/clients\/demo\/ci-deploy \(in the secret directory \S+\), version \S+:\n {2}createSecret: successor \S+ of client de0+c1de9 created.*\n {2}setSecret: .*\n {2}testSecret: client \S+ got an access token.*\n {2}finishSecret: version \S+ is AWSCURRENT/,
    );
    // The end: one disabled client's history from the evidence archive, preview then enforcement.
    const history = result.stdout.slice(result.stdout.indexOf('\nHistory of ') + 1, result.stdout.indexOf('\nNight 2')).trimEnd().split('\n');
    const disabledFirst = report.actions.find((action) => action.action === 'disable');
    expect(history[0]).toBe(`History of ${disabledFirst?.clientId} "${disabledFirst?.name}" in tenant demo: 2 entries in 2 runs`);
    expect(history[1]).toMatch(/^ {2}\d{4}-\d{2}-\d{2} {2}report {3}run [0-9a-f-]{36} {2}found stale; would be disabled \(report only\): /);
    expect(history[2]).toMatch(new RegExp(`^ {2}\\d{4}-\\d{2}-\\d{2} {2}enforce {2}run ${report.reportId} {2}disabled: `));
    expect(history).toHaveLength(3);
  });

  it('spells every outcome one way and shows secret paths decoded', async () => {
    const result = await cli(['demo'], {});

    expect(result.code).toBe(0);
    const outcomes = result.stdout.split('\n').filter((line) => line.startsWith('Outcome: '));
    expect(outcomes).toEqual(['Outcome: OK', 'Outcome: OK']);
    expect(result.stdout).not.toMatch(/%2F/i);
    expect(result.stdout).toContain('secret: isc-oauth-janitor/clients/demo/payroll-export (in the secret directory ');
  });

  it('announces a personal access token on the first night and deletes it on the second, warnDays later', async () => {
    const json = await reportFile();
    const result = await cli(['demo', '--json', json.path], {});

    expect(result.code).toBe(0);
    const night1 = await json.read();
    const token = 'de00000000000000000000000000070c';
    expect(night1.upcoming.find((item) => item.clientId === token)).toMatchObject({ credential: 'personal-access-token', action: 'delete', on: NIGHT_2 });
    expect(night1.actions.some((action) => action.credential === 'personal-access-token')).toBe(false);
    const night2 = result.stdout.slice(result.stdout.indexOf('\nNight 2'));
    expect(night2.startsWith(`\nNight 2, ${NIGHT_2} (simulated, 14 days later)`)).toBe(true);
    expect(night2).toMatch(new RegExp(`\n {6}delete done {2}legacy-import \\(${token}\\)\n {8}why: unused for 134 days \\(last used \\d{4}-\\d{2}-\\d{2}\\), limit 90; announced on ${NIGHT_1}, 14 days ago \\(warnDays 14\\)\n`));
    const history = night2.slice(night2.indexOf('History of '), night2.indexOf('\nEvidence pack for ')).trimEnd().split('\n');
    expect(history[0]).toBe(`History of ${token} "legacy-import" in tenant demo: 3 entries in 3 runs`);
    expect(history.slice(1).map((line) => line.replace(/run \S+/, 'run …'))).toEqual([
      `  ${NIGHT_1}  report   run …  warned: will be deleted on ${NIGHT_2}: unused for 120 days (last used ${new Date(NOW.getTime() - 120 * 86_400_000).toISOString().slice(0, 10)}), limit 90; announced by this run`,
      // The report-only preview reached nobody, so the enforced run's report is the announcement.
      expect.stringMatching(new RegExp(`^ {2}${NIGHT_1} {2}enforce {2}run … {2}warned: will be deleted on ${NIGHT_2}: .*; announced by this run$`)),
      expect.stringMatching(new RegExp(`^ {2}${NIGHT_2} {2}enforce {2}run … {2}deleted: unused for 134 days`)),
    ]);
  });

  it('keeps the evidence archive in --archive-dir, readable by history', async () => {
    const archive = join(await scratchDir(), 'evidence');
    const demo = await cli(['demo', '--archive-dir', archive], {});
    expect(demo.code).toBe(0);
    const again = /\(again: npm run janitor -- history --archive-dir (\S+) --tenant demo --client (\S+)\)/.exec(demo.stdout);
    expect(again?.[1]).toBe(archive);

    const history = await cli(['history', '--archive-dir', archive, '--tenant', 'demo', '--client', again?.[2] ?? ''], {});
    // The demo printed the history before its second night; the archive now also holds that night.
    const printed = demo.stdout.slice(demo.stdout.indexOf('History of '), demo.stdout.indexOf('(again: ')).trimEnd().split('\n');
    const read = history.stdout.trimEnd().split('\n');
    expect(read.slice(1, printed.length)).toEqual(printed.slice(1));
    expect(read.slice(printed.length).every((line) => line.startsWith(`  ${NIGHT_2}  enforce  run `))).toBe(true);
  });

  it('is reproducible: the same clock gives the same actions', async () => {
    const first = await reportFile();
    const second = await reportFile();

    await cli(['demo', '--json', first.path], {});
    await cli(['demo', '--json', second.path], {});

    // Successor ids are random (as in ISC); every other action is the same.
    const ids = async (file: typeof first) =>
      (await file.read()).actions.map((action) => `${action.action} ${action.clientId} ${action.outcome}`);
    expect(await ids(second)).toEqual(await ids(first));
  });

  it('accepts only --json, --archive-dir and --out', async () => {
    const result = await cli(['demo', '--policy', 'p.json'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--policy is not a flag of "demo"');
  });
});
