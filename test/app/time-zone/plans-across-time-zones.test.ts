import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every day the janitor counts is a UTC day, whatever TZ the machine has: the same tenant planned
 * in a child process under TZ=UTC and under TZ=Pacific/Chatham (UTC+12:45, +13:45 in summer, a
 * daylight saving change between the thresholds and now) gives the same plan, report and filters.
 * A child process per zone, because Node reads TZ once, before the first Date is made.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

async function planIn(timeZone: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(TSX, ['test/app/time-zone/plan-in-time-zone.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: timeZone },
    // Two tsx processes at once on a loaded 2-core machine: generous, and still bounded.
    timeout: 100_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('plans across time zones', () => {
  it('gives identical plans, reports and server filters under TZ=UTC and TZ=Pacific/Chatham', async () => {
    const [utc, chatham] = await Promise.all([planIn('UTC'), planIn('Pacific/Chatham')]);

    // Each child really ran in its zone: Chatham is already on the next calendar day.
    expect([utc.offsetMinutes, utc.localDay]).toEqual([0, 6]);
    expect([chatham.offsetMinutes, chatham.localDay]).toEqual([-765, 7]);
    const { timeZone: _u, offsetMinutes: _uo, localDay: _ud, ...utcPlan } = utc;
    const { timeZone: _c, offsetMinutes: _co, localDay: _cd, ...chathamPlan } = chatham;
    expect(chathamPlan).toEqual(utcPlan);
    // And the comparison is not empty: the tenant crosses every threshold.
    const report = utcPlan.report as { actions: { action: string }[]; upcoming: unknown[] };
    expect(new Set(report.actions.map((action) => action.action))).toEqual(new Set(['disable', 'delete', 'rotate']));
    expect(report.upcoming.length).toBeGreaterThan(10);
    expect(utcPlan.filters).toEqual(['lastUsed le 2026-01-06T14:00:00.000Z', 'lastUsed isnull']);
    expect((utcPlan.pats as { plan: unknown[] }).plan.length).toBeGreaterThan(0);
  }, 120_000);
});
