import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ArchiveKind } from '../lambdas/adapters/archive/archive-layout.js';
import { AUDIT_QUERIES } from './audit-queries.js';
import type { ReportArchive } from './report-archive.js';
import { secureBucket } from './secure-bucket.js';

export interface AuditQueryProps {
  readonly archive: ReportArchive;
  /** Days Athena's query results are kept (they are copies; the archive is the record). @default 30 */
  readonly resultsExpireAfterDays?: number;
  /** Data one query may scan before Athena cancels it. @default 10 GB */
  readonly bytesScannedCutoffPerQuery?: number;
}

/** The first day a partition can hold (before the janitor had an archive): where projection starts. */
const FIRST_DAY = '2024-01-01';

const ENTRY_COLUMNS = [
  ['reportid', 'string'],
  ['credential', 'string'],
  ['clientid', 'string'],
  ['name', 'string'],
  ['owner', 'struct<id:string,name:string>'],
  ['action', 'string'],
  ['reason', 'string'],
] as const;

/** The columns of each table; JSON field names match them case-insensitively (`clientId` -> `clientid`). */
const COLUMNS: Record<ArchiveKind, readonly (readonly [string, string])[]> = {
  actions: [
    ...ENTRY_COLUMNS,
    ['outcome', 'string'],
    ['detail', 'string'],
    ['error', 'struct<message:string,status:int,trackingid:string>'],
    ['successorid', 'string'],
    ['secretid', 'string'],
  ],
  upcoming: [...ENTRY_COLUMNS, ['on', 'string'], ['mode', 'string'], ['startedat', 'string']],
  reports: [
    ['reportid', 'string'],
    ['mode', 'string'],
    ['startedat', 'string'],
    ['finishedat', 'string'],
    ['outcome', 'string'],
    ['blockedreason', 'string'],
    ['leaselostreason', 'string'],
    ['failedreason', 'string'],
    [
      'counts',
      'struct<total:int,stale:int,disabled:int,deleted:int,rotated:int,failed:int,notattempted:int,exempt:int,upcoming:int,skipped:int>',
    ],
    ['warnings', 'array<string>'],
  ],
  // Which reports reached people, how and when (written after the publish succeeded).
  delivered: [
    ['reportid', 'string'],
    ['via', 'string'],
    ['deliveredat', 'string'],
    ['topicarn', 'string'],
    ['messageid', 'string'],
  ],
};

/**
 * SQL over the evidence archive, with nothing to run or keep up to date: a Glue database with one
 * table per archive prefix (actions, upcoming, reports), partitioned by `tenant` and `date` with
 * partition projection (Athena computes the partitions from the key layout; no crawler, no
 * MSCK REPAIR), and an Athena workgroup whose results are encrypted with the archive key and
 * expire, with the saved queries of lib/audit-queries.ts.
 */
export class AuditQuery extends Construct {
  readonly databaseName: string;
  readonly workGroupName: string;
  readonly resultsBucket: Bucket;
  readonly tables: Readonly<Record<ArchiveKind, CfnTable>>;

  constructor(scope: Construct, id: string, props: AuditQueryProps) {
    super(scope, id);
    const { archive } = props;
    const stack = Stack.of(this);
    const stackLabel = stack.stackName.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    this.databaseName = `${stackLabel}_evidence`;
    this.workGroupName = `${stack.stackName}-evidence`;

    const database = new CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'isc-oauth-janitor evidence archive: run reports, actions and announcements' },
    });
    const table = (kind: ArchiveKind): CfnTable => {
      const location = `s3://${archive.bucket.bucketName}/${kind}/`;
      const created = new CfnTable(this, `${kind[0]?.toUpperCase()}${kind.slice(1)}Table`, {
        catalogId: stack.account,
        databaseName: this.databaseName,
        tableInput: {
          name: kind,
          description: `isc-oauth-janitor evidence: ${kind}/tenant=<tenant>/date=<YYYY-MM-DD>/<reportId> (one JSON record a line)`,
          tableType: 'EXTERNAL_TABLE',
          partitionKeys: [
            { name: 'tenant', type: 'string', comment: 'the tenant label (percent-encoded in the key when not letters, digits, - or _)' },
            { name: 'date', type: 'string', comment: 'UTC date of the run start, YYYY-MM-DD' },
          ],
          parameters: {
            classification: 'json',
            'projection.enabled': 'true',
            'projection.tenant.type': 'injected',
            'projection.date.type': 'date',
            'projection.date.format': 'yyyy-MM-dd',
            'projection.date.range': `${FIRST_DAY},NOW`,
            'projection.date.interval': '1',
            'projection.date.interval.unit': 'DAYS',
            'storage.location.template': `${location}tenant=\${tenant}/date=\${date}/`,
          },
          storageDescriptor: {
            location,
            columns: COLUMNS[kind].map(([name, type]) => ({ name, type })),
            inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
            serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'case.insensitive': 'true' } },
          },
        },
      });
      // Named, not referenced (the catalog takes a name): created after the database all the same.
      created.node.addDependency(database);
      return created;
    };
    this.tables = { reports: table('reports'), actions: table('actions'), upcoming: table('upcoming'), delivered: table('delivered') };

    this.resultsBucket = secureBucket(this, 'Results', {
      encryption: BucketEncryption.KMS,
      encryptionKey: archive.key,
      bucketKeyEnabled: true,
      serverAccessLogsBucket: archive.accessLogs,
      serverAccessLogsPrefix: 'audit-query-results/',
      lifecycleRules: [
        {
          id: 'results-expire',
          expiration: Duration.days(props.resultsExpireAfterDays ?? 30),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    Validations.of(this.resultsBucket).acknowledge({
      id: 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      reason: 'Athena query results are throw-away copies of archive data that expire after 30 days; locking them would keep what must expire. The archive itself is locked.',
    });

    const workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: 'isc-oauth-janitor: audit queries over the evidence archive',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: archive.key.keyArn },
        },
      },
    });

    for (const query of AUDIT_QUERIES) {
      const named = new CfnNamedQuery(this, `Query-${query.name}`, {
        name: query.name,
        description: `${query.description}. Parameters: ${query.parameters.join(', ')}`,
        database: this.databaseName,
        workGroup: workGroup.ref,
        queryString: query.sql,
      });
      // The database is named, not referenced: the query must not be created before it.
      named.node.addDependency(database);
    }
  }
}
