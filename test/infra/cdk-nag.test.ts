import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';

/** cdk-nag v3 is a validation plugin; `validateScope` runs the same pack `cdk synth` runs. */
function nagFindings(built: BuiltStack): string[] {
  const report = new AwsSolutionsChecks().validateScope(built.app);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? '?'}`));
}

/** Every acknowledgement in the tree: `{ path, id, reason }`. */
function acknowledgements(built: BuiltStack): { path: string; id: string; reason: string }[] {
  return built.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
      ),
  );
}

let single: BuiltStack;
let full: BuiltStack;

beforeAll(() => {
  single = buildStack();
  full = buildStackFromContext({
    reportEmails: ['owner@example.com'],
    alarmEmails: ['oncall@example.com'],
    managedSecretsKmsKey: true,
  });
});

describe('AwsSolutionsChecks on JanitorStack', () => {
  it('reports no unacknowledged finding for the default stack', () => {
    expect(nagFindings(single)).toEqual([]);
  });

  it('reports no unacknowledged finding with alarm emails and a managed-secrets key', () => {
    expect(nagFindings(full)).toEqual([]);
  });

  it('acknowledges only the known findings, each with a specific reason', () => {
    const found = acknowledgements(full);
    // cdk-nag's (AwsSolutions-*) and cfn-guard's (cdk-validator-cfnguard::*, see cfn-guard.test.ts).
    expect(found.map((a) => `${a.path} ${a.id}`).sort()).toEqual([
      'TestJanitor/Evidence/Archive/AccessLogs AwsSolutions-S1',
      'TestJanitor/Evidence/Archive/AccessLogs cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
      'TestJanitor/Evidence/Archive/AccessLogs cdk-validator-cfnguard::s3_bucket_logging_enabled_check',
      'TestJanitor/Evidence/Archive/AccessLogs cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      'TestJanitor/Evidence/Query/Results cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check',
      'TestJanitor/Fleet/Function cdk-validator-cfnguard::lambda_inside_vpc_check',
      'TestJanitor/FleetSchedule/Undelivered AwsSolutions-SQS3',
      'TestJanitor/FleetSchedule/Undelivered cdk-validator-cfnguard::sqs_dlq_check',
      'TestJanitor/Janitor/FailedRuns AwsSolutions-SQS3',
      'TestJanitor/Janitor/FailedRuns cdk-validator-cfnguard::sqs_dlq_check',
      'TestJanitor/Janitor/Function cdk-validator-cfnguard::lambda_inside_vpc_check',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::<EvidenceArchiveBucketB7C825EC.Arn>/actions/*]',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::<EvidenceArchiveBucketB7C825EC.Arn>/delivered/*]',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::<EvidenceArchiveBucketB7C825EC.Arn>/reports/*]',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::<EvidenceArchiveBucketB7C825EC.Arn>/upcoming/*]',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*]',
      'TestJanitor/Janitor/Role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/credentials/*]',
      'TestJanitor/Night/StateMachine/Role AwsSolutions-IAM5[Resource::*]',
      'TestJanitor/Rotation/Function/Function cdk-validator-cfnguard::lambda_inside_vpc_check',
      'TestJanitor/Rotation/Function/Function/SecretsManagerInvoke cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
      'TestJanitor/Rotation/Function/Role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*]',
      'TestJanitor/Rotation/Function/Role AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/credentials/*]',
    ]);
    for (const { reason } of found) expect(reason.length).toBeGreaterThan(60);
  });

  it('still catches a finding added to the stack (the pack really runs on this app)', () => {
    const built = buildStack();
    new Queue(built.stack, 'Unprotected');
    expect(nagFindings(built)).toEqual([
      'AwsSolutions-SQS3 at TestJanitor/Unprotected/Resource',
      'AwsSolutions-SQS4 at TestJanitor/Unprotected/Resource',
    ]);
  });
});
