import { describe, expect, it } from 'vitest';
import { buildReportMessage, SNS_MESSAGE_BUDGET } from '../../../lambdas/adapters/report/build-report-message.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import { fixtureAction, fixtureReport, stubRenderer } from './fixture-report.js';

const SNS_LIMIT = 262_144;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** 2,000 actions with long names; every seventh name is multi-byte (3-4 bytes a character). */
function bigReport(): RunReport {
  const actions = Array.from({ length: 2_000 }, (_, i) =>
    fixtureAction(i, i % 7 === 0 ? `日本語のクライアント-🚀-${'é'.repeat(60)}-${i}` : `integration-client-${'x'.repeat(120)}-${i}`),
  );
  return fixtureReport({ actions });
}

describe('buildReportMessage', () => {
  it('puts the text in default/email and the full RunReport JSON in the four machine protocols', () => {
    const report = fixtureReport();
    const { subject, message, omittedActions } = buildReportMessage(report, stubRenderer);
    const envelope = JSON.parse(message) as Record<string, string>;
    expect(Object.keys(envelope).sort()).toEqual(['default', 'email', 'email-json', 'https', 'lambda', 'sqs']);
    expect(envelope.default).toBe(stubRenderer.text(report));
    expect(envelope.email).toBe(envelope.default);
    for (const key of ['email-json', 'sqs', 'lambda', 'https']) expect(JSON.parse(envelope[key] ?? '')).toEqual(report);
    expect(subject).toBe('[acme] OAuth client cleanup: 2 disabled, 0 failed');
    expect(omittedActions).toBe(0);
  });

  it('keeps 2,000 long, multi-byte actions under the SNS limit with the counts intact', () => {
    const report = bigReport();
    const { subject, message, omittedActions } = buildReportMessage(report, stubRenderer);
    expect(bytes(message) + bytes(subject)).toBeLessThanOrEqual(SNS_MESSAGE_BUDGET);
    expect(bytes(message) + bytes(subject)).toBeLessThan(SNS_LIMIT);

    const envelope = JSON.parse(message) as Record<string, string>;
    const json = JSON.parse(envelope.sqs ?? '') as RunReport & { actionsOmitted: number; truncated: boolean };
    expect(json.counts).toEqual(report.counts);
    expect(json.truncated).toBe(true);
    expect(omittedActions).toBeGreaterThan(0);
    expect(json.actionsOmitted).toBe(omittedActions);
    expect(json.actions.length + omittedActions).toBe(2_000);
    // The FIRST k actions, in order, in both forms.
    expect(json.actions).toEqual(report.actions.slice(0, json.actions.length));
    const lastKept = json.actions.at(-1);
    expect(envelope.default).toContain(lastKept?.clientId);
    expect(envelope.default).not.toContain(report.actions[json.actions.length]?.clientId);
    expect(envelope.email).toContain(`${omittedActions} more actions not shown (the full report is in the logs)`);
  });

  it('keeps the largest number of actions that fits', () => {
    const report = bigReport();
    const { omittedActions } = buildReportMessage(report, stubRenderer);
    const kept = 2_000 - omittedActions;
    // One more action over the same budget must not fit: rebuild with the next action appended.
    const { omittedActions: withOneMore } = buildReportMessage(
      { ...report, actions: report.actions.slice(0, kept + 1) },
      stubRenderer,
    );
    expect(withOneMore).toBe(1);
  });

  it('fits with the core renderer and subject too', () => {
    const report = bigReport();
    const render = { subject: renderReportSubject, text: renderTextReport };
    const { subject, message, omittedActions } = buildReportMessage(report, render);
    expect(bytes(message) + bytes(subject)).toBeLessThanOrEqual(SNS_MESSAGE_BUDGET);
    const envelope = JSON.parse(message) as Record<string, string>;
    expect(envelope.default).toContain(`${omittedActions} more actions not shown`);
    expect(envelope.default).toContain('Actions (2000)');
  });

  it('drops the policy echo before any action: a 2 MB policy leaves all 12 actions in the message', () => {
    const actions = Array.from({ length: 12 }, (_, i) => fixtureAction(i));
    const policy = { mode: 'enforce', exempt: { ids: Array.from({ length: 10_000 }, (_, i) => `exempt-${'x'.repeat(180)}-${i}`) } };
    const report = fixtureReport({ actions, policy });

    const { message, omittedActions } = buildReportMessage(report, stubRenderer);

    expect(omittedActions).toBe(0);
    const envelope = JSON.parse(message) as Record<string, string>;
    const json = JSON.parse(envelope.sqs ?? '') as Record<string, unknown>;
    expect(json).toMatchObject({ truncated: true, policyOmitted: true, actions });
    expect(json).not.toHaveProperty('policy');
    expect(json).not.toHaveProperty('actionsOmitted');
    expect(envelope.default).toBe(stubRenderer.text(report));
  });

  it('counts the actions cut here in actionsOmitted: the report itself holds them all', () => {
    const report = bigReport();

    const { message, omittedActions } = buildReportMessage(report, stubRenderer);

    const json = JSON.parse((JSON.parse(message) as Record<string, string>).sqs ?? '') as RunReport & { actionsOmitted: number };
    expect(json.actionsOmitted).toBe(omittedActions);
    expect(json.actions.length + omittedActions).toBe(2_000);
  });

  it('makes an unsafe subject valid for SNS', () => {
    const render = { ...stubRenderer, subject: () => `Rapport\nété ✓ ${'z'.repeat(200)}` };
    const { subject } = buildReportMessage(fixtureReport(), render);
    expect(subject).toMatch(/^[\x20-\x7e]{1,100}$/);
    expect(subject.startsWith('Rapport ete ?')).toBe(true);
  });

  it('falls back to a summary with cut text when not even zero actions fit', () => {
    const upcoming = Array.from({ length: 3_000 }, (_, i) => ({
      clientId: `c-${i}`,
      name: `upcoming-${'u'.repeat(80)}-${i}`,
      credential: 'oauth-client' as const,
      action: 'disable' as const,
      on: '2026-12-01',
      reason: 'unused for 80 days, limit 90',
    }));
    const report = fixtureReport({ upcoming, warnings: ['w'.repeat(50_000)] });
    const render = { ...stubRenderer, text: (r: RunReport) => `${stubRenderer.text(r)}\n${r.upcoming.map((u) => u.name).join('\n')}` };
    const { subject, message, omittedActions } = buildReportMessage(report, render, 40_000);
    expect(bytes(message) + bytes(subject)).toBeLessThanOrEqual(40_000);
    const envelope = JSON.parse(message) as Record<string, string>;
    const json = JSON.parse(envelope.lambda ?? '') as Record<string, unknown>;
    expect(json).toMatchObject({ counts: report.counts, truncated: true, actionsOmitted: 2, upcomingOmitted: 3_000 });
    expect(envelope.default).toMatch(/the full report is in the logs\]$/);
    expect(omittedActions).toBe(2);

    // With the report archived, the cut note names it: auditors read the archive, not CloudWatch.
    const archived = { ...report, archive: { status: 'written' as const, location: 's3://evidence/reports/tenant=acme/date=2026-11-23/r-1.json' } };
    const cut = JSON.parse(buildReportMessage(archived, render, 40_000).message) as Record<string, string>;
    expect(cut.default).toMatch(/\[report cut to fit the SNS size limit; the full report is in s3:\/\/evidence\/reports\/tenant=acme\/date=2026-11-23\/r-1\.json\]$/);
  });
});
