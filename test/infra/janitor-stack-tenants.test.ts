import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';
import { resolveJoin } from './resolve-join.js';

const IMPORTED_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc/acme-sb-AbCdEf';
const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** Two tenants from `-c`-style string context, with every option changed from its default. */
let built: BuiltStack;

beforeAll(() => {
  built = buildStackFromContext({
    tenants: JSON.stringify([
      { name: 'acme', schedule: 'cron(30 1 ? * MON-FRI *)', timeZone: 'Europe/Berlin' },
      { name: 'acme-sb', credentialsSecretArn: IMPORTED_ARN, schedule: '03:15', timeZone: 'America/New_York', policy: { rotation: { enabled: true, names: ['^ci-'] } } },
    ]),
    reportEmails: 'a@example.com,b@example.com',
    alarmEmails: '["oncall@example.com"]',
    timeoutMinutes: '10',
    reservedConcurrency: 'none',
    logRetentionDays: '30',
    rotationSecretPrefix: 'janitor/',
    managedSecretsKmsKey: 'true',
  });
});

function resources(type: string): { Properties: Record<string, unknown> }[] {
  return Object.values(built.template.findResources(type)) as { Properties: Record<string, unknown> }[];
}

describe('JanitorStack with two tenants', () => {
  it('schedules each tenant with its own cron, time zone and event', () => {
    const schedules = resources('AWS::Scheduler::Schedule').map((s) => ({
      expression: s.Properties.ScheduleExpression,
      timeZone: s.Properties.ScheduleExpressionTimezone,
      input: JSON.parse(resolveJoin((s.Properties.Target as { Input: unknown }).Input)) as unknown,
    }));
    expect(schedules).toEqual([
      { expression: 'cron(30 1 ? * MON-FRI *)', timeZone: 'Europe/Berlin', input: { tenant: 'acme', credentialsSecretId: `<${logicalId(built.stack.tenants[0]!.secret)}>` } },
      {
        expression: 'cron(15 3 * * ? *)',
        timeZone: 'America/New_York',
        input: { tenant: 'acme-sb', credentialsSecretId: IMPORTED_ARN, policy: { rotation: { enabled: true, names: ['^ci-'] } } },
      },
    ]);
  });

  it('creates a secret only for the tenant without an ARN and reads each secret by its own ARN', () => {
    built.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const role = logicalId(built.stack.janitor.role);
    const [policy] = resources('AWS::IAM::Policy').filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]));
    const reads = (policy!.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement.filter(
      (s) => s.Action === 'secretsmanager:GetSecretValue',
    );
    // One statement (CDK merges same-action statements), naming exactly the two tenants' secrets.
    expect(reads.map((s) => s.Resource)).toEqual([[IMPORTED_ARN, { Ref: logicalId(built.stack.tenants[0]!.secret) }]]);
  });

  it('applies timeout, no reservation, retention, rotation prefix and the managed-secrets key', () => {
    const [fn] = resources('AWS::Lambda::Function');
    expect(fn!.Properties.Timeout).toBe(600);
    expect(fn!.Properties.ReservedConcurrentExecutions).toBeUndefined();
    built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const key = logicalId(built.stack.node.findChild('ManagedSecretsKey'));
    expect((fn!.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      ROTATION_SECRET_PREFIX: 'janitor/',
      ROTATION_KMS_KEY_ID: { 'Fn::GetAtt': [key, 'Arn'] },
      TENANT_NAME: 'acme',
    });
    built.template.hasResourceProperties('AWS::KMS::Key', { Description: Match.stringLikeRegexp('managed OAuth client secrets'), EnableKeyRotation: true });
    built.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: Match.arrayWith([{ 'Fn::GetAtt': [key, 'Arn'] }]) },
        ]),
      },
    });
    built.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':secret:janitor/*'])] }) })]) },
    });
  });

  it('sends alarms to a separate alarm topic mailed to alarmEmails', () => {
    built.template.resourceCountIs('AWS::SNS::Topic', 2);
    const subscriptions = resources('AWS::SNS::Subscription').map((s) => s.Properties.Endpoint).sort();
    expect(subscriptions).toEqual(['a@example.com', 'b@example.com', 'oncall@example.com']);
    const alarms = resources('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(7);
    const alarmTopic = logicalId(built.stack.node.findChild('Alarms').node.findChild('Topic'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: alarmTopic }]);
  });

  it('builds one dashboard and one set of outputs per tenant', () => {
    expect(resources('AWS::CloudWatch::Dashboard').map((d) => d.Properties.DashboardName)).toEqual(['TestJanitor-acme', 'TestJanitor-acme-sb']);
    const outputs = built.template.findOutputs('*') as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['AcmeSecretArn', 'AcmePutPat', 'AcmeSbSecretArn', 'AcmeSbDashboardUrl', 'AcmeSbDryRunCommand']));
    expect(outputs.AcmeSbPutPat).toBeUndefined();
    expect(outputs.AcmeSbSecretArn!.Value).toBe(IMPORTED_ARN);
    // Not the default tenant: the command names its secret so the run reads the right credentials.
    expect(resolveJoin(outputs.AcmeSbDryRunCommand!.Value)).toContain(`--payload '{"dryRun":true,"tenant":"acme-sb","credentialsSecretId":"${IMPORTED_ARN}"}'`);
  });
});

describe('JanitorStack with a partial secret ARN', () => {
  it('grants GetSecretValue on the ARN plus the six-character suffix Secrets Manager adds', () => {
    const { template } = buildStack({ tenants: [{ name: 'acme', credentialsSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme' }] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-??????' }]),
      },
    });
  });

  it('refuses invalid props the same way as invalid context', () => {
    expect(() => buildStack({ tenants: [{ name: 'acme', timeZone: 'Mars/Base' }] })).toThrow(
      'Invalid JanitorStack props: tenants[0].timeZone: "Mars/Base" is not an IANA time zone',
    );
  });
});
