import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cli, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { ENFORCE_POLICY as BASE_POLICY, EXPECTED, IDS } from './tenant-clients.js';

/** The hand-built tenant is small: the guard's fraction would block a later night's longer list. */
const ENFORCE_POLICY = { ...BASE_POLICY, limits: { maxActions: 100, maxFraction: 1 } };

/** NOW (make-client) is 2026-11-23T02:00Z: the day after is the next night. */
describe('janitor plan --as-of', () => {
  it("judges today's state as if the day had come: a client one day short of 90 is disabled tomorrow", async () => {
    const { sandbox, env } = await startTenant();
    const json = await reportFile();

    const result = await cli(['plan', '--as-of', '2026-11-24', '--policy', await policyFile(ENFORCE_POLICY), '--json', json.path], env);

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      "Preview as of 2026-11-24 (UTC): ISC's state of today (2026-11-23), judged as if 2026-11-24 had come. Nothing is sent to ISC and nothing is archived.",
    );
    expect(sandbox.mutatingRequests()).toEqual([]);
    const report = await json.read();
    expect(report.mode).toBe('report');
    expect(report.startedAt).toBe('2026-11-24T02:00:00.000Z');
    const disabled = report.actions.filter((a) => a.action === 'disable').map((a) => a.clientId).sort();
    expect(disabled).toEqual([...EXPECTED.disabled, IDS.day89].sort());
    expect(report.actions.find((a) => a.clientId === IDS.day89)?.reason).toMatch(/unused for 90 days/);
  });

  it('today previews tonight exactly as plan does, and a later day adds the clients whose grace ends by then', async () => {
    const { env } = await startTenant();
    const today = await reportFile();
    const later = await reportFile();
    const plain = await reportFile();
    const policy = await policyFile(ENFORCE_POLICY);

    await cli(['plan', '--as-of', '2026-11-23', '--policy', policy, '--json', today.path], env);
    await cli(['plan', '--policy', policy, '--json', plain.path], env);
    await cli(['plan', '--as-of', '2026-12-03', '--policy', policy, '--json', later.path], env);

    const ids = async (file: { read: () => Promise<{ actions: readonly { action: string; clientId: string }[] }> }, action: string) =>
      (await file.read()).actions.filter((a) => a.action === action).map((a) => a.clientId).sort();
    expect(await ids(today, 'delete')).toEqual(await ids(plain, 'delete'));
    expect(await ids(today, 'disable')).toEqual(await ids(plain, 'disable'));
    // just-disabled: modified 5 days ago, grace 14: deletable from 2026-12-02 on.
    expect(await ids(later, 'delete')).toContain(IDS.disabledInGrace);
    expect(await ids(plain, 'delete')).not.toContain(IDS.disabledInGrace);
  });

  it('writes nothing to the evidence archive: a day that has not come is not a record', async () => {
    const { env } = await startTenant();
    const archive = await scratchDir();

    const result = await cli(['plan', '--as-of', '2026-12-24', '--policy', await policyFile(ENFORCE_POLICY), '--archive-dir', archive], env);

    expect(result.code).toBe(0);
    expect(await readdir(archive)).toEqual([]);
  });

  it.each([
    ['not a date', ['--as-of', 'tomorrow'], /--as-of: "tomorrow" is not a date; give a UTC day as YYYY-MM-DD/],
    ['an impossible date', ['--as-of', '2026-02-30'], /--as-of: "2026-02-30" is not a date/],
    ['a day already gone', ['--as-of', '2026-11-22'], /--as-of 2026-11-22 is before today \(2026-11-23 UTC\)/],
    ['more than ten years ahead', ['--as-of', '2037-01-01'], /more than 3650 days ahead/],
  ])('refuses %s with exit 2 before connecting', async (_case, flags, message) => {
    const { sandbox, env } = await startTenant();

    const result = await cli(['plan', ...flags], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(sandbox.requests).toEqual([]);
  });

  it('is a flag of plan only: run refuses it', async () => {
    const result = await cli(['run', '--as-of', '2026-12-01'], {});

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of is not a flag of "run"');
  });
});
