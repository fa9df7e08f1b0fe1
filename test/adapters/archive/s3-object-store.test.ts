import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ObjectExistsError } from '../../../lambdas/adapters/archive/object-exists-error.js';
import { S3ObjectStore } from '../../../lambdas/adapters/archive/s3-object-store.js';
import { StoredReportArchive } from '../../../lambdas/adapters/archive/stored-report-archive.js';
import { fixtureReport } from '../report/fixture-report.js';

const s3Mock = mockClient(S3Client);
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
beforeEach(() => {
  s3Mock.reset();
});

const store = (kmsKeyId?: string) =>
  new S3ObjectStore({ s3: new S3Client({ region: 'eu-west-1' }), bucket: 'evidence-bucket', ...(kmsKeyId ? { kmsKeyId } : {}) });

describe('S3ObjectStore call shapes', () => {
  it('puts each file with its content type, a SHA-256 checksum and the customer key, and no per-object retention', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    await new StoredReportArchive(store(KEY_ARN)).write(fixtureReport({ reportId: 'r-1' }));

    const inputs = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.Key)).toEqual([
      'actions/tenant=acme/date=2026-11-23/r-1.ndjson',
      'upcoming/tenant=acme/date=2026-11-23/r-1.ndjson',
      // The report last: its presence means the lines are there too.
      'reports/tenant=acme/date=2026-11-23/r-1.json',
    ]);
    expect(inputs[2]).toEqual({
      Bucket: 'evidence-bucket',
      Key: 'reports/tenant=acme/date=2026-11-23/r-1.json',
      Body: expect.stringMatching(/^\{"reportId":"r-1",.*\}\n$/),
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      // Written once: S3 refuses the put when the key exists.
      IfNoneMatch: '*',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY_ARN,
      BucketKeyEnabled: true,
    });
    expect(inputs[0]).toMatchObject({ ContentType: 'application/x-ndjson', ChecksumAlgorithm: 'SHA256', IfNoneMatch: '*' });
    for (const input of inputs) expect(input).not.toHaveProperty('ObjectLockMode');
  });

  it('names a refused conditional write as an existing object, not as a failure of S3', async () => {
    s3Mock.on(PutObjectCommand).rejects(
      new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' }),
    );
    const put = store().put('reports/tenant=acme/date=2026-11-23/r-1.json', '{}\n', 'application/json');
    await expect(put).rejects.toBeInstanceOf(ObjectExistsError);
    await expect(put).rejects.toThrow('s3://evidence-bucket/reports/tenant=acme/date=2026-11-23/r-1.json already exists; evidence is written once and never replaced');
  });

  it('leaves encryption to the bucket default when no key is configured', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    await store().put('reports/x.json', '{}\n', 'application/json');
    const input = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(input).not.toHaveProperty('ServerSideEncryption');
    expect(input).not.toHaveProperty('SSEKMSKeyId');
  });

  it('follows continuation tokens, starting after the given key', async () => {
    s3Mock
      .on(ListObjectsV2Command, { Bucket: 'evidence-bucket', Prefix: 'reports/tenant=acme/', StartAfter: 'reports/tenant=acme/date=2026-01-02' })
      .resolves({ Contents: [{ Key: 'reports/tenant=acme/date=2026-01-02/a.json' }], IsTruncated: true, NextContinuationToken: 'page-2' })
      .on(ListObjectsV2Command, { Bucket: 'evidence-bucket', Prefix: 'reports/tenant=acme/', ContinuationToken: 'page-2' })
      .resolves({ Contents: [{ Key: 'reports/tenant=acme/date=2026-01-03/b.json' }], IsTruncated: false });

    const keys: string[] = [];
    for await (const key of store().list('reports/tenant=acme/', 'reports/tenant=acme/date=2026-01-02')) keys.push(key);

    expect(keys).toEqual(['reports/tenant=acme/date=2026-01-02/a.json', 'reports/tenant=acme/date=2026-01-03/b.json']);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(2);
  });

  it('stops listing once the runs are past the end date (no further page is fetched)', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolves({ Contents: [{ Key: 'reports/tenant=acme/date=2026-01-05/a.json' }], IsTruncated: true, NextContinuationToken: 'more' });
    const runs = await new StoredReportArchive(store()).runs({ tenant: 'acme', until: '2026-01-04' });
    expect(runs).toEqual([]);
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(1);
  });

  it('reads an object as text', async () => {
    // The SDK's streaming body, reduced to the one method the store calls.
    const body = { transformToString: async (encoding?: string) => (encoding === 'utf-8' ? '{"a":"é"}\n' : 'wrong encoding') };
    s3Mock.on(GetObjectCommand, { Bucket: 'evidence-bucket', Key: 'reports/x.json' }).resolves({ Body: body as never });
    expect(await store().get('reports/x.json')).toBe('{"a":"é"}\n');
  });

  it('names the operation, the object and the S3 error when a call fails', async () => {
    s3Mock.on(PutObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', message: 'Access Denied', $fault: 'client', $metadata: {} }));
    await expect(store().put('reports/x.json', '{}', 'application/json')).rejects.toThrow(
      'could not write s3://evidence-bucket/reports/x.json: AccessDenied: Access Denied',
    );
  });
});
