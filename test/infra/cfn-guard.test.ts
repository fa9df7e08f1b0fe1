import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App} from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { RetentionDays, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT, VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { JanitorStack } from '../../lib/janitor-stack.js';
import { GUARD_RULES_DIR } from '../../lib/policy-validation.js';
import { newApp } from './build-janitor-stack.js';

interface GuardRun {
  /** `rule at construct path` of every finding that would fail synth. */
  readonly violations: string[];
  /** `rule at construct path` of every acknowledged finding, with the reason next to it. */
  readonly acknowledged: { readonly finding: string; readonly reason: string }[];
}

interface ReportedViolation {
  readonly ruleName: string;
  readonly reason?: string;
  readonly violatingConstructs: readonly { readonly constructPath?: string }[];
}

/**
 * cfn-guard with the Control Tower rules and ours, run the way `cdk synth` runs it (a validation
 * plugin, acknowledgements applied by the CDK), reading the validation report synth writes.
 * Synth is told not to fail here, so a test can look at a stack that has findings.
 */
function guard(build: (app: App) => JanitorStack): GuardRun {
  const app = newApp({ [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false }, false);
  build(app);
  Validations.of(app).addPlugins(new CfnGuardValidator({ rules: [GUARD_RULES_DIR] }));
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as {
    pluginReports: { pluginName: string; violations: ReportedViolation[]; suppressedViolations: ReportedViolation[] }[];
  };
  const guardReport = report.pluginReports.find((plugin) => plugin.pluginName === 'cdk-validator-cfnguard');
  if (!guardReport) throw new Error('cfn-guard did not report: the plugin did not run');
  const findings = (v: ReportedViolation) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath ?? '?'}`);
  return {
    violations: guardReport.violations.flatMap(findings).sort(),
    acknowledged: guardReport.suppressedViolations.flatMap((v) => findings(v).map((finding) => ({ finding, reason: v.reason ?? '' }))).sort((a, b) => a.finding.localeCompare(b.finding)),
  };
}

const defaultStack = (app: App) => new JanitorStack(app, 'TestJanitor');

/** A synth and a cfn-guard process each: seconds apiece, tens of seconds on a loaded machine. */
const SLOW = { timeout: 180_000 };

describe('cfn-guard (AWS Control Tower proactive controls) on JanitorStack', () => {
  it('finds nothing unacknowledged, and only the known findings are acknowledged, each with its reason', SLOW, () => {
    const run = guard(defaultStack);

    expect(run.violations).toEqual([]);
    expect(run.acknowledged.map((a) => a.finding)).toEqual([
      'lambda_function_public_access_prohibited_check at TestJanitor/Rotation/Function/Function/SecretsManagerInvoke',
      'lambda_inside_vpc_check at TestJanitor/Fleet/Function/Resource',
      'lambda_inside_vpc_check at TestJanitor/Janitor/Function/Resource',
      'lambda_inside_vpc_check at TestJanitor/Rotation/Function/Function/Resource',
      's3_bucket_default_encryption_kms_check at TestJanitor/Evidence/Archive/AccessLogs/Resource',
      's3_bucket_logging_enabled_check at TestJanitor/Evidence/Archive/AccessLogs/Resource',
      's3_bucket_object_lock_enabled_check at TestJanitor/Evidence/Archive/AccessLogs/Resource',
      's3_bucket_object_lock_enabled_check at TestJanitor/Evidence/Query/Results/Resource',
      'sqs_dlq_check at TestJanitor/FleetSchedule/Undelivered/Resource',
      'sqs_dlq_check at TestJanitor/Janitor/FailedRuns/Resource',
    ]);
    for (const { reason } of run.acknowledged) expect(reason.length).toBeGreaterThan(60);
  });

  it('fails on what the issue found (short, unencrypted logs; a secret on the default key), so the rules really run', SLOW, () => {
    const run = guard((app) => {
      const stack = defaultStack(app);
      new LogGroup(stack, 'Plain', { retention: RetentionDays.THREE_MONTHS });
      new Secret(stack, 'OnTheDefaultKey');
      return stack;
    });

    expect(run.violations).toEqual([
      'cloudwatch_log_group_encrypted_check at TestJanitor/Plain/Resource',
      'cloudwatch_log_group_retention_period_check at TestJanitor/Plain/Resource',
      'secrets_manager_secret_customer_key_check at TestJanitor/OnTheDefaultKey/Resource',
    ]);
  });

  it('records a shorter log retention chosen in the context as an acknowledged finding that names the choice', SLOW, () => {
    const run = guard((app) => new JanitorStack(app, 'TestJanitor', { logRetention: RetentionDays.ONE_MONTH }));

    expect(run.violations).toEqual([]);
    const retention = run.acknowledged.filter((a) => a.finding.startsWith('cloudwatch_log_group_retention_period_check'));
    expect(retention.map((a) => a.finding)).toEqual([
      'cloudwatch_log_group_retention_period_check at TestJanitor/Fleet/Logs/Resource',
      'cloudwatch_log_group_retention_period_check at TestJanitor/Janitor/Logs/Resource',
      'cloudwatch_log_group_retention_period_check at TestJanitor/Night/Logs/Resource',
      'cloudwatch_log_group_retention_period_check at TestJanitor/Rotation/Function/Logs/Resource',
    ]);
    expect(retention[0]?.reason).toContain('Log retention set to 30 days by the logRetentionDays context');
  });
});
