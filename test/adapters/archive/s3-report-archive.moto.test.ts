import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../lambdas/adapters/archive/s3-object-store.js';
import { StoredReportArchive } from '../../../lambdas/adapters/archive/stored-report-archive.js';
import { archiveReport } from '../../../lambdas/app/archive-report.js';
import { readArchivedReports, readArchivedUpcoming } from '../../../lambdas/app/read-archive.js';
import { recordingLogger } from '../../chaos/recording-logger.js';
import { motoS3Config, startMoto, uniqueName, type MotoServer } from '../../support/moto-server.js';
import { fixtureReport } from '../report/fixture-report.js';

/**
 * The S3 archive against moto, for what only S3 semantics can show: the bucket's default Object
 * Lock retention lands on every object the janitor writes, a locked version cannot be deleted, the
 * checksum and the customer key are stored with the object, and listing pages and StartAfter work.
 * (moto-server.test.ts pins where the pinned moto deviates from AWS on Object Lock.)
 */
const DAY_MS = 86_400_000;
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let moto: MotoServer;
let s3: S3Client;
beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client(motoS3Config(moto));
});
afterAll(async () => {
  await moto?.stop();
});

async function lockedBucket(mode: 'GOVERNANCE' | 'COMPLIANCE', days: number): Promise<string> {
  const bucket = uniqueName('archive');
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: days } } },
    }),
  );
  return bucket;
}

describe('the S3 report archive on moto', () => {
  it('writes every file under the bucket\'s default retention, with its SHA-256 checksum and the customer key', async () => {
    const bucket = await lockedBucket('GOVERNANCE', 400);
    const archive = new StoredReportArchive(new S3ObjectStore({ s3, bucket, kmsKeyId: KEY_ARN }));

    const { location } = await archive.write(fixtureReport({ reportId: 'r-1' }));

    expect(location).toBe(`s3://${bucket}/reports/tenant=acme/date=2026-11-23/r-1.json`);
    for (const key of [
      'reports/tenant=acme/date=2026-11-23/r-1.json',
      'actions/tenant=acme/date=2026-11-23/r-1.ndjson',
      'upcoming/tenant=acme/date=2026-11-23/r-1.ndjson',
    ]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
      expect(head.ObjectLockMode, key).toBe('GOVERNANCE');
      const retained = head.ObjectLockRetainUntilDate!.getTime() - head.LastModified!.getTime();
      expect(Math.abs(retained - 400 * DAY_MS), key).toBeLessThanOrEqual(2_000);
      expect(head.ChecksumSHA256, key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(head.ServerSideEncryption, key).toBe('aws:kms');
      expect(head.SSEKMSKeyId, key).toBe(KEY_ARN);
    }
    const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'actions/tenant=acme/date=2026-11-23/r-1.ndjson' }))).Body!.transformToString();
    expect(body.trimEnd().split('\n')).toHaveLength(2);
  });

  it('cannot lose evidence: a second write to an existing key is refused, the run reports it, and no locked version can be deleted', async () => {
    const bucket = await lockedBucket('COMPLIANCE', 1);
    const archive = new StoredReportArchive(new S3ObjectStore({ s3, bucket }));
    const key = 'reports/tenant=acme/date=2026-11-23/r-1.json';

    await archive.write(fixtureReport({ reportId: 'r-1', outcome: 'failed' }));
    // The same keys again: S3 answers 412 to If-None-Match: * and the run's report says so.
    await expect(s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{}', IfNoneMatch: '*' }))).rejects.toThrow(
      expect.objectContaining({ name: 'PreconditionFailed' }),
    );
    const logger = recordingLogger();
    const second = await archiveReport(archive, fixtureReport({ reportId: 'r-1', outcome: 'ok' }), logger);
    expect(second.archive).toMatchObject({ status: 'failed', error: expect.stringContaining(`s3://${bucket}/actions/tenant=acme/date=2026-11-23/r-1.ndjson already exists; evidence is written once`) });
    expect(second.warnings.at(-1)).toMatch(/^the report could not be written to the evidence archive \(s3:\/\/.* already exists; evidence is written once and never replaced/);

    for (const prefix of ['reports/', 'actions/', 'upcoming/']) {
      const versions = (await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }))).Versions ?? [];
      expect(versions, prefix).toHaveLength(1);
    }
    const [version] = (await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? [];
    await expect(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: version?.VersionId, BypassGovernanceRetention: true }))).rejects.toThrow(
      expect.objectContaining({ name: 'AccessDenied' }),
    );
    expect((await archive.report({ tenant: 'acme', date: '2026-11-23', reportId: 'r-1' })).outcome).toBe('failed');
  });

  it('reads one tenant\'s runs from a start date to an end date, oldest first, and all tenants\' runs', async () => {
    const bucket = await lockedBucket('GOVERNANCE', 1);
    const archive = new StoredReportArchive(new S3ObjectStore({ s3, bucket }));
    const days = Array.from({ length: 12 }, (_, i) => `2026-01-${String(i + 10).padStart(2, '0')}`);
    for (const [i, day] of days.entries()) {
      await archive.write(fixtureReport({ reportId: `r-${i}`, startedAt: `${day}T02:00:00.000Z`, finishedAt: `${day}T02:00:05.000Z` }));
    }
    await archive.write(fixtureReport({ reportId: 'other', tenant: 'acme-sb', startedAt: '2026-01-15T02:00:00.000Z' }));

    const reports = await readArchivedReports(archive, { tenant: 'acme', since: '2026-01-18', until: '2026-01-20' });
    expect(reports.map((report) => report.reportId)).toEqual(['r-8', 'r-9', 'r-10']);
    const upcoming = await readArchivedUpcoming(archive, { tenant: 'acme', since: '2026-01-20', clientIds: ['c-upcoming'] });
    expect(upcoming.map((entry) => `${entry.date} ${entry.reportId} ${entry.clientId}`)).toEqual([
      '2026-01-20 r-10 c-upcoming',
      '2026-01-21 r-11 c-upcoming',
    ]);
    expect((await archive.runs()).length).toBe(13);
  });
});
