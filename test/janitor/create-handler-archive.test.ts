import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseNdjson } from '../../lambdas/adapters/archive/archive-layout.js';
import { PublishCommand } from '@aws-sdk/client-sns';
import { envelopeOf, lambdaContext, rejectionOf, snsMock, startHandlerHarness } from './handler-harness.js';

/**
 * REPORT_ARCHIVE_BUCKET switches the evidence archive on. S3 is mocked for the call shapes
 * (test/adapters/archive/s3-report-archive.moto.test.ts shows the S3 semantics on moto).
 */
const s3Mock = mockClient(S3Client);
const BUCKET = 'isc-oauth-janitor-archive-123456789012';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ARCHIVE_ENV = { REPORT_ARCHIVE_BUCKET: BUCKET, REPORT_ARCHIVE_KMS_KEY_ID: KEY_ARN };

beforeEach(() => {
  s3Mock.reset();
});

const archiving = (env: Record<string, string | undefined> = ARCHIVE_ENV) =>
  startHandlerHarness({ env, deps: { s3: new S3Client({ region: 'eu-west-1' }) } });

const puts = () => s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);

function archiveWriteFailed(h: Awaited<ReturnType<typeof startHandlerHarness>>): unknown[] {
  return h.output.metrics().map((record) => record.ArchiveWriteFailed);
}

describe('createHandler with the evidence archive', () => {
  it('archives the report and its lines under the invocation\'s request id, then publishes where the report is', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const h = await archiving();

    await h.handler({}, lambdaContext());

    const inputs = puts();
    expect(inputs.map((input) => input.Key).sort()).toEqual([
      'actions/tenant=acme/date=2026-03-01/req-0001.ndjson',
      'delivered/tenant=acme/date=2026-03-01/req-0001.json',
      'reports/tenant=acme/date=2026-03-01/req-0001.json',
      'upcoming/tenant=acme/date=2026-03-01/req-0001.ndjson',
    ]);
    for (const input of inputs) expect(input).toMatchObject({ Bucket: BUCKET, ChecksumAlgorithm: 'SHA256', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: KEY_ARN, IfNoneMatch: '*' });
    // The delivery record comes last, once SNS took the report, and says how it went out.
    expect(inputs.at(-1)?.Key).toBe('delivered/tenant=acme/date=2026-03-01/req-0001.json');
    expect(JSON.parse(String(inputs.at(-1)?.Body))).toMatchObject({ reportId: 'req-0001', tenant: 'acme', via: 'sns', topicArn: expect.stringMatching(/^arn:aws:sns:/) });
    const { report, text } = envelopeOf(h.publishes()[0]);
    expect(report.archive).toEqual({ status: 'written', location: `s3://${BUCKET}/reports/tenant=acme/date=2026-03-01/req-0001.json` });
    expect(text).toContain(`\nArchived: s3://${BUCKET}/reports/tenant=acme/date=2026-03-01/req-0001.json\n`);
    const actionLines = parseNdjson(String(inputs.find((input) => input.Key?.startsWith('actions/'))?.Body));
    expect(actionLines).toEqual(report.actions.map((action) => ({ ...action, reportId: 'req-0001', tenant: 'acme' })));
    expect(archiveWriteFailed(h)).toEqual([0]);
  });

  it('still publishes when the archive write fails, and the published report and email say so; ArchiveWriteFailed counts it', async () => {
    s3Mock.on(PutObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', message: 'Access Denied', $fault: 'client', $metadata: {} }));
    const h = await archiving();

    const summary = await h.handler({}, lambdaContext());

    expect(summary.outcome).toBe('ok');
    expect(h.publishes()).toHaveLength(1);
    const { report, text } = envelopeOf(h.publishes()[0]);
    expect(report.archive).toEqual({ status: 'failed', error: expect.stringMatching(/^could not write s3:\/\/.+: AccessDenied: Access Denied$/) });
    expect(report.warnings.at(-1)).toMatch(/^the report could not be written to the evidence archive \(could not write s3:.+\); keep this report: it is the only record of this run$/);
    expect(text).toContain('could not be written to the evidence archive');
    expect(archiveWriteFailed(h)).toEqual([1]);
    expect(h.output.logs().filter((line) => line.message === 'report archive write failed')).toHaveLength(1);
    // No report in the archive, so no delivery to record beside it.
    expect(puts().some((input) => input.Key?.startsWith('delivered/'))).toBe(false);
  });

  it('records no delivery when the publish fails: that report announced nothing', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const h = await archiving();
    snsMock.on(PublishCommand).rejects(new Error('SNS is down'));

    await rejectionOf(h.handler({}, lambdaContext()));

    expect(puts().map((input) => input.Key).filter((key) => key?.startsWith('reports/'))).toHaveLength(1);
    expect(puts().some((input) => input.Key?.startsWith('delivered/'))).toBe(false);
  });

  it('archives a blocked run and a report-mode run as well', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const h = await archiving();

    await rejectionOf(h.handler({ policy: { limits: { maxFraction: 0.25 } } }, lambdaContext()));
    await h.handler({ dryRun: true }, lambdaContext({ awsRequestId: 'req-0002' }));

    const reports = puts().filter((input) => input.Key?.startsWith('reports/'));
    expect(reports.map((input) => input.Key)).toEqual([
      'reports/tenant=acme/date=2026-03-01/req-0001.json',
      'reports/tenant=acme/date=2026-03-01/req-0002.json',
    ]);
    expect(reports.map((input) => (JSON.parse(String(input.Body)) as { outcome: string; mode: string }))).toEqual([
      expect.objectContaining({ outcome: 'blocked', mode: 'enforce' }),
      expect.objectContaining({ outcome: 'ok', mode: 'report' }),
    ]);
  });

  it('writes nothing and says nothing about an archive when REPORT_ARCHIVE_BUCKET is not set', async () => {
    const h = await archiving({});
    await h.handler({}, lambdaContext());
    expect(puts()).toEqual([]);
    expect(envelopeOf(h.publishes()[0]).report.archive).toBeUndefined();
    expect(archiveWriteFailed(h)).toEqual([0]);
  });

  it('refuses a bucket name S3 would refuse, naming the variable', async () => {
    const h = await archiving({ REPORT_ARCHIVE_BUCKET: 'Evidence_Bucket' });
    const error = await rejectionOf(h.handler({}, lambdaContext()));
    expect(error.message).toContain('REPORT_ARCHIVE_BUCKET: must be an S3 bucket name');
  });
});
