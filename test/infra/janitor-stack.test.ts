import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SUBSCRIPTION_ACTIONS } from '../../lambdas/adapters/report/sns-report-subscriptions.js';
import { fleetDefinition } from '../../lib/fleet-definition.js';
import { REGISTRY_WRITES, WRITE_RETURN_VALUES } from '../../lib/tenant-registry-table.js';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';
import { resolveJoin } from './resolve-join.js';

/** Every default, real esbuild bundling (the shape `cdk synth` deploys). */
let built: BuiltStack;
const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  built = buildStack({ reportEmails: ['owner@example.com'] }, { bundle: true });
}, 120_000); // two esbuild bundles and a synth: generous, because a loaded machine is slow

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };
function resourcesOf(type: string): Record<string, Resource> {
  return built.template.findResources(type) as Record<string, Resource>;
}
function statementsOf(role: IConstruct): unknown[] {
  const policies = Object.values(resourcesOf('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalId(role) }]));
  expect(policies).toHaveLength(1);
  return (policies[0]!.Properties.PolicyDocument as { Statement: unknown[] }).Statement;
}
/** An UpdateItem on the registry limited to `attributes` (registry-writes.test.ts checks them against the code). */
const registryWrite = (attributes: readonly string[]) => ({
  Action: 'dynamodb:UpdateItem',
  Effect: 'Allow',
  Resource: { 'Fn::GetAtt': [logicalId(built.stack.registry.table), 'Arn'] },
  Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...attributes] }, StringEqualsIfExists: { 'dynamodb:ReturnValues': [...WRITE_RETURN_VALUES] } },
});
const REGISTRY_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

describe('JanitorStack functions', () => {
  it('runs the janitor on Node.js 24, arm64, 512 MB, a 5 minute timeout and reserved executions for two ticks\' tenants in flight', () => {
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 300,
      ReservedConcurrentExecutions: 20,
      Handler: 'index.handler',
      Environment: { Variables: Match.objectLike({ TENANT_REGISTRY_TABLE: Match.anyValue() }) },
    });
  });

  it('bundles the janitor, the fleet and the rotation function locally, each into one ESM file with its source map', () => {
    const functions = Object.values(resourcesOf('AWS::Lambda::Function'));
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      const hash = String((fn.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
      expect(readdirSync(join(built.app.synth().directory, `asset.${hash}`)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    }
  });

  it('gives the janitor the registry, not a tenant: no credentials secret or tenant name in its environment', () => {
    const { stack } = built;
    const [janitor] = Object.entries(resourcesOf('AWS::Lambda::Function')).filter(([id]) => id === logicalId(stack.janitor.function)).map(([, r]) => r);
    expect((janitor!.Properties.Environment as { Variables: unknown }).Variables).toEqual({
      REPORT_TOPIC_ARN: { Ref: logicalId(stack.reportTopic.topic) },
      JANITOR_POLICY: '{}',
      POWERTOOLS_SERVICE_NAME: 'isc-oauth-janitor',
      POWERTOOLS_METRICS_NAMESPACE: 'IscOAuthJanitor',
      ROTATION_SECRET_PREFIX: 'isc-oauth-janitor/clients/',
      TENANT_REGISTRY_TABLE: { Ref: logicalId(stack.registry.table) },
      CREDENTIALS_SECRET_PREFIX: 'isc-oauth-janitor/credentials/',
      ISC_MAX_RESPONSE_MB: '64',
      NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=16',
      ROTATION_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(stack.node.findChild('ManagedSecretsKey')), 'Arn'] },
      REPORT_ARCHIVE_BUCKET: { Ref: logicalId(stack.evidence.archive.bucket) },
      REPORT_ARCHIVE_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(stack.evidence.archive.key), 'Arn'] },
      ROTATION_FUNCTION_ARN: { 'Fn::GetAtt': [logicalId(stack.rotation.function.function), 'Arn'] },
      CREDENTIALS_ROTATION_DAYS: '60',
    });
  });

  it('logs each function to its own log group kept a year on the logs key; only async janitor runs have a failure queue', () => {
    const logsKey = { 'Fn::GetAtt': [logicalId(built.stack.node.findChild('LogsKey')), 'Arn'] };
    expect(Object.values(resourcesOf('AWS::Logs::LogGroup')).map((g) => g.Properties)).toEqual([
      { RetentionInDays: 365, KmsKeyId: logsKey },
      { RetentionInDays: 365, KmsKeyId: logsKey },
      { RetentionInDays: 365, KmsKeyId: logsKey },
      { RetentionInDays: 365, KmsKeyId: logsKey },
    ]);
    const queue = logicalId(built.stack.janitor.deadLetterQueue!);
    built.template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    built.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    expect(built.stack.fleetFunction.deadLetterQueue).toBeUndefined();
  });
});

describe('JanitorStack tenant registry', () => {
  it('is one DynamoDB table: on demand, point-in-time recovery, a rotating customer key, kept when the stack goes', () => {
    const [table] = Object.values(resourcesOf('AWS::DynamoDB::Table'));
    expect(table!.Properties).toEqual({
      AttributeDefinitions: [{ AttributeName: 'tenant', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'tenant', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(built.stack.registry.key), 'Arn'] }, SSEEnabled: true, SSEType: 'KMS' },
      DeletionProtectionEnabled: true,
    });
    expect(table!.DeletionPolicy).toBe('Retain');
    built.template.hasResourceProperties('AWS::KMS::Key', { Description: 'isc-oauth-janitor: encrypts the tenant registry', EnableKeyRotation: true });
  });
});

describe('JanitorStack IAM', () => {
  it('grants the janitor exactly what the code calls: credentials by prefix, the registry item calls, report, managed secrets, the archive', () => {
    const { stack } = built;
    const statements = statementsOf(stack.janitor.role);
    const archiveBucket = { 'Fn::GetAtt': [logicalId(stack.evidence.archive.bucket), 'Arn'] };
    const keyArn = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.janitor.logGroup), 'Arn'] } },
      { Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.janitor.deadLetterQueue!), 'Arn'] } },
      { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: logicalId(stack.reportTopic.topic) } },
      // The report topic's, the managed secrets' and the archive's keys: data keys to write, decrypt to read.
      {
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Effect: 'Allow',
        Resource: [keyArn(stack.evidence.archive.key), keyArn(stack.node.findChild('ManagedSecretsKey')), keyArn(stack.node.findChild('TopicKey'))],
      },
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: expect.anything() },
      {
        Action: ['secretsmanager:CreateSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:TagResource'],
        Effect: 'Allow',
        Resource: expect.anything(),
      },
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.table), 'Arn'] } },
      registryWrite(REGISTRY_WRITES.run),
      { Action: REGISTRY_KEY_ACTIONS, Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.key), 'Arn'] } },
      // Secrets Manager rotation: turning it on (the function must be invocable by the caller) and reading its state.
      { Action: ['secretsmanager:DescribeSecret', 'secretsmanager:RotateSecret'], Effect: 'Allow', Resource: [expect.anything(), expect.anything()] },
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.rotation.function.function), 'Arn'] } },
      // Put and get under the archive's four prefixes only: no delete, no retention or lifecycle change.
      {
        Action: ['s3:GetObject', 's3:PutObject'],
        Effect: 'Allow',
        Resource: ['actions', 'delivered', 'reports', 'upcoming'].map((prefix) => ({ 'Fn::Join': ['', [archiveBucket, `/${prefix}/*`]] })),
      },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: archiveBucket },
    ]);
    expect((statements.find((statement) => JSON.stringify(statement).includes('RotateSecret'))! as { Resource: unknown[] }).Resource.map(resolveJoin)).toEqual([
      // CDK's policy minimizer orders them.
      'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*',
      'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/credentials/*',
    ]);
    const secretArn = (index: number) => resolveJoin((statements[index] as { Resource: unknown }).Resource);
    expect(secretArn(4)).toBe('arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/credentials/*');
    expect(secretArn(5)).toBe('arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*');
  });

  it('lets the fleet function only scan the registry, claim days and reconcile the report subscriptions, and nothing else', () => {
    const { stack } = built;
    expect(statementsOf(stack.fleetFunction.role)).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.fleetFunction.logGroup), 'Arn'] } },
      { Action: 'dynamodb:Scan', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.table), 'Arn'] } },
      registryWrite(REGISTRY_WRITES.pick),
      { Action: REGISTRY_KEY_ACTIONS, Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.key), 'Arn'] } },
      { Action: [...REPORT_SUBSCRIPTION_ACTIONS].sort(), Effect: 'Allow', Resource: { Ref: logicalId(stack.reportTopic.topic) } },
    ]);
  });

  it('lets the state machine invoke exactly its two functions, and the schedule only start it', () => {
    const { stack } = built;
    expect(statementsOf(stack.fleet.stateMachine.role)).toContainEqual({
      Action: 'lambda:InvokeFunction',
      Effect: 'Allow',
      Resource: [{ 'Fn::GetAtt': [logicalId(stack.fleetFunction.function), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack.janitor.function), 'Arn'] }],
    });
    expect(statementsOf(stack.schedule.role)).toEqual([
      { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: logicalId(stack.fleet.stateMachine) } },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.schedule.deadLetterQueue), 'Arn'] } },
    ]);
    built.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) } })],
      },
    });
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const role of Object.values(resourcesOf('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('JanitorStack night', () => {
  it('starts the state machine every 15 minutes from one schedule, with retries and a dead-letter queue', () => {
    const schedules = Object.values(resourcesOf('AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { Ref: logicalId(built.stack.fleet.stateMachine) },
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(built.stack.schedule.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('deploys the tested definition, the functions substituted in, logging every transition without data, traced', () => {
    const { stack } = built;
    const [machine] = Object.values(resourcesOf('AWS::StepFunctions::StateMachine'));
    expect(JSON.parse(resolveJoin(machine!.Properties.DefinitionString))).toEqual(fleetDefinition({ maxConcurrency: 10, janitorTimeoutSeconds: 300 }));
    expect(machine!.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      DefinitionSubstitutions: {
        FleetFunctionArn: { 'Fn::GetAtt': [logicalId(stack.fleetFunction.function), 'Arn'] },
        JanitorFunctionArn: { 'Fn::GetAtt': [logicalId(stack.janitor.function), 'Arn'] },
      },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('JanitorStack alarms and dashboard', () => {
  it('alarms over all tenants: failed actions, blocked runs, failed tenant runs, failed archive writes, failed ticks, function errors, both queues, rotations, PAT expiry', () => {
    const alarms = Object.values(resourcesOf('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(11);
    const fleetWide = alarms.filter((a) => a.Properties.Namespace === 'IscOAuthJanitor');
    expect(fleetWide.map((a) => a.Properties.MetricName).sort()).toEqual([
      'ActionsFailed',
      'ArchiveWriteFailed',
      'CredentialDaysToExpiry',
      'CredentialRotationFailures',
      'RunBlocked',
      'TenantRunsFailed',
    ]);
    for (const alarm of fleetWide) expect(alarm.Properties.Dimensions).toEqual([{ Name: 'service', Value: 'isc-oauth-janitor' }]);
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/States', MetricName: 'ExecutionsFailed', Statistic: 'Sum' });
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors' });
    // The PAT's days to expiry breach downwards: 30 days or fewer left on the soonest PAT.
    const expiry = fleetWide.find((a) => a.Properties.MetricName === 'CredentialDaysToExpiry')!;
    expect(expiry.Properties).toMatchObject({ Threshold: 30, ComparisonOperator: 'LessThanOrEqualToThreshold', Statistic: 'Minimum', TreatMissingData: 'notBreaching' });
    for (const alarm of alarms) {
      if (alarm === expiry) continue;
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(built.stack.reportTopic.topic) }]);
      // Each one says where to look.
      expect(resolveJoin(alarm.Properties.AlarmDescription)).toMatch(/see|search|queue|report|log group|execution/i);
    }
  });

  it('draws one dashboard: the fleet on top, below it one tenant chosen with a selector on the Tenant dimension', () => {
    const dashboards = Object.values(resourcesOf('AWS::CloudWatch::Dashboard'));
    expect(dashboards.map((d) => d.Properties.DashboardName)).toEqual(['TestJanitor-fleet']);
    const body = JSON.parse(resolveJoin(dashboards[0]!.Properties.DashboardBody)) as { variables: unknown[]; widgets: { properties: { metrics?: unknown[][] } }[] };
    expect(body.variables).toEqual([
      expect.objectContaining({
        type: 'property',
        property: 'Tenant',
        inputType: 'select',
        id: 'tenant',
        search: expect.stringContaining('IscOAuthJanitor'),
        populateFrom: 'Tenant',
      }),
    ]);
    const metrics = body.widgets.flatMap((w) => w.properties.metrics ?? []).map((m) => m.filter((part) => typeof part === 'string').join(' '));
    for (const name of ['ClientsTotal', 'ClientsStale', 'ClientsNeverUsed', 'ClientsDisabled', 'ClientsDeleted', 'ClientsRotated', 'RunDuration']) {
      expect(metrics).toContainEqual(expect.stringContaining(`IscOAuthJanitor ${name} Tenant selected-tenant service isc-oauth-janitor`));
    }
    expect(metrics).toContain('IscOAuthJanitor TenantRunsFailed service isc-oauth-janitor');
    expect(metrics).toContain('IscOAuthJanitor CredentialDaysToExpiry service isc-oauth-janitor');
    expect(metrics).toContain('IscOAuthJanitor CredentialRotationFailures service isc-oauth-janitor');
  });
});

describe('JanitorStack rotation function', () => {
  it('runs the four rotation steps: its own entry, a 2 minute timeout, no reservation, no async failure queue', () => {
    const { stack } = built;
    const [rotation] = Object.entries(resourcesOf('AWS::Lambda::Function')).filter(([id]) => id === logicalId(stack.rotation.function.function)).map(([, r]) => r);
    expect(rotation!.Properties).toMatchObject({ Timeout: 120, Runtime: 'nodejs24.x', Environment: { Variables: { TENANT_REGISTRY_TABLE: { Ref: logicalId(stack.registry.table) } } } });
    expect(rotation!.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(stack.rotation.function.deadLetterQueue).toBeUndefined();
  });

  it('may be invoked by Secrets Manager of this account only', () => {
    built.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      FunctionName: { 'Fn::GetAtt': [logicalId(built.stack.rotation.function.function), 'Arn'] },
    });
  });

  it('may do exactly what the steps do, on the credentials and managed secrets, and list the registry', () => {
    const { stack } = built;
    const statements = statementsOf(stack.rotation.function.role);
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.rotation.function.logGroup), 'Arn'] } },
      { Action: ['dynamodb:GetItem', 'dynamodb:Scan'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.table), 'Arn'] } },
      { Action: ['kms:Decrypt', 'kms:DescribeKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.registry.key), 'Arn'] } },
      {
        Action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:TagResource',
          'secretsmanager:UntagResource',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        Effect: 'Allow',
        Resource: [expect.anything(), expect.anything()],
      },
      // The managed secrets' key: a data key to write a successor's secret, decrypt to read one.
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.node.findChild('ManagedSecretsKey')), 'Arn'] } },
    ]);
    expect((statements[3] as { Resource: unknown[] }).Resource.map(resolveJoin)).toEqual([
      // CDK's policy minimizer orders them.
      'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*',
      'arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/credentials/*',
    ]);
  });

  it('tells the janitor how often to rotate the credentials secrets (cdk.json credentialsRotationDays)', () => {
    const rotated = buildStack({ credentialsRotationDays: 30 });
    rotated.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CREDENTIALS_ROTATION_DAYS: '30', ROTATION_FUNCTION_ARN: Match.anyValue() }) },
    });
  });
});

describe('JanitorStack memory (cdk.json janitorMemoryMb)', () => {
  it('gives the janitor the memory cdk.json names, and a cap on each ISC response body that fits in it', () => {
    const roomy = buildStackFromContext({ janitorMemoryMb: 1024 });
    roomy.template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Environment: { Variables: Match.objectLike({ ISC_MAX_RESPONSE_MB: '128', TENANT_REGISTRY_TABLE: Match.anyValue() }) },
    });
  });
});

describe('JanitorStack chat notices (cdk.json chatTopicArn)', () => {
  const CHAT = 'arn:aws:sns:eu-west-1:123456789012:team-isc-channel';

  it('hands the janitor the chat topic and lets it publish there, and nowhere else it did not already', () => {
    const chat = buildStackFromContext({ chatTopicArn: CHAT });
    const janitor = logicalId(chat.stack.janitor.function);
    const fn = chat.template.findResources('AWS::Lambda::Function')[janitor] as Resource;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.CHAT_TOPIC_ARN).toBe(CHAT);
    const policies = Object.values(chat.template.findResources('AWS::IAM::Policy')) as Resource[];
    const list = (value: unknown) => (Array.isArray(value) ? value : [value]);
    const publishes = policies
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement)
      .filter((statement) => list(statement.Resource).includes(CHAT));
    expect(publishes.map((statement) => statement.Action)).toEqual(['sns:Publish']);
  });

  it('sets no CHAT_TOPIC_ARN without the key, and refuses a value that is no topic ARN, naming the key', () => {
    const [janitor] = Object.entries(resourcesOf('AWS::Lambda::Function')).filter(([id]) => id === logicalId(built.stack.janitor.function));
    expect((janitor![1].Properties.Environment as { Variables: Record<string, unknown> }).Variables).not.toHaveProperty('CHAT_TOPIC_ARN');
    expect(() => buildStackFromContext({ chatTopicArn: 'https://hooks.slack.com/services/T0/B0/X' })).toThrow(/chatTopicArn: must be an SNS topic ARN/);
  });
});

describe('JanitorStack owner notices (cdk.json ownerNoticesIdentity)', () => {
  it('lets the janitor send email from the configured SES identity only, and tells it which', () => {
    const noticed = buildStackFromContext({ ownerNoticesIdentity: 'janitor@example.com' });
    const fn = noticed.template.findResources('AWS::Lambda::Function')[logicalId(noticed.stack.janitor.function)] as Resource;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.OWNER_NOTICES_IDENTITY).toBe('janitor@example.com');
    const statements = (Object.values(noticed.template.findResources('AWS::IAM::Policy')) as Resource[]).flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
    const ses = statements.filter((statement) => JSON.stringify(statement.Action).includes('ses:'));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe('ses:SendEmail');
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/:identity\/janitor@example\.com"/);
  });

  it('grants no SES action without the key, and refuses a wildcard identity naming the key', () => {
    const statements = (Object.values(resourcesOf('AWS::IAM::Policy')) as Resource[]).flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement);
    expect(JSON.stringify(statements.map((statement) => statement.Action))).not.toContain('ses:');
    expect(() => buildStackFromContext({ ownerNoticesIdentity: '*@example.com' })).toThrow(/ownerNoticesIdentity: must be an email address or a domain/);
  });
});

describe('JanitorStack report topic', () => {
  it('is encrypted with a rotating customer-managed key that CloudWatch alarms may use', () => {
    const key = logicalId(built.stack.node.findChild('TopicKey'));
    built.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    built.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  it('refuses publishing without TLS, and lets this account\'s CloudWatch alarms publish (alarm-delivery.test.ts walks every alarm)', () => {
    built.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AllowCloudWatchAlarmsToPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ],
      },
    });
  });

  it('subscribes the report emails', () => {
    built.template.resourceCountIs('AWS::SNS::Subscription', 1);
    built.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.com' });
  });
});

describe('JanitorStack outputs', () => {
  it('names the function, topic, registry, state machine, dashboard, and how to add a tenant and try a dry run', () => {
    const outputs = built.template.findOutputs('*') as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual([
      'AddTenantCommand',
      'AuditDatabase',
      'AuditWorkGroup',
      'DashboardUrl',
      'DryRunCommand',
      'FunctionName',
      'RegistryTableName',
      'ReportArchiveBucket',
      'ReportTopicArn',
      'StateMachineArn',
    ]);
    const table = logicalId(built.stack.registry.table);
    expect(resolveJoin(outputs.AddTenantCommand!.Value)).toBe(
      `npm run janitor -- tenants add <name> --credentials-secret-arn <ARN of isc-oauth-janitor/credentials/<name>> --local-time 02:00 --time-zone Europe/Berlin --registry <${table}>`,
    );
    expect(resolveJoin(outputs.DryRunCommand!.Value)).toBe(
      `aws lambda invoke --function-name <${logicalId(built.stack.janitor.function)}> --payload '{"dryRun":true,"tenant":"<name>"}' --cli-binary-format raw-in-base64-out dry-run.json`,
    );
    expect(resolveJoin(outputs.DashboardUrl!.Value)).toBe(
      'https://<AWS::Region>.console.aws.amazon.com/cloudwatch/home?region=<AWS::Region>#dashboards:name=TestJanitor-fleet',
    );
  });
});
