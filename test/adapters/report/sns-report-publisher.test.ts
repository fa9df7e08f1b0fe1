import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SnsReportPublisher } from '../../../lambdas/adapters/report/sns-report-publisher.js';
import { fixtureAction, fixtureReport, stubRenderer } from './fixture-report.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:isc-oauth-janitor-reports';
const snsMock = mockClient(SNSClient);
const sns = new SNSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });

function recorder() {
  return { error: vi.fn<(message: string, extra?: object) => void>(), warn: vi.fn<(message: string, extra?: object) => void>() };
}

describe('SnsReportPublisher', () => {
  beforeEach(() => {
    snsMock.reset();
  });

  it('sends one Publish with the topic, subject, json structure, six protocol keys and the routing attributes', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const report = fixtureReport();
    await new SnsReportPublisher({ sns, topicArn: TOPIC, render: stubRenderer }).publish(report);

    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input).toEqual({
      TopicArn: TOPIC,
      Subject: '[acme] OAuth client cleanup: 2 disabled, 0 failed',
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: {
        tenant: { DataType: 'String', StringValue: 'acme' },
        outcome: { DataType: 'String', StringValue: report.outcome },
        mode: { DataType: 'String', StringValue: report.mode },
      },
    });
    const envelope = JSON.parse(input?.Message ?? '') as Record<string, string>;
    expect(envelope).toEqual({
      default: stubRenderer.text(report),
      email: stubRenderer.text(report),
      'email-json': JSON.stringify(report),
      sqs: JSON.stringify(report),
      lambda: JSON.stringify(report),
      https: JSON.stringify(report),
    });
  });

  it('adds the owners attribute: every token owner acted on or announced, once each, sorted', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-3' });
    const token = (id: string, owner: string) => ({ ...fixtureAction(9), credential: 'personal-access-token' as const, action: 'delete' as const, clientId: id, owner: { id: owner, name: null } });
    const report = fixtureReport({
      actions: [fixtureAction(1), token('p1', 'owner-b'), token('p2', 'owner-a')],
      upcoming: [{ credential: 'personal-access-token', clientId: 'p3', name: 'n', owner: { id: 'owner-b', name: 'B' }, action: 'delete', on: '2026-12-01', reason: 'r' }],
      exempt: [{ credential: 'personal-access-token', clientId: 'p4', name: 'n', owner: { id: 'owner-exempt', name: null }, reason: 'managed' }],
    });
    await new SnsReportPublisher({ sns, topicArn: TOPIC, render: stubRenderer }).publish(report);
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toMatchObject({
      tenant: { DataType: 'String', StringValue: 'acme' },
      owners: { DataType: 'String.Array', StringValue: '["owner-a","owner-b"]' },
    });
  });

  it('keeps message and attributes together within the size budget', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-4' });
    const actions = Array.from({ length: 300 }, (_, i) => ({
      ...fixtureAction(i, `n-${'x'.repeat(100)}`),
      credential: 'personal-access-token' as const,
      action: 'delete' as const,
      owner: { id: `owner-${String(i).padStart(30, '0')}`, name: null },
    }));
    await new SnsReportPublisher({ sns, topicArn: TOPIC, render: stubRenderer, logger: recorder(), maxBytes: 30_000 }).publish(fixtureReport({ actions }));
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    const attributes = input?.MessageAttributes?.['owners'];
    const attributeBytes = Object.entries(input?.MessageAttributes ?? {}).reduce(
      (sum, [name, value]) => sum + name.length + (value.DataType ?? '').length + Buffer.byteLength(value.StringValue ?? ''),
      0,
    );
    const size = Buffer.byteLength(input?.Message ?? '') + Buffer.byteLength(input?.Subject ?? '') + attributeBytes;
    expect(JSON.parse(attributes?.StringValue ?? '[]')).toHaveLength(300);
    expect(size).toBeLessThanOrEqual(30_000);
  });

  it('logs the full report at warn level when the message had to be cut', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-2' });
    const logger = recorder();
    const report = fixtureReport({ actions: Array.from({ length: 300 }, (_, i) => fixtureAction(i, `n-${'x'.repeat(100)}`)) });
    await new SnsReportPublisher({ sns, topicArn: TOPIC, render: stubRenderer, logger, maxBytes: 20_000 }).publish(report);

    const message = snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '';
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(20_000);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[1]).toMatchObject({ reportId: report.reportId, report });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs the full report and rethrows when the publish fails', async () => {
    const failure = Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' });
    snsMock.on(PublishCommand).rejects(failure);
    const logger = recorder();
    const report = fixtureReport();
    const publisher = new SnsReportPublisher({ sns, topicArn: TOPIC, render: stubRenderer, logger });

    await expect(publisher.publish(report)).rejects.toBe(failure);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith('report publish failed', {
      reportId: report.reportId,
      topicArn: TOPIC,
      error: { name: 'NotFoundException', message: 'Topic does not exist' },
      report,
    });
  });

  it('logs the report when rendering throws, so nothing is lost', async () => {
    const logger = recorder();
    const render = { ...stubRenderer, text: () => { throw new Error('renderer bug'); } };
    const publisher = new SnsReportPublisher({ sns, topicArn: TOPIC, render, logger });

    await expect(publisher.publish(fixtureReport())).rejects.toThrow('renderer bug');
    expect(logger.error.mock.calls[0]?.[0]).toBe('report publish failed');
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('refuses to be built without a topic', () => {
    expect(() => new SnsReportPublisher({ sns, topicArn: '', render: stubRenderer })).toThrow(/REPORT_TOPIC_ARN/);
  });
});
