import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';
import { resolveJoin } from './resolve-join.js';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** Every option changed from its default, from `-c`-style string context. */
let built: BuiltStack;

beforeAll(() => {
  built = buildStackFromContext({
    reportEmails: 'a@example.com,b@example.com',
    alarmEmails: '["oncall@example.com"]',
    timeoutMinutes: '10',
    fleetConcurrency: '20',
    reservedConcurrency: 'none',
    logRetentionDays: '30',
    rotationSecretPrefix: 'janitor/clients/',
    credentialsSecretPrefix: 'janitor/isc/',
    managedSecretsKmsKey: 'true',
  });
});

function resources(b: BuiltStack, type: string): { Properties: Record<string, unknown> }[] {
  return Object.values(b.template.findResources(type)) as { Properties: Record<string, unknown> }[];
}

/** `cdk synth` as the CLI runs the app: context through CDK_CONTEXT_JSON, a fresh output directory. */
function synthApp(context: Record<string, unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'synth-')) };
    execFile(TSX, ['bin/app.ts'], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
  });
}

describe('JanitorStack: constant infrastructure', () => {
  it('names no tenant anywhere: the registry is data, so the template is the same for 0, 1 or 1,000 tenants', () => {
    const first = buildStack();
    const second = buildStack();
    expect(second.template.toJSON()).toEqual(first.template.toJSON());
    const text = JSON.stringify(first.template.toJSON());
    expect(text).not.toMatch(/acme|Tenant-|tenants\[/);
    // The whole stack, pinned: a per-tenant resource can only come back by changing this number.
    expect(Object.keys(first.template.toJSON().Resources as object)).toHaveLength(60);
    expect(resources(first, 'AWS::Scheduler::Schedule')).toHaveLength(1);
    expect(resources(first, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
    expect(resources(first, 'AWS::CloudWatch::Alarm')).toHaveLength(11);
    expect(resources(first, 'AWS::SecretsManager::Secret')).toHaveLength(0);
  });

  it('applies the concurrency, timeout, no reservation, retention and both secret prefixes', () => {
    const janitor = resources(built, 'AWS::Lambda::Function').find((fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.REPORT_TOPIC_ARN);
    expect(janitor!.Properties.Timeout).toBe(600);
    expect(janitor!.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect((janitor!.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      ROTATION_SECRET_PREFIX: 'janitor/clients/',
      CREDENTIALS_SECRET_PREFIX: 'janitor/isc/',
      ROTATION_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(built.stack.node.findChild('ManagedSecretsKey')), 'Arn'] },
    });
    const definition = JSON.parse(resolveJoin(resources(built, 'AWS::StepFunctions::StateMachine')[0]!.Properties.DefinitionString)) as {
      States: { RunTenants: { MaxConcurrency: number; ItemProcessor: { States: { RunTenant: { TimeoutSeconds: number } } } } };
    };
    expect(definition.States.RunTenants.MaxConcurrency).toBe(20);
    expect(definition.States.RunTenants.ItemProcessor.States.RunTenant.TimeoutSeconds).toBe(660);
    for (const group of resources(built, 'AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
    const policies = JSON.stringify(resources(built, 'AWS::IAM::Policy'));
    expect(policies).toContain(':secret:janitor/isc/*');
    expect(policies).toContain(':secret:janitor/clients/*');
  });

  it('sends every alarm to a separate alarm topic mailed to alarmEmails', () => {
    expect(resources(built, 'AWS::SNS::Topic')).toHaveLength(2);
    expect(resources(built, 'AWS::SNS::Subscription').map((s) => s.Properties.Endpoint).sort()).toEqual(['a@example.com', 'b@example.com', 'oncall@example.com']);
    const alarmTopic = logicalId(built.stack.node.findChild('Alarms').node.findChild('Topic'));
    const alarms = resources(built, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(11);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
  });
});

describe('bin/app.ts with bad context', () => {
  it('refuses a tenants list left in cdk.json with our message, pointing to tenants import, and no stack trace', async () => {
    const result = await synthApp({ tenants: [{ name: 'acme', schedule: 'cron(0 2 * * ? *)' }] });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid CDK context: tenants: tenants are no longer deployed from cdk.json;.*tenants import --from cdk.json/);
    expect(result.stderr).not.toMatch(/^\s+at |aws-cdk-lib/m);
  });

  it('names a misspelt key with the key it probably meant, and no stack trace', async () => {
    const result = await synthApp({ reportEmail: 'team@example.com' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid CDK context: reportEmail: not a key of isc-oauth-janitor\. Did you mean reportEmails\? Its keys: reportEmails, /);
    expect(result.stderr).not.toMatch(/^\s+at |aws-cdk-lib/m);
  });

  it('names a bad value with our message, and no stack trace', async () => {
    const result = await synthApp({ fleetConcurrency: 'lots', reportEmails: 'nope' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid CDK context: reportEmails[0]: "nope" is not a valid email address; fleetConcurrency: must be a number of tenant runs at once, 1-40',
    );
  });
});
