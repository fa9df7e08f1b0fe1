import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BucketEncryption, ObjectLockRetention, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_KINDS } from '../lambdas/adapters/archive/archive-layout.js';
import { secureBucket } from './secure-bucket.js';

/** CloudFormation types a rule's ObjectSizeGreaterThan as text; the L2 writes a number (cfn-lint W9003). */
function sizeFilterAsText(bucket: Bucket, rule: number): void {
  (bucket.node.defaultChild as CfnBucket).addPropertyOverride(`LifecycleConfiguration.Rules.${rule}.ObjectSizeGreaterThan`, String(TRANSITION_MIN_BYTES));
}

export type ArchiveLockMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface ReportArchiveProps {
  /**
   * Days every object version is locked by S3 Object Lock, counted from its write.
   * @default 400 (PCI DSS 10.5.1's year, with room for a late audit)
   */
  readonly retentionDays?: number;
  /**
   * `GOVERNANCE`: nobody deletes or overwrites a locked version, except a principal allowed
   * `s3:BypassGovernanceRetention` who asks for it explicitly. `COMPLIANCE`: nobody at all, the
   * account root included, until the retention ends (it cannot be shortened).
   * @default 'GOVERNANCE'
   */
  readonly lockMode?: ArchiveLockMode;
  /** Days before the archive's large objects move to a cheaper storage class. @default 90 */
  readonly transitionAfterDays?: number;
}

/**
 * Only objects larger than this move to Glacier Instant Retrieval. Glacier IR bills every object
 * as at least 128 KB and charges each transition, so moving a 3 KB night's report would cost more
 * than keeping it in S3 Standard. Stated in the rule itself (it is also S3's default since 2024),
 * so the template says what really moves: the reports of large tenants, not most of the evidence.
 */
export const TRANSITION_MIN_BYTES = 128 * 1024;

/**
 * The evidence archive (see lambdas/adapters/archive/archive-layout.ts for the layout): a bucket
 * with Object Lock and a default retention, versioned, encrypted with its own customer key, no
 * public access, TLS only, its access logged to a separate bucket, objects over 128 KB moved to
 * Glacier Instant Retrieval (still read in milliseconds, by Athena too) after 90 days (smaller
 * ones stay in S3 Standard: see TRANSITION_MIN_BYTES), and kept when the stack is deleted, as is
 * its key. Server access logs go to `accessLogs`, which Athena's result bucket
 * reuses.
 */
export class ReportArchive extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  /** Server access logs of the archive (and of the other buckets that want them). */
  readonly accessLogs: Bucket;
  readonly retentionDays: number;
  readonly lockMode: ArchiveLockMode;
  readonly #acknowledged = new WeakSet<Construct>();

  constructor(scope: Construct, id: string, props: ReportArchiveProps = {}) {
    super(scope, id);
    this.retentionDays = props.retentionDays ?? 400;
    this.lockMode = props.lockMode ?? 'GOVERNANCE';
    const cheaperAfter = Duration.days(props.transitionAfterDays ?? 90);

    this.key = new Key(this, 'Key', {
      description: 'isc-oauth-janitor: encrypts the evidence archive and the audit query results',
      enableKeyRotation: true,
      // Locked objects outlive the stack; so must the key that decrypts them.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.accessLogs = secureBucket(this, 'AccessLogs', {
      lifecycleRules: [
        {
          id: 'cheaper-then-gone',
          objectSizeGreaterThan: TRANSITION_MIN_BYTES,
          transitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: cheaperAfter }],
          // Who read the evidence is kept as long as the evidence itself.
          expiration: Duration.days(Math.max(this.retentionDays, cheaperAfter.toDays() + 1)),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    sizeFilterAsText(this.accessLogs, 0);
    const logBucketReason =
      'This bucket receives the server access logs of the evidence archive and the query results; ';
    Validations.of(this.accessLogs).acknowledge(
      { id: 'AwsSolutions-S1', reason: `${logBucketReason}logging its own access would log every log delivery, endlessly.` },
      { id: 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', reason: `${logBucketReason}logging its own access would log every log delivery, endlessly.` },
      { id: 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', reason: `${logBucketReason}S3 log delivery writes only to buckets encrypted with SSE-S3, not SSE-KMS.` },
      { id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check', reason: `${logBucketReason}S3 log delivery refuses a target bucket with a default Object Lock retention.` },
    );

    this.bucket = secureBucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        this.lockMode === 'COMPLIANCE'
          ? ObjectLockRetention.compliance(Duration.days(this.retentionDays))
          : ObjectLockRetention.governance(Duration.days(this.retentionDays)),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'report-archive/',
      lifecycleRules: [
        {
          id: 'large-objects-cheaper-after-90-days',
          objectSizeGreaterThan: TRANSITION_MIN_BYTES,
          transitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: cheaperAfter }],
          noncurrentVersionTransitions: [{ storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: cheaperAfter }],
        },
        // A rule with a size filter may not abort uploads: its own rule, for every object.
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
    sizeFilterAsText(this.bucket, 0);
  }

  /**
   * What the janitor's writes need: PutObject under the archive's prefixes (never a delete, a
   * retention change or a lifecycle change), only as a conditional create, and a data key from
   * the archive key.
   */
  grantWrite(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: ARCHIVE_KINDS.map((kind) => this.bucket.arnForObjects(`${kind}/*`)) }),
    );
    // Written once: the bucket itself refuses this principal any PutObject that is not a
    // conditional create (If-None-Match: *), so even the janitor's own role cannot put a new
    // current version over a report, its lines or its delivery record (Athena, `history` and
    // the token announcements read current versions).
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'WriteOnceJanitor',
        effect: Effect.DENY,
        principals: [grantee.grantPrincipal],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
    this.key.grant(grantee, 'kms:GenerateDataKey');
    this.#acknowledgePrefixes(grantee);
  }

  /** What reading the archive needs (earlier announcements, history): list, get, decrypt. */
  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: ARCHIVE_KINDS.map((kind) => this.bucket.arnForObjects(`${kind}/*`)) }),
    );
    this.key.grant(grantee, 'kms:Decrypt');
    this.#acknowledgePrefixes(grantee);
  }

  /** The object ARNs end in `<prefix>/*` (cdk-nag's IAM5): said once per principal, with the reason. */
  #acknowledgePrefixes(grantee: IGrantable): void {
    const principal: unknown = grantee.grantPrincipal;
    if (!(principal instanceof Construct) || this.#acknowledged.has(principal)) return;
    this.#acknowledged.add(principal);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    for (const kind of ARCHIVE_KINDS) {
      Validations.of(principal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${kind}/*]`,
        reason: `Each run writes and reads its own objects under ${kind}/tenant=<tenant>/date=<day>/<reportId>; their names are not known at deploy time, so access is limited to that prefix of the archive bucket.`,
      });
    }
  }
}

