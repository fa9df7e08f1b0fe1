import { describe, expect, it } from 'vitest';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { NOW } from '../make-client.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const { evaluation } = sampleEvaluation();
const done = actionsFrom(evaluation, 'done');
const failed: ReportAction = {
  ...done[0]!,
  outcome: 'failed',
  error: { message: 'PATCH /v3/oauth-clients/id-build failed: 500 Internal error', status: 500, trackingId: 't-123' },
};

describe('buildReport', () => {
  it('reports an enforced run with every action done as ok, counting done actions', () => {
    const report = sampleReport();
    expect(report.outcome).toBe('ok');
    expect(report.blockedReason).toBeUndefined();
    expect(report.counts).toEqual({
      total: 7,
      stale: 3,
      disabled: 2,
      deleted: 1,
      rotated: 0,
      failed: 0,
      notAttempted: 0,
      exempt: 1,
      upcoming: 1,
      skipped: 1,
    });
    expect(report.startedAt).toBe('2026-11-23T02:00:00.000Z');
    expect(report.finishedAt).toBe('2026-11-23T02:00:04.250Z');
  });

  it('counts planned actions in report mode, and not done ones', () => {
    const report = sampleReport({ mode: 'report', actions: actionsFrom(evaluation, 'planned') });
    expect(report.counts).toMatchObject({ disabled: 2, deleted: 1, failed: 0 });
    expect(sampleReport({ mode: 'report' }).counts).toMatchObject({ disabled: 0, deleted: 0 });
    expect(sampleReport({ mode: 'enforce', actions: actionsFrom(evaluation, 'planned') }).counts.disabled).toBe(0);
  });

  it('is failed when any action failed, and counts it', () => {
    const report = sampleReport({ actions: [failed, ...done.slice(1)] });
    expect(report.outcome).toBe('failed');
    expect(report.counts).toMatchObject({ disabled: 1, deleted: 1, failed: 1 });
  });

  it('is blocked when the guard refused, naming its reason, even if something failed', () => {
    const reason = 'the plan would change 3 of 7 clients (42.86%), over limits.maxFraction 0.25 (25%); nothing was changed';
    const report = sampleReport({
      guard: { allowed: false, reason },
      actions: [failed, ...actionsFrom(evaluation, 'not-attempted')],
    });
    expect(report.outcome).toBe('blocked');
    expect(report.blockedReason).toBe(reason);
    expect(report.counts).toMatchObject({ disabled: 0, deleted: 0, notAttempted: 3 });
  });

  it('adds actions skipped at the re-check to the evaluation\'s skipped clients', () => {
    const skipped: ReportAction = { ...done[2]!, outcome: 'skipped', detail: 're-enabled since planning; left alone' };
    expect(sampleReport({ actions: [...done.slice(0, 2), skipped] }).counts).toMatchObject({ skipped: 2, deleted: 0 });
  });

  it('appends run warnings after the evaluation warnings', () => {
    const report = sampleReport({ warnings: ['time budget nearly spent'] });
    expect(report.warnings).toEqual([
      'client weird (id-bad): lastUsed "garbage" is not a date; skipped, never acted on',
      'time budget nearly spent',
    ]);
  });

  it('is plain JSON data: a round trip changes nothing', () => {
    const report = sampleReport();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.policy).toMatchObject({ mode: 'enforce', exempt: { ids: ['id-exempt'] } });
    expect(Object.isFrozen(report.policy)).toBe(false);
  });

  it('carries the upcoming list and the inventory from the evaluation', () => {
    const report = sampleReport();
    expect(report.upcoming).toEqual(evaluation.upcoming);
    expect(report.inventory).toEqual(evaluation.inventory);
    expect(report.upcoming[0]).toMatchObject({ clientId: 'id-soon', on: '2026-12-03' });
    expect(NOW.toISOString()).toBe(report.startedAt);
  });
});
