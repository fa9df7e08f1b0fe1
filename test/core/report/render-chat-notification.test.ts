import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderChatNotification } from '../../../lambdas/core/report/render-chat-notification.js';
import { buildFailedReport } from '../../../lambdas/core/report/build-failed-report.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { NOW } from '../make-client.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

/**
 * The event format of Amazon Q Developer in chat applications' custom notifications (its admin
 * guide, "Custom notifications": Event schema and Parameter details): version must be "1.0",
 * source must be "custom", textType only "client-markdown"; every other field optional, strings
 * or lists of strings; nothing else at the top level or in content/metadata.
 */
const CUSTOM_NOTIFICATION_SCHEMA = {
  type: 'object',
  required: ['version', 'source', 'content'],
  additionalProperties: false,
  properties: {
    version: { const: '1.0' },
    source: { const: 'custom' },
    id: { type: 'string' },
    content: {
      type: 'object',
      required: ['description'],
      additionalProperties: false,
      properties: {
        textType: { const: 'client-markdown' },
        title: { type: 'string' },
        description: { type: 'string', minLength: 1 },
        nextSteps: { type: 'array', items: { type: 'string' } },
        keywords: { type: 'array', items: { type: 'string' } },
      },
    },
    metadata: {
      type: 'object',
      additionalProperties: false,
      properties: {
        threadId: { type: 'string' },
        summary: { type: 'string' },
        eventType: { type: 'string' },
        relatedResources: { type: 'array', items: { type: 'string' } },
        additionalContext: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;

const validate = new Ajv({ strict: true }).compile(CUSTOM_NOTIFICATION_SCHEMA);

function expectValid(report: RunReport) {
  // Through JSON, as SNS carries it: what the service reads is the serialized message.
  const payload = JSON.parse(JSON.stringify(renderChatNotification(report))) as unknown;
  expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
  return renderChatNotification(report);
}

const failed = buildFailedReport({ reportId: 'run-x', tenant: 'acme', mode: 'enforce', startedAt: NOW, finishedAt: NOW, reason: 'ISC refused the credentials (401)' });

describe('renderChatNotification', () => {
  it('gives the outcome and the counts of an enforced run in the custom notification format', () => {
    const notice = expectValid(sampleReport());

    expect(notice.content.title).toBe(':white_check_mark: ISC OAuth janitor: acme');
    expect(notice.content.description.split('\n')).toEqual([
      '*OK* (enforce mode), run run-2026-11-23',
      '7 clients: 2 disabled, 1 deleted, 0 rotated, 0 failed',
      '1 announced for the coming days',
      expect.stringMatching(/^\d+ warning\(s\): see the report$/),
    ]);
    expect(notice.content.nextSteps).toBeUndefined();
    expect(notice.metadata).toMatchObject({ threadId: 'isc-oauth-janitor-acme', eventType: 'IscOAuthJanitorRun', additionalContext: { reportId: 'run-2026-11-23', outcome: 'ok', mode: 'enforce' } });
    expect(notice.metadata.summary).toBe('[acme] OAuth client cleanup: 2 disabled, 1 deleted, 0 failed');
  });

  it('says "would" in report mode', () => {
    const { evaluation } = sampleEvaluation();
    const notice = expectValid(sampleReport({ mode: 'report', actions: actionsFrom(evaluation, 'planned') }));

    expect(notice.content.description).toContain('7 clients: would disable 2, would delete 1, would rotate 0');
  });

  it('tells a person where to look when the run failed before evaluation or was blocked', () => {
    const stopped = expectValid(failed);
    expect(stopped.content.title.startsWith(':x:')).toBe(true);
    expect(stopped.content.description).toContain('Stopped before the tenant was evaluated: ISC refused the credentials (401)');
    expect(stopped.content.nextSteps).toEqual(['Read the emailed report: it says why the run stopped and what to check']);

    const blocked = expectValid(sampleReport({ guard: { allowed: false, reason: 'plan of 3 changes exceeds maxActions 2' } }));
    expect(blocked.content.title.startsWith(':no_entry:')).toBe(true);
    expect(blocked.content.description).toContain('Blocked by the guard, nothing changed: plan of 3 changes exceeds maxActions 2');
  });

  it('keeps a hostile tenant label on one visible line and never names a client', () => {
    const tenant = 'acme\n*<!channel>*\u202Egnp.exe';
    const notice = expectValid(sampleReport({ tenant }));

    expect(notice.content.title).not.toContain('\n');
    expect(notice.content.title).not.toContain('\u202E');
    expect(notice.content.title).toContain('<U+202E>');
    for (const name of ['build-bot', 'legacy sync', 'old export']) expect(JSON.stringify(notice)).not.toContain(name);
  });
});
