import { describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, HOSTILE_NOW, RAW_HIDDEN, startHostileNamesIsc } from '../support/hostile-names-isc.js';
import { cli, policyFile, reportFile } from './cli-harness.js';
import { SECRET, SELF_ID } from './tenant-clients.js';

describe('janitor output against spoofing names, tracking ids and tenant labels', () => {
  it('prints no escape sequence, control or invisible character, shows them as <U+XXXX> and warns about the names', async () => {
    const isc = await startHostileNamesIsc();
    const env = { SAIL_BASE_URL: isc.url, SAIL_CLIENT_ID: SELF_ID, SAIL_CLIENT_SECRET: SECRET };
    const policy = await policyFile({ mode: 'enforce', limits: { maxFraction: 1 } });
    const json = await reportFile();

    const result = await cli(['run', '--policy', policy, '--tenant', 'acme\u001b[31m\u202E', '--json', json.path], env, { tty: true, now: HOSTILE_NOW });

    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(RAW_HIDDEN);
    expect(result.stderr).not.toMatch(RAW_HIDDEN);
    // The progress line of the failed PATCH carried the hostile tracking id: it arrives defused.
    expect(result.stderr).toContain('trackingId=<U+202E>t-1');
    expect(result.stdout).toContain('tenant acme<U+202E>');
    expect(result.stdout).toContain('payroll<U+200B>-export');
    expect(result.stdout).toContain('(tracking id <U+202E>t-1)');
    expect(result.stdout).toMatch(/- client payroll<U\+200B>-export \(\w+\): its name contains hidden characters \(<U\+200B>\)/);
    expect(result.stdout).toMatch(/- client invoice<U\+202E>tropxe \(\w+\): its name contains hidden characters/);
    expect(result.stdout).toMatch(/- client ci-bot \(\w+\): its name contains hidden characters/);
    // The JSON file is for machines: it keeps the names as ISC sent them.
    const report = await json.read();
    expect(report.actions.map((action) => action.name)).toEqual([HOSTILE_NAMES.lookalike]);
    expect(report.warnings).toHaveLength(3);
  });
});
