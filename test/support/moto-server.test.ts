import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMotoLambdaFunction } from './moto-lambda-function.js';
import { motoClientConfig, motoS3Config, startMoto, uniqueName } from './moto-server.js';
import type { MotoServer } from './moto-server.js';

/*
 * What the pinned moto really does with the AWS semantics the janitor's tests rely on. A test named
 * "moto deviation" pins where moto differs from AWS, so a moto upgrade that changes it fails here
 * first, and nobody writes a test that passes on moto for the wrong reason.
 */

const DAY_MS = 86_400_000;

let moto: MotoServer;
let secrets: SecretsManagerClient;

beforeAll(async () => {
  moto = await startMoto();
  secrets = new SecretsManagerClient(motoClientConfig(moto));
});

afterAll(async () => {
  await moto?.stop();
});

async function stagesOf(secretId: string): Promise<Record<string, string[]>> {
  return (await secrets.send(new DescribeSecretCommand({ SecretId: secretId }))).VersionIdsToStages ?? {};
}

async function newSecret(value: string): Promise<{ arn: string; firstVersion: string }> {
  const created = await secrets.send(new CreateSecretCommand({ Name: uniqueName('secret'), SecretString: value }));
  return { arn: created.ARN!, firstVersion: created.VersionId! };
}

async function valueAt(secretId: string, stage?: string): Promise<string | undefined> {
  return (await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }))).SecretString;
}

describe('startMoto', () => {
  it('serves on 127.0.0.1 and stop() ends its own process', async () => {
    const own = await startMoto();
    expect(own.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${own.endpoint}/moto-api/config`)).ok).toBe(true);

    await own.stop();

    expect(() => process.kill(own.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    await expect(fetch(`${own.endpoint}/moto-api/config`)).rejects.toThrow();
    await own.stop();
  });
});

describe('Secrets Manager on moto', () => {
  it('stages a PutSecretValue with VersionStages AWSPENDING under its ClientRequestToken, and a repeat is harmless', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const token = randomUUID();
    const put = { SecretId: arn, SecretString: 'new', VersionStages: ['AWSPENDING'], ClientRequestToken: token };

    expect((await secrets.send(new PutSecretValueCommand(put))).VersionId).toBe(token);
    await secrets.send(new PutSecretValueCommand(put));

    expect(await stagesOf(arn)).toEqual({ [firstVersion]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    expect(await valueAt(arn, 'AWSPENDING')).toBe('new');
    expect(await valueAt(arn)).toBe('old');
  });

  it('moto deviation: a different value under a token whose version carries AWSPENDING replaces that version, labels too, even once AWSCURRENT (AWS refuses)', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const token = randomUUID();
    const putPending = (value: string) =>
      secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: value, VersionStages: ['AWSPENDING'], ClientRequestToken: token }));
    await putPending('first');

    await putPending('second');
    expect(await valueAt(arn, 'AWSPENDING')).toBe('second');

    // finishSecret leaves AWSPENDING on the new current version, as AWS does; a late repeat of
    // createSecret's put then strips AWSCURRENT: no version is current any more.
    await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: firstVersion }));
    await putPending('third');
    expect(await stagesOf(arn)).toEqual({ [firstVersion]: ['AWSPREVIOUS'], [token]: ['AWSPENDING'] });
    expect(await valueAt(arn, 'AWSPENDING')).toBe('third');
  });

  it('refuses a different value under the token of a version without AWSPENDING', async () => {
    const { arn } = await newSecret('old');
    const token = randomUUID();
    await secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'first', ClientRequestToken: token }));

    await expect(secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'second', ClientRequestToken: token }))).rejects.toThrow(
      expect.objectContaining({ name: 'ResourceExistsException' }),
    );
    expect(await valueAt(arn, 'AWSCURRENT')).toBe('first');
  });

  it('UpdateSecretVersionStage moves AWSCURRENT only with RemoveFromVersionId, and the old version becomes AWSPREVIOUS', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const token = randomUUID();
    await secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'new', VersionStages: ['AWSPENDING'], ClientRequestToken: token }));

    await expect(secrets.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token }))).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidParameterException' }),
    );
    await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: firstVersion }));

    expect(await stagesOf(arn)).toEqual({ [firstVersion]: ['AWSPREVIOUS'], [token]: ['AWSPENDING', 'AWSCURRENT'] });
    expect(await valueAt(arn, 'AWSCURRENT')).toBe('new');
    expect(await valueAt(arn, 'AWSPREVIOUS')).toBe('old');
  });

  it('moto deviation: GetSecretValue without VersionStage still returns the old value after UpdateSecretVersionStage moved AWSCURRENT', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const token = randomUUID();
    await secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'new', VersionStages: ['AWSPENDING'], ClientRequestToken: token }));
    await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: firstVersion }));

    expect(await valueAt(arn)).toBe('old');
    expect(await valueAt(arn, 'AWSCURRENT')).toBe('new');
  });

  it('RotateSecret refuses a Lambda ARN moto does not know', async () => {
    const { arn } = await newSecret('old');

    await expect(
      secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:absent', RotateImmediately: false })),
    ).rejects.toThrow(expect.objectContaining({ name: 'ResourceNotFoundException' }));
  });

  it('RotateSecret with RotateImmediately false turns rotation on and leaves AWSCURRENT and its value alone', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const fn = await createMotoLambdaFunction(moto);

    await secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: fn, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }));

    const described = await secrets.send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described).toMatchObject({ RotationEnabled: true, RotationLambdaARN: fn, RotationRules: { AutomaticallyAfterDays: 30 } });
    const scheduledAhead = described.NextRotationDate!.getTime() - described.LastRotatedDate!.getTime();
    expect(scheduledAhead).toBeGreaterThanOrEqual(30 * DAY_MS - 1_000);
    expect(scheduledAhead).toBeLessThanOrEqual(30 * DAY_MS + 1_000);
    expect(described.VersionIdsToStages?.[firstVersion]).toEqual(['AWSCURRENT']);
    expect(await valueAt(arn)).toBe('old');
  });

  it('moto deviation: RotateSecret with RotateImmediately false leaves an AWSPENDING version holding a copy of the current value', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const fn = await createMotoLambdaFunction(moto);

    await secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: fn, RotateImmediately: false }));

    const pending = Object.entries(await stagesOf(arn)).filter(([, stages]) => stages.includes('AWSPENDING'));
    expect(pending).toHaveLength(1);
    expect(pending[0]![0]).not.toBe(firstVersion);
    expect(await valueAt(arn, 'AWSPENDING')).toBe('old');
  });

  it('RotateSecret (immediately) stages the token as a value-less AWSPENDING version, as AWS does before createSecret; the steps then complete it', async () => {
    const { arn, firstVersion } = await newSecret('old');
    const fn = await createMotoLambdaFunction(moto);
    const token = randomUUID();

    // moto "invokes" the four steps on its stub runtime: no code of ours runs.
    await secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: fn, ClientRequestToken: token }));
    expect(await stagesOf(arn)).toEqual({ [firstVersion]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    await expect(valueAt(arn, 'AWSPENDING')).rejects.toThrow(expect.objectContaining({ name: 'ResourceNotFoundException' }));
    expect(await valueAt(arn, 'AWSCURRENT')).toBe('old');

    // createSecret and finishSecret, as the rotation function does them:
    await secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'new', VersionStages: ['AWSPENDING'], ClientRequestToken: token }));
    await secrets.send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: firstVersion }));

    expect(await stagesOf(arn)).toEqual({ [firstVersion]: ['AWSPREVIOUS'], [token]: ['AWSPENDING', 'AWSCURRENT'] });
    expect(await valueAt(arn)).toBe('new');
  });

  it('moto deviation: between an immediate RotateSecret and createSecret, GetSecretValue without VersionStage finds no value', async () => {
    const { arn } = await newSecret('old');
    const fn = await createMotoLambdaFunction(moto);

    await secrets.send(new RotateSecretCommand({ SecretId: arn, RotationLambdaARN: fn, ClientRequestToken: randomUUID() }));

    await expect(valueAt(arn)).rejects.toThrow(expect.objectContaining({ name: 'ResourceNotFoundException' }));
    expect(await valueAt(arn, 'AWSCURRENT')).toBe('old');
  });
});

describe('DynamoDB on moto', () => {
  it('refuses a PutItem whose ConditionExpression fails, returns the item it kept, and changes nothing', async () => {
    const ddb = new DynamoDBClient(motoClientConfig(moto));
    const table = uniqueName('leases');
    await ddb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const takeLease = (expiresAt: number, now: number) =>
      ddb.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'lease#acme' }, expiresAt: { N: String(expiresAt) } },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': { N: String(now) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    await takeLease(100, 0);

    await expect(takeLease(200, 50)).rejects.toThrow(
      expect.objectContaining({ name: 'ConditionalCheckFailedException', Item: { pk: { S: 'lease#acme' }, expiresAt: { N: '100' } } }),
    );
    expect((await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'lease#acme' } } }))).Item?.expiresAt).toEqual({ N: '100' });

    await takeLease(300, 150);
    expect((await ddb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'lease#acme' } } }))).Item?.expiresAt).toEqual({ N: '300' });
  });
});

describe('S3 Object Lock on moto', () => {
  let s3: S3Client;
  beforeAll(() => {
    s3 = new S3Client(motoS3Config(moto));
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

  it('applies the default GOVERNANCE retention to a new object version and refuses to delete that version', async () => {
    const bucket = await lockedBucket('GOVERNANCE', 400);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status).toBe('Enabled');

    const { VersionId } = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'runs/r1.json', Body: '{}' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'runs/r1.json', VersionId }));
    expect(head.ObjectLockMode).toBe('GOVERNANCE');
    const retainedFor = head.ObjectLockRetainUntilDate!.getTime() - head.LastModified!.getTime();
    expect(retainedFor).toBeGreaterThanOrEqual(400 * DAY_MS - 2_000);
    expect(retainedFor).toBeLessThanOrEqual(400 * DAY_MS + 2_000);

    await expect(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'runs/r1.json', VersionId }))).rejects.toThrow(
      expect.objectContaining({ name: 'AccessDenied', $metadata: expect.objectContaining({ httpStatusCode: 403 }) }),
    );
    // A delete without a version only adds a delete marker; the locked version stays.
    expect((await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'runs/r1.json' }))).DeleteMarker).toBe(true);
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }))).Versions?.map((v) => v.VersionId)).toEqual([VersionId]);
  });

  it('moto deviation: BypassGovernanceRetention deletes a GOVERNANCE version without any permission check; COMPLIANCE still refuses', async () => {
    const governance = await lockedBucket('GOVERNANCE', 400);
    const g = await s3.send(new PutObjectCommand({ Bucket: governance, Key: 'k', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: governance, Key: 'k', VersionId: g.VersionId, BypassGovernanceRetention: true }));
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket: governance }))).Versions).toBeUndefined();

    const compliance = await lockedBucket('COMPLIANCE', 1);
    const c = await s3.send(new PutObjectCommand({ Bucket: compliance, Key: 'k', Body: 'x' }));
    await expect(s3.send(new DeleteObjectCommand({ Bucket: compliance, Key: 'k', VersionId: c.VersionId, BypassGovernanceRetention: true }))).rejects.toThrow(
      expect.objectContaining({ name: 'AccessDenied' }),
    );
  });

  it('moto deviation: GetObjectRetention is not implemented (read the lock with HeadObject instead)', async () => {
    const bucket = await lockedBucket('GOVERNANCE', 1);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' }));

    await expect(s3.send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'k' }))).rejects.toThrow();
  });
});
