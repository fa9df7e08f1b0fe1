import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { captureOutput } from './capture-output.js';
import { SECRET_ID, TOPIC_ARN, envelopeOf, lambdaContext, secretsMock, snsMock } from './handler-harness.js';

/**
 * The deployed entry point itself: module-scope SDK clients (mocked through their prototypes),
 * Powertools Logger and Metrics as configured in handler.ts, the environment from process.env.
 */
let sb: Sandbox | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await sb?.close();
  sb = undefined;
});

describe('handler', () => {
  it('runs the configured job from process.env and writes JSON logs and EMF metrics to stdout', async () => {
    // Real clocks on both sides: this handler has no injected clock.
    sb = await startSandbox({ seed: { count: 20, seed: 7 }, rateLimit: false });
    const secret = JSON.stringify({ baseUrl: sb.url, clientId: sb.credentials.clientId, clientSecret: sb.credentials.clientSecret });
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: secret });
    vi.stubEnv('ISC_CREDENTIALS_SECRET_ID', SECRET_ID);
    vi.stubEnv('REPORT_TOPIC_ARN', TOPIC_ARN);
    vi.stubEnv('JANITOR_POLICY', JSON.stringify({ mode: 'report', limits: { maxFraction: 0.6 } }));
    vi.stubEnv('TENANT_NAME', 'acme');
    const output = captureOutput();
    const { handler } = await import('../../lambdas/janitor/handler.js');

    const first = await handler({}, lambdaContext({ awsRequestId: 'req-a' }));
    const second = await handler({ dryRun: true }, lambdaContext({ awsRequestId: 'req-b' }));

    expect(first).toMatchObject({ reportId: 'req-a', tenant: 'acme', mode: 'report', outcome: 'ok', counts: { total: 20, stale: 8 } });
    expect(second.counts).toEqual(first.counts);
    expect(sb.mutatingRequests()).toEqual([]);
    expect(secretsMock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input)).toEqual([{ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }]);
    const publishes = snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(publishes.map((input) => envelopeOf(input).report.reportId)).toEqual(['req-a', 'req-b']);
    expect(publishes.map((input) => input.TopicArn)).toEqual([TOPIC_ARN, TOPIC_ARN]);

    const summaries = output.logs().filter((line) => line.message === 'run summary');
    expect(summaries).toEqual([
      expect.objectContaining({ level: 'INFO', service: 'isc-oauth-janitor', tenant: 'acme', reportId: 'req-a' }),
      expect.objectContaining({ level: 'INFO', service: 'isc-oauth-janitor', tenant: 'acme', reportId: 'req-b' }),
    ]);
    const metrics = output.metrics() as Array<{ _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> }; Tenant?: string }>;
    expect(metrics).toHaveLength(2);
    expect(metrics[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('IscOAuthJanitor');
    expect(metrics[0]?._aws.CloudWatchMetrics[0]?.Dimensions.flat()).toContain('Tenant');
    expect(metrics[0]?.Tenant).toBe('acme');
    expect(output.text()).not.toContain(sb.credentials.clientSecret);
  });
});
