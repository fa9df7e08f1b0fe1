import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { lambdaContext, rejectionOf, snsMock, startHandlerHarness, TOPIC_ARN } from './handler-harness.js';

const CHAT_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:team-isc-channel';

describe('createHandler chat notices (CHAT_TOPIC_ARN)', () => {
  it('posts one custom notification to the chat topic after the report, with the outcome and counts', async () => {
    const h = await startHandlerHarness({ env: { CHAT_TOPIC_ARN } });

    await h.handler({}, lambdaContext());

    const [report, chat] = h.publishes();
    expect(h.publishes()).toHaveLength(2);
    expect(report?.TopicArn).toBe(TOPIC_ARN);
    expect(chat?.TopicArn).toBe(CHAT_TOPIC_ARN);
    // No MessageStructure: the service reads the message body itself as the notification.
    expect(chat?.MessageStructure).toBeUndefined();
    const notice = JSON.parse(chat?.Message ?? '') as { version: string; source: string; content: { description: string }; metadata: { threadId: string } };
    expect(notice).toMatchObject({ version: '1.0', source: 'custom', metadata: { threadId: 'isc-oauth-janitor-acme' } });
    expect(notice.content.description).toContain('20 clients: 7 disabled, 1 deleted, 0 rotated, 0 failed');
  });

  it('posts nothing anywhere else without CHAT_TOPIC_ARN', async () => {
    const h = await startHandlerHarness();

    await h.handler({}, lambdaContext());

    expect(h.publishes().map((input) => input.TopicArn)).toEqual([TOPIC_ARN]);
  });

  it('also posts when the run failed before evaluation, so the channel hears of the night that went wrong', async () => {
    const h = await startHandlerHarness({ env: { CHAT_TOPIC_ARN } });
    h.sb.faults.failNext(10, { route: 'token' }, { kind: 'drop' });

    await rejectionOf(h.handler({}, lambdaContext()));

    const chat = h.publishes().find((input) => input.TopicArn === CHAT_TOPIC_ARN);
    expect(JSON.parse(chat?.Message ?? '{}')).toMatchObject({ content: { nextSteps: ['Read the emailed report: it says why the run stopped and what to check'] } });
  });

  it('never fails the run when the chat topic refuses: a warning and a ChatNotificationFailed metric', async () => {
    const h = await startHandlerHarness({ env: { CHAT_TOPIC_ARN } });
    snsMock.on(PublishCommand, { TopicArn: CHAT_TOPIC_ARN }).rejects(new Error('AuthorizationError: not allowed to publish'));

    const summary = await h.handler({}, lambdaContext());

    expect(summary).toMatchObject({ outcome: 'ok' });
    expect(h.output.logs()).toContainEqual(expect.objectContaining({ level: 'WARN', message: 'chat notification not sent; the emailed report is unaffected', topicArn: CHAT_TOPIC_ARN }));
    expect(h.output.metrics()).toContainEqual(expect.objectContaining({ ChatNotificationFailed: 1 }));
  });

  it('refuses a CHAT_TOPIC_ARN that is no SNS topic ARN, naming the variable', async () => {
    const h = await startHandlerHarness({ env: { CHAT_TOPIC_ARN: 'https://hooks.slack.com/services/T000/B000/XXXX' } });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.message).toContain('CHAT_TOPIC_ARN: must be an SNS topic ARN');
    expect(h.publishes()).toEqual([]);
  });
});
