import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AuditQuery } from './audit-query.js';
import { failureAlarm } from './failure-alarm.js';
import type { JanitorFunction } from './janitor-function.js';
import { janitorMetric } from './janitor-metric.js';
import { ReportArchive, type ArchiveLockMode } from './report-archive.js';

export interface EvidenceProps {
  /** The function whose runs are archived: it gets the bucket in its environment and may write and read there. */
  readonly janitor: JanitorFunction;
  /** @default 400 */
  readonly retentionDays?: number;
  /** @default 'GOVERNANCE' */
  readonly lockMode?: ArchiveLockMode;
  /** Where the ArchiveWriteFailed alarm notifies. */
  readonly alarmTopic: ITopic;
}

/**
 * The evidence an auditor relies on, wired to the janitor: the archive every run writes to
 * (REPORT_ARCHIVE_BUCKET), Athena over it, an alarm when a run's report could not be archived,
 * and the stack outputs that name the bucket, the workgroup and the database. The function also
 * reads the archive (earlier announcements of personal access token deletions).
 */
export class Evidence extends Construct {
  readonly archive: ReportArchive;
  readonly audit: AuditQuery;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: EvidenceProps) {
    super(scope, id);
    this.archive = new ReportArchive(this, 'Archive', {
      ...(props.retentionDays === undefined ? {} : { retentionDays: props.retentionDays }),
      ...(props.lockMode === undefined ? {} : { lockMode: props.lockMode }),
    });
    this.audit = new AuditQuery(this, 'Query', { archive: this.archive });

    const { janitor } = props;
    janitor.function.addEnvironment('REPORT_ARCHIVE_BUCKET', this.archive.bucket.bucketName);
    janitor.function.addEnvironment('REPORT_ARCHIVE_KMS_KEY_ID', this.archive.key.keyArn);
    this.archive.grantWrite(janitor.role);
    this.archive.grantRead(janitor.role);

    this.alarm = failureAlarm(this, 'ArchiveWriteFailedAlarm', {
      // The fleet-wide series (no Tenant): one alarm for every tenant.
      metric: janitorMetric('ArchiveWriteFailed', undefined, { period: Duration.hours(1) }),
      description:
        `isc-oauth-janitor: a run's report could not be written to the evidence archive (${this.archive.bucket.bucketName}). ` +
        'The run still published its report: that email (its warning names the error) is the only record of the run, keep it. ' +
        `Search the log group ${janitor.logGroup.logGroupName} for "report archive write failed".`,
      topic: props.alarmTopic,
    });

    const stack = Stack.of(this);
    new CfnOutput(stack, 'ReportArchiveBucket', { value: this.archive.bucket.bucketName, description: 'Evidence archive: every run report (npm run janitor -- history --archive-bucket ...)' });
    new CfnOutput(stack, 'AuditWorkGroup', { value: this.audit.workGroupName, description: 'Athena workgroup with the saved audit queries' });
    new CfnOutput(stack, 'AuditDatabase', { value: this.audit.databaseName, description: 'Glue database of the evidence archive (tables reports, actions, upcoming, delivered)' });
  }
}
