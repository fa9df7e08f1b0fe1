import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_QUERIES } from '../../lib/audit-queries.js';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';
import { resolveJoin } from './resolve-join.js';

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
const resourcesOf = (built: BuiltStack, type: string) => built.template.findResources(type) as Record<string, Resource>;

let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
});

function bucket(construct: IConstruct): Resource {
  const found = resourcesOf(built, 'AWS::S3::Bucket')[logicalId(construct)];
  if (!found) throw new Error(`no bucket ${construct.node.path}`);
  return found;
}

describe('the evidence archive bucket', () => {
  it('locks every version for 400 days in GOVERNANCE mode, is versioned, on its own customer key, and kept with the stack', () => {
    const { archive } = built.stack.evidence;
    const resource = bucket(archive.bucket);
    expect(resource.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 400 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(archive.key), 'Arn'] } } },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(archive.accessLogs) }, LogFilePrefix: 'report-archive/' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resourcesOf(built, 'AWS::KMS::Key')[logicalId(archive.key)]?.DeletionPolicy).toBe('Retain');
  });

  it('moves objects over 128 KB and old versions of them to Glacier Instant Retrieval after 90 days, on purpose and no others', () => {
    const rules = (bucket(built.stack.evidence.archive.bucket).Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules;
    expect(rules).toEqual([
      expect.objectContaining({
        Status: 'Enabled',
        ObjectSizeGreaterThan: '131072',
        Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
        NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      }),
      expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
    ]);
  });

  it('refuses any request without TLS', () => {
    const policies = Object.values(resourcesOf(built, 'AWS::S3::BucketPolicy')).filter(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(built.stack.evidence.archive.bucket) }),
    );
    const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  it('refuses the janitor\'s role any PutObject that is not a conditional create (If-None-Match), in the bucket policy', () => {
    const policies = Object.values(resourcesOf(built, 'AWS::S3::BucketPolicy')).filter(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(built.stack.evidence.archive.bucket) }),
    );
    const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
    const writeOnce = statements.find((statement) => statement.Sid === 'WriteOnceJanitor');
    expect(writeOnce).toMatchObject({
      Effect: 'Deny',
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
      Principal: { AWS: { 'Fn::GetAtt': [logicalId(built.stack.janitor.role), 'Arn'] } },
    });
    expect(resolveJoin(writeOnce?.Resource)).toBe(`<${logicalId(built.stack.evidence.archive.bucket)}.Arn>/*`);
  });

  it('takes its retention and lock mode from the context', () => {
    const compliance = buildStackFromContext({ archiveRetentionDays: '2557', archiveLockMode: 'COMPLIANCE' });
    const century = buildStackFromContext({ archiveRetentionDays: '36500', archiveLockMode: 'COMPLIANCE', archiveComplianceConfirm: 'true' });
    expect((century.template.findResources('AWS::S3::Bucket') as Record<string, Resource>)[logicalId(century.stack.evidence.archive.bucket)]?.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 36_500 } },
    });
    const resource = (compliance.template.findResources('AWS::S3::Bucket') as Record<string, Resource>)[logicalId(compliance.stack.evidence.archive.bucket)];
    expect(resource?.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } } });
  });

  it('keeps its server access logs in a separate bucket (SSE-S3, as log delivery requires), as long as the archive', () => {
    const logs = bucket(built.stack.evidence.archive.accessLogs);
    expect(logs.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    const [rule] = (logs.Properties.LifecycleConfiguration as { Rules: { ExpirationInDays?: number; ObjectSizeGreaterThan?: string }[] }).Rules;
    expect(rule?.ExpirationInDays).toBe(400);
    // Access log files are small: only the few large ones are worth Glacier IR's 128 KB minimum.
    expect(rule?.ObjectSizeGreaterThan).toBe('131072');
    expect(logs.DeletionPolicy).toBe('Retain');
  });
});

describe('audit queries over the archive', () => {
  it('has a Glue table per prefix, partitioned by tenant and date with partition projection and no crawler', () => {
    built.template.resourceCountIs('AWS::Glue::Crawler', 0);
    const tables = Object.values(resourcesOf(built, 'AWS::Glue::Table')).map((t) => t.Properties.TableInput as Record<string, unknown>);
    expect(tables.map((t) => t.Name).sort()).toEqual(['actions', 'delivered', 'reports', 'upcoming']);
    for (const table of tables) {
      const parameters = table.Parameters as Record<string, unknown>;
      expect(table.PartitionKeys).toEqual([expect.objectContaining({ Name: 'tenant', Type: 'string' }), expect.objectContaining({ Name: 'date', Type: 'string' })]);
      expect(parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.tenant.type': 'injected',
        'projection.date.type': 'date',
        'projection.date.format': 'yyyy-MM-dd',
      });
      const bucketRef = `<${logicalId(built.stack.evidence.archive.bucket)}>`;
      expect(resolveJoin(parameters['storage.location.template'])).toBe(`s3://${bucketRef}/${String(table.Name)}/tenant=\${tenant}/date=\${date}/`);
      expect(((table.StorageDescriptor as { SerdeInfo: { SerializationLibrary: string } }).SerdeInfo).SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    }
  });

  it('has a workgroup that encrypts its results with the archive key, and the three saved queries', () => {
    const [workGroup] = Object.values(resourcesOf(built, 'AWS::Athena::WorkGroup'));
    expect(workGroup?.Properties.WorkGroupConfiguration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: { 'Fn::GetAtt': [logicalId(built.stack.evidence.archive.key), 'Arn'] } } },
    });
    const queries = Object.values(resourcesOf(built, 'AWS::Athena::NamedQuery')).map((q) => q.Properties);
    expect(queries.map((q) => [q.Name, q.QueryString, q.Database])).toEqual(AUDIT_QUERIES.map((q) => [q.name, q.sql, 'testjanitor_evidence']));
    expect(AUDIT_QUERIES.map((q) => q.name)).toEqual(['deletions-in-a-period', 'history-of-one-client', 'failed-or-blocked-runs']);
    // Each parameter the description announces is one `?` in the SQL.
    for (const query of AUDIT_QUERIES) expect(query.sql.split('?').length - 1).toBe(query.parameters.length);
  });
});

describe('the evidence guide (docs/evidence.md)', () => {
  it('shows each saved query exactly as the stack saves it', () => {
    const guide = readFileSync(new URL('../../docs/evidence.md', import.meta.url), 'utf8');
    for (const query of AUDIT_QUERIES) expect(guide).toContain(`**${query.name}**: ${query.description}. Parameters, in order: ${query.parameters.join(', ')}.\n\n\`\`\`sql\n${query.sql}\n\`\`\``);
  });
});

describe('compliance of the rest of the stack', () => {
  it('denies kms:CreateGrant on every key unless an AWS service asks for a resource, and rotates every key', () => {
    const keys = Object.values(resourcesOf(built, 'AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const key of keys) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect((key.Properties.KeyPolicy as { Statement: unknown[] }).Statement).toContainEqual({
        Sid: 'DenyGrantsExceptForAwsServices',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
    }
  });

  it('lets CloudWatch Logs use the logs key only for log groups of this account and region', () => {
    const key = resourcesOf(built, 'AWS::KMS::Key')[logicalId(built.stack.node.findChild('LogsKey'))];
    const statement = (key?.Properties.KeyPolicy as { Statement: { Sid?: string; Principal?: unknown; Condition?: unknown }[] }).Statement.find((s) => s.Sid === 'AllowCloudWatchLogsOfThisAccount');
    expect(resolveJoin((statement?.Principal as { Service: unknown }).Service)).toBe('logs.<AWS::Region>.amazonaws.com');
    expect(resolveJoin((statement?.Condition as { ArnLike: Record<string, unknown> }).ArnLike['kms:EncryptionContext:aws:logs:arn'])).toBe(
      'arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*',
    );
  });

  it('alarms when a run could not archive its report, over all tenants', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'IscOAuthJanitor',
      MetricName: 'ArchiveWriteFailed',
      Dimensions: [{ Name: 'service', Value: 'isc-oauth-janitor' }],
      Statistic: 'Sum',
      Threshold: 1,
    });
  });
});
