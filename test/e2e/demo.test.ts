import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cli, reportFile, scratchDir } from './cli-harness.js';

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
    expect(report.counts).toMatchObject({ total: 41, disabled, deleted, rotated: 1, failed: 0 });
    expect(report.actions.every((action) => action.outcome === 'done')).toBe(true);
    // One rotation into a temporary 0600 file; the secret itself is never printed.
    expect(report.actions.find((action) => action.action === 'rotate')).toMatchObject({ name: 'payroll-export', outcome: 'done' });
    expect(result.stdout).toMatch(/payroll-export\.json \(mode 600\)/);
    expect(result.stdout).not.toContain('demo-only-secret');
    // The end: one disabled client's history from the evidence archive, preview then enforcement.
    const history = result.stdout.slice(result.stdout.indexOf('\nHistory of ') + 1).trimEnd().split('\n');
    const disabledFirst = report.actions.find((action) => action.action === 'disable');
    expect(history[0]).toBe(`History of ${disabledFirst?.clientId} "${disabledFirst?.name}" in tenant demo: 2 entries in 2 runs`);
    expect(history[1]).toMatch(/^ {2}\d{4}-\d{2}-\d{2} {2}report {3}run [0-9a-f-]{36} {2}found stale; would be disabled \(report only\): /);
    expect(history[2]).toMatch(new RegExp(`^ {2}\\d{4}-\\d{2}-\\d{2} {2}enforce {2}run ${report.reportId} {2}disabled: `));
    expect(history).toHaveLength(3);
  });

  it('keeps the evidence archive in --archive-dir, readable by history', async () => {
    const archive = join(await scratchDir(), 'evidence');
    const demo = await cli(['demo', '--archive-dir', archive], {});
    expect(demo.code).toBe(0);
    const again = /\(again: npm run janitor -- history --archive-dir (\S+) --tenant demo --client (\S+)\)/.exec(demo.stdout);
    expect(again?.[1]).toBe(archive);

    const history = await cli(['history', '--archive-dir', archive, '--tenant', 'demo', '--client', again?.[2] ?? ''], {});
    expect(history.stdout).toBe(demo.stdout.slice(demo.stdout.indexOf('History of ')).replace(/\(again: .*\)\n$/, ''));
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

  it('accepts only --json and --archive-dir', async () => {
    const result = await cli(['demo', '--policy', 'p.json'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--policy is not a flag of "demo"');
  });
});
