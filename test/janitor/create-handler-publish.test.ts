import { describe, expect, it } from 'vitest';
import { staleTenant } from '../../sandbox/seed-tenant.js';
import { NOW, TOPIC_ARN, envelopeOf, lambdaContext, loggedReport, rejectionOf, startHandlerHarness } from './handler-harness.js';

const SNS_LIMIT_BYTES = 262_144;
const PROTOCOL_KEYS = ['default', 'email', 'email-json', 'https', 'lambda', 'sqs'];

/** SNS Subject rules: printable ASCII, no line breaks, at most 100 characters. */
function expectValidSubject(subject: string | undefined): void {
  expect(subject).toMatch(/^[\x20-\x7e]{1,100}$/);
  expect(subject).not.toMatch(/[\r\n]/);
}

describe('createHandler report publishing', () => {
  it('publishes one message with the exact topic, subject, json structure, six protocol keys and routing attributes', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler({}, lambdaContext());

    const inputs = h.publishes();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toEqual({
      TopicArn: TOPIC_ARN,
      Subject: '[acme] OAuth client cleanup: 7 disabled, 1 deleted, 0 failed',
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 'acme' },
        outcome: { DataType: 'String', StringValue: 'ok' },
        mode: { DataType: 'String', StringValue: 'enforce' },
      },
    });
    const { envelope, report, text } = envelopeOf(inputs[0]);
    expect(Object.keys(envelope).sort()).toEqual(PROTOCOL_KEYS);
    expect(envelope.email).toBe(text);
    for (const key of ['email-json', 'lambda', 'https']) expect(envelope[key]).toBe(envelope.sqs);
    expect(text).toContain('OAuth client cleanup for tenant acme');
    expect(report).toMatchObject({ reportId: 'req-0001', tenant: 'acme', mode: 'enforce', outcome: 'ok', counts: summary.counts });
    expect(report.startedAt).toBe(NOW.toISOString());
    expect(report.actions).toHaveLength(8);
    expect(report.truncated).toBeUndefined();
  });

  it('says "(report only)" in the subject of a report-mode run', async () => {
    const h = await startHandlerHarness();
    await h.handler({ dryRun: true }, lambdaContext());
    const subject = h.publishes()[0]?.Subject;
    expect(subject).toBe('[acme] OAuth client cleanup: would disable 7, would delete 1 (report only)');
    expectValidSubject(subject);
  });

  it('says BLOCKED in the subject when the guard stopped the run', async () => {
    const h = await startHandlerHarness();
    await rejectionOf(h.handler({ policy: { limits: { maxFraction: 0.25 } } }, lambdaContext()));
    const subject = h.publishes()[0]?.Subject;
    expect(subject).toContain('BLOCKED');
    expectValidSubject(subject);
  });

  it('keeps the subject ASCII, on one line and within 100 characters whatever the tenant name', async () => {
    const tenant = 'Société\nGénérale — 東京\t' + 'x'.repeat(40);
    const h = await startHandlerHarness({ env: { TENANT_NAME: tenant } });
    await h.handler({ dryRun: true }, lambdaContext());
    const subject = h.publishes()[0]?.Subject ?? '';
    expectValidSubject(subject);
    expect(subject).toMatch(/^\[Societe Generale/);
    expect(subject).toContain('would disable 7, would delete 1 (report only)');
  });

  it('keeps a 2,000-client report under the SNS limit with the counts intact', async () => {
    const clients = staleTenant({ count: 2_000, seed: 11, now: NOW });
    const h = await startHandlerHarness({ sandbox: { seed: undefined, clients }, env: WIDE_OPEN_REPORT });

    const summary = await h.handler({}, lambdaContext());

    expect(summary).toMatchObject({ mode: 'report', outcome: 'ok', counts: { total: 2_000, stale: 2_000, disabled: 2_000, failed: 0 } });
    const input = h.publishes()[0];
    expect(snsBytes(input)).toBeLessThan(SNS_LIMIT_BYTES);
    expectValidSubject(input?.Subject);
    expect(input?.Subject).toBe('[acme] OAuth client cleanup: would disable 2000, would delete 0 (report only)');

    const { envelope, report, text } = envelopeOf(input);
    expect(Object.keys(envelope).sort()).toEqual(PROTOCOL_KEYS);
    expect(report.counts).toEqual(summary.counts);
    expect(report.truncated).toBe(true);
    // Every action is either in the message or counted as left out.
    expect((report.actions?.length ?? 0) + (report.actionsOmitted ?? 0)).toBe(2_000);
    // The sp:scopes:all list is capped in the report, so the actions are what the email shows.
    expect(report.actions?.length ?? 0).toBeGreaterThan(100);
    expect(text).toContain('Stale (due for disable or delete): 2000');
    expect(text).toContain('the full report is in the logs');
    // ...and the logs do hold the full report, every action included, in lines under 256 KB.
    const full = loggedReport(h.output.logs(), 'report truncated for SNS; full report attached');
    expect(full?.actions).toHaveLength(2_000);
    expect(full?.counts).toEqual(summary.counts);
    expect(full?.policy).toMatchObject({ mode: 'report', limits: { maxActions: 5_000, maxFraction: 1 } });
  });

  it('keeps the first actions of a long report and says how many were left out', async () => {
    // Narrow scopes keep the inventory small, so the action list is what must be cut.
    const clients = staleTenant({ count: 2_000, seed: 12, now: NOW }).map((client) => ({ ...client, scope: ['sp:oauth-client:read'] }));
    const h = await startHandlerHarness({ sandbox: { seed: undefined, clients }, env: WIDE_OPEN_REPORT });

    await h.handler({}, lambdaContext());

    const input = h.publishes()[0];
    expect(snsBytes(input)).toBeLessThan(SNS_LIMIT_BYTES);
    const { report, text } = envelopeOf(input);
    const full = loggedReport(h.output.logs(), 'report truncated for SNS; full report attached');
    const kept = report.actions.length;
    expect(kept).toBeGreaterThan(100);
    expect(report.actionsOmitted).toBe(2_000 - kept);
    expect(report.actions.map((action) => action.clientId)).toEqual(full?.actions.slice(0, kept).map((action) => action.clientId));
    expect(text).toContain(`${2_000 - kept} more actions not shown`);
  });
});

describe('createHandler with a blocked plan of 2,000 clients', () => {
  it('keeps every not-attempted action in the report, logs the first 100 and the count of the rest, in lines under 256 KB', async () => {
    const clients = staleTenant({ count: 2_000, seed: 13, now: NOW });
    const h = await startHandlerHarness({ sandbox: { seed: undefined, clients } });

    const error = await rejectionOf(h.handler({ policy: { mode: 'enforce', limits: { maxActions: 50 } } }, lambdaContext()));

    expect(error.message).toMatch(/blocked/i);
    const { report, text } = envelopeOf(h.publishes()[0]);
    expect(report).toMatchObject({ outcome: 'blocked', counts: { notAttempted: 2_000 } });
    // The SNS message alone is bounded: what it cuts, it counts, and the text says where the rest is.
    expect(report.actions.length + (report.actionsOmitted ?? 0)).toBe(2_000);
    if (report.actionsOmitted) expect(text).toContain(`${report.actionsOmitted} more actions not shown (the full report is in the logs)`);
    expect(text).not.toContain('not listed');
    const logs = h.output.logs();
    expect(logs.filter((line) => line.message === 'action' && line.outcome === 'not-attempted')).toHaveLength(100);
    expect(logs).toContainEqual(expect.objectContaining({ message: 'actions not logged', outcome: 'not-attempted', count: 1_900, logged: 100, report: 'the logs' }));
    for (const line of h.output.text().split('\n')) expect(Buffer.byteLength(line)).toBeLessThan(256 * 1024);
  });
});

/** A deployed policy that reports on everything (an event may only tighten the deployed policy). */
const WIDE_OPEN_REPORT = { JANITOR_POLICY: JSON.stringify({ mode: 'report', limits: { maxActions: 5_000, maxFraction: 1 } }) };

function snsBytes(input: { Message?: string | undefined; Subject?: string | undefined } | undefined): number {
  return Buffer.byteLength(input?.Message ?? '', 'utf8') + Buffer.byteLength(input?.Subject ?? '', 'utf8');
}
