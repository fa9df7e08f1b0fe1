import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverReport } from '../../bin/cli/deliver-report.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import { NOW } from '../core/make-client.js';
import { sampleReport } from '../core/report/sample-report.js';

const sns = mockClient(SNSClient);
const jsonPath = join(tmpdir(), `deliver-report-${process.pid}.json`);
afterEach(async () => {
  sns.reset();
  await rm(jsonPath, { force: true });
});

function io() {
  let stdout = '';
  let stderr = '';
  return {
    io: { env: {}, now: () => NOW, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe('deliverReport', () => {
  it('prints the readable report on stdout and nothing else by default', async () => {
    const out = io();
    const report = sampleReport();

    await deliverReport(report, {}, out.io);

    expect(out.stdout()).toBe(renderTextReport(report));
    expect(sns.calls()).toHaveLength(0);
  });

  it('writes the RunReport as JSON with --json', async () => {
    const report = sampleReport();

    await deliverReport(report, { json: jsonPath }, io().io);

    expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toEqual(report);
  });

  it('publishes the report to the SNS topic with --topic-arn', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:janitor-reports';

    await deliverReport(sampleReport(), { topicArn }, io().io);

    const [call] = sns.commandCalls(PublishCommand);
    expect(call?.args[0].input).toMatchObject({ TopicArn: topicArn, MessageStructure: 'json' });
  });

  it('fails after printing when the JSON file cannot be written, so the caller can exit non-zero', async () => {
    const out = io();

    await expect(deliverReport(sampleReport(), { json: '/nonexistent-dir/report.json' }, out.io)).rejects.toThrow(/ENOENT/);
    expect(out.stdout()).toContain('OAuth client cleanup for tenant');
  });
});
