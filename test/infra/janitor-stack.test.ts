import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';
import { resolveJoin } from './resolve-join.js';

/** One tenant, every default, real esbuild bundling (the shape `cdk synth` deploys). */
let built: BuiltStack;
const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  built = buildStack(
    { tenants: [{ name: 'acme', policy: { mode: 'enforce' } }], reportEmails: ['owner@example.com'] },
    { bundle: true },
  );
});

function resourcesOf(type: string): Record<string, { Properties: Record<string, unknown> }> {
  return built.template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}

describe('JanitorStack function', () => {
  it('runs Node.js 24 on arm64 with 256 MB, a 5 minute timeout and one reserved execution', () => {
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 300,
      ReservedConcurrentExecutions: 1,
      Handler: 'index.handler',
    });
  });

  it('bundles the handler locally into one ESM file with its source map', () => {
    const [fn] = Object.values(resourcesOf('AWS::Lambda::Function'));
    const hash = String((fn!.Properties.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
    const assetDir = join(built.app.synth().directory, `asset.${hash}`);
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('sets the runtime contract environment', () => {
    const { stack } = built;
    const secret = logicalId(stack.tenants[0]!.secret);
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          ISC_CREDENTIALS_SECRET_ID: { Ref: secret },
          REPORT_TOPIC_ARN: { Ref: logicalId(stack.reportTopic.topic) },
          JANITOR_POLICY: '{}',
          TENANT_NAME: 'acme',
          POWERTOOLS_SERVICE_NAME: 'isc-oauth-janitor',
          POWERTOOLS_METRICS_NAMESPACE: 'IscOAuthJanitor',
          ROTATION_SECRET_PREFIX: 'isc-oauth-janitor/clients/',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    const [fn] = Object.values(resourcesOf('AWS::Lambda::Function'));
    expect(Object.keys((fn!.Properties.Environment as { Variables: object }).Variables)).not.toContain('ROTATION_KMS_KEY_ID');
  });

  it('logs to its own log group kept for 90 days', () => {
    built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    built.template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logicalId(built.stack.janitor.logGroup) } },
    });
  });

  it('sends failed async runs to an encrypted, SSL-only queue after one retry', () => {
    const queue = logicalId(built.stack.janitor.deadLetterQueue);
    built.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    built.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    built.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });
});

describe('JanitorStack IAM', () => {
  it('grants the function exactly what the code calls, on exactly those resources', () => {
    const { stack } = built;
    const role = logicalId(stack.janitor.role);
    const policies = Object.values(resourcesOf('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0]!.Properties.PolicyDocument as { Statement: unknown[] }).Statement;
    const topicKey = logicalId(stack.node.findChild('TopicKey'));
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.janitor.logGroup), 'Arn'] } },
      { Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(stack.janitor.deadLetterQueue), 'Arn'] } },
      { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: logicalId(stack.reportTopic.topic) } },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [topicKey, 'Arn'] } },
      {
        Action: ['secretsmanager:CreateSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:TagResource'],
        Effect: 'Allow',
        Resource: expect.anything(),
      },
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: { Ref: logicalId(stack.tenants[0]!.secret) } },
    ]);
    const rotation = statements[4] as { Resource: unknown };
    expect(resolveJoin(rotation.Resource)).toBe('arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:isc-oauth-janitor/clients/*');
  });

  it('attaches no AWS managed policy to any role', () => {
    for (const role of Object.values(resourcesOf('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets the scheduler role only invoke the function and write its dead-letter queue', () => {
    const { stack } = built;
    const fn = logicalId(stack.janitor.function);
    built.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: Match.objectLike({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }) } })],
      },
    });
    built.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [{ 'Fn::GetAtt': [fn, 'Arn'] }, Match.anyValue()] },
          { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleDeliveryUndelivered'), 'Arn'] } },
        ],
      },
    });
  });
});

describe('JanitorStack tenant', () => {
  it('schedules the nightly run at 02:00 UTC with the tenant, its secret and its raw policy', () => {
    const [schedule] = Object.values(resourcesOf('AWS::Scheduler::Schedule'));
    expect(schedule!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 }, DeadLetterConfig: { Arn: expect.anything() } },
    });
    const input = JSON.parse(resolveJoin((schedule!.Properties.Target as { Input: unknown }).Input)) as unknown;
    expect(input).toEqual({ tenant: 'acme', credentialsSecretId: `<${logicalId(built.stack.tenants[0]!.secret)}>`, policy: { mode: 'enforce' } });
  });

  it('creates the credentials secret with a placeholder structure and no credential in it', () => {
    built.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'isc-oauth-janitor/credentials/acme',
      SecretString: JSON.stringify({ baseUrl: 'https://acme.api.identitynow.com', clientId: 'REPLACE_ME', clientSecret: 'REPLACE_ME' }),
    });
  });

  it('alarms on failed actions and blocked runs with the dimensions Powertools writes', () => {
    for (const metricName of ['ActionsFailed', 'RunBlocked']) {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'IscOAuthJanitor',
        MetricName: metricName,
        Dimensions: Match.arrayWith([{ Name: 'Tenant', Value: 'acme' }, { Name: 'service', Value: 'isc-oauth-janitor' }]),
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: logicalId(built.stack.reportTopic.topic) }],
      });
    }
  });

  it('alarms on function errors and on both dead-letter queues, notifying the report topic', () => {
    const alarms = Object.values(resourcesOf('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(5);
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum' });
    const queueAlarms = alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(queueAlarms).toHaveLength(2);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(built.stack.reportTopic.topic) }]);
  });

  it('draws a dashboard of inventory, actions, duration and errors', () => {
    const [dashboard] = Object.values(resourcesOf('AWS::CloudWatch::Dashboard'));
    expect(dashboard!.Properties.DashboardName).toBe('TestJanitor-acme');
    const body = resolveJoin(dashboard!.Properties.DashboardBody);
    for (const metric of ['ClientsTotal', 'ClientsStale', 'ClientsNeverUsed', 'ClientsDisabled', 'ClientsDeleted', 'ClientsRotated', 'ActionsFailed', 'RunDuration', 'RunBlocked', '"Errors"']) {
      expect(body).toContain(metric);
    }
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

  it('refuses publishing without TLS', () => {
    built.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  it('subscribes the report emails', () => {
    built.template.resourceCountIs('AWS::SNS::Subscription', 1);
    built.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@example.com' });
  });
});

describe('JanitorStack outputs', () => {
  it('names the function, topic, secret, dashboard and a ready dry-run command', () => {
    const outputs = built.template.findOutputs('*') as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['AcmeDashboardUrl', 'AcmeDryRunCommand', 'AcmePutPat', 'AcmeSecretArn', 'FunctionName', 'ReportTopicArn']);
    const fn = logicalId(built.stack.janitor.function);
    expect(resolveJoin(outputs.AcmeDryRunCommand!.Value)).toBe(
      `aws lambda invoke --function-name <${fn}> --payload '{"dryRun":true,"tenant":"acme"}' --cli-binary-format raw-in-base64-out acme-dry-run.json`,
    );
    expect(resolveJoin(outputs.AcmePutPat!.Value)).toContain('aws secretsmanager put-secret-value --secret-id <');
    expect(resolveJoin(outputs.AcmeDashboardUrl!.Value)).toBe(
      'https://<AWS::Region>.console.aws.amazon.com/cloudwatch/home?region=<AWS::Region>#dashboards:name=TestJanitor-acme',
    );
  });
});
