import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { lambdaContext, rejectionOf, startHandlerHarness } from './handler-harness.js';

describe('createHandler environment', () => {
  it.each([
    ['REPORT_TOPIC_ARN missing', { REPORT_TOPIC_ARN: undefined }, 'REPORT_TOPIC_ARN'],
    ['REPORT_TOPIC_ARN not an ARN', { REPORT_TOPIC_ARN: 'https://sns.eu-west-1.amazonaws.com/reports' }, 'REPORT_TOPIC_ARN'],
    ['JANITOR_POLICY not JSON', { JANITOR_POLICY: "{mode:'enforce'}" }, 'JANITOR_POLICY'],
    ['JANITOR_POLICY an invalid policy', { JANITOR_POLICY: '{"mode":"destroy"}' }, 'JANITOR_POLICY'],
    ['JANITOR_POLICY with an unknown field', { JANITOR_POLICY: '{"mode":"enforce","maxAge":30}' }, 'JANITOR_POLICY'],
  ])('fails on %s with a message naming the variable, changing nothing', async (_what, env, variable) => {
    const h = await startHandlerHarness({ env });
    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(variable);
    expect(h.requestCount()).toBe(0);
    expect(h.secretReads()).toEqual([]);
    expect(h.publishes()).toEqual([]);
  });

  it('fails without any credentials secret, after publishing a failed report that names the variable', async () => {
    const h = await startHandlerHarness({ env: { ISC_CREDENTIALS_SECRET_ID: undefined } });
    const error = await rejectionOf(h.handler({}, lambdaContext({ awsRequestId: 'req-missing' })));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('ISC_CREDENTIALS_SECRET_ID');
    expect(h.requestCount()).toBe(0);
    expect(h.secretReads()).toEqual([]);
    expect(h.publishes()).toHaveLength(1);
    expect(h.publishes()[0]?.Subject).toBe('[acme] OAuth client cleanup FAILED before evaluating the tenant');
    const report = JSON.parse(JSON.parse(h.publishes()[0]?.Message ?? '{}').sqs as string) as Record<string, unknown>;
    expect(report).toMatchObject({ reportId: 'req-missing', tenant: 'acme', outcome: 'failed', actions: [] });
    expect(report.failedReason).toContain('No credentials secret: set ISC_CREDENTIALS_SECRET_ID');
  });

  it('names the policy field that is wrong in JANITOR_POLICY', async () => {
    const h = await startHandlerHarness({ env: { JANITOR_POLICY: '{"mode":"enforce","limits":{"maxFraction":1.5}}' } });
    const error = await rejectionOf(h.handler({}, lambdaContext()));
    expect(error.message).toBe('Invalid JANITOR_POLICY: limits.maxFraction: must be between 0 and 1');
  });

  it('does not echo the value of a bad variable', async () => {
    const h = await startHandlerHarness({ env: { JANITOR_POLICY: '{"mode":"enforce","token":"pat-5ecret-value"}' } });
    const error = await rejectionOf(h.handler({}, lambdaContext()));
    expect(error.message).toContain('token: unknown field');
    expect(error.message).not.toContain('pat-5ecret-value');
    expect(h.output.text()).not.toContain('pat-5ecret-value');
  });

  it('reads the environment once per container: later changes do not affect a warm container', async () => {
    const h = await startHandlerHarness();
    await h.handler({ dryRun: true }, lambdaContext());
    h.env.REPORT_TOPIC_ARN = 'not an arn';
    h.env.JANITOR_POLICY = 'not json';

    const summary = await h.handler({ dryRun: true }, lambdaContext({ awsRequestId: 'req-0002' }));
    expect(summary.reportId).toBe('req-0002');
    expect(h.publishes().map((input) => input.TopicArn)).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:isc-oauth-janitor-reports',
      'arn:aws:sns:eu-west-1:123456789012:isc-oauth-janitor-reports',
    ]);
  });

  it('retries reading a bad environment on the next invocation instead of caching the failure', async () => {
    const h = await startHandlerHarness({ env: { REPORT_TOPIC_ARN: undefined } });
    await rejectionOf(h.handler({}, lambdaContext()));
    h.env.REPORT_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:fixed';

    await h.handler({ dryRun: true }, lambdaContext());
    expect(h.publishes().map((input) => input.TopicArn)).toEqual(['arn:aws:sns:eu-west-1:123456789012:fixed']);
  });
});
