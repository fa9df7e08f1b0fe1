import { describe, expect, it } from 'vitest';
import { buildStack } from './build-janitor-stack.js';

/*
 * An alarm whose topic does not let CloudWatch publish (or whose topic key does not let it
 * encrypt) fails silently: the alarm goes to ALARM and nobody hears. Every alarm action is walked
 * to its topic, the topic's policy and the topic's key policy.
 */

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Principal?: { Service?: unknown }; Action: unknown; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> };

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const refOf = (value: unknown): string | undefined => (value as { Ref?: string }).Ref;
const fromCloudWatch = (statement: Statement) => statement.Effect === 'Allow' && list(statement.Principal?.Service).includes('cloudwatch.amazonaws.com');
const ofThisAccount = (statement: Statement) => refOf(statement.Condition?.StringEquals?.['aws:SourceAccount']) === 'AWS::AccountId';

function alarmTopics(resources: Record<string, Resource>): Set<string> {
  const topics = new Set<string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm') continue;
    for (const action of list(resource.Properties.AlarmActions ?? [])) {
      const topic = refOf(action);
      expect(topic, `alarm action ${JSON.stringify(action)} is not one of the stack's topics`).toBeDefined();
      topics.add(topic!);
    }
  }
  return topics;
}

describe.each([
  ['reports and alarms on one topic', {}],
  ['alarms on their own topic (alarmEmails)', { alarmEmails: ['oncall@example.com'] }],
])('alarm delivery, %s', (_, props) => {
  const resources = buildStack({ reportEmails: ['owner@example.com'], ...props }).template.toJSON().Resources as Record<string, Resource>;
  const topics = alarmTopics(resources);

  it('has alarms, each with a topic to tell', () => {
    expect(topics.size).toBeGreaterThan(0);
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').every((alarm) => list(alarm.Properties.AlarmActions ?? []).length > 0)).toBe(true);
  });

  it('lets CloudWatch of this account publish to every topic an alarm names', () => {
    for (const topic of topics) {
      const policies = Object.values(resources).filter((r) => r.Type === 'AWS::SNS::TopicPolicy' && list(r.Properties.Topics).some((t) => refOf(t) === topic));
      const statements = policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
      const allowed = statements.filter((s) => fromCloudWatch(s) && list(s.Action).includes('sns:Publish') && list(s.Resource).some((r) => refOf(r) === topic));
      expect(allowed, `topic ${topic}`).toHaveLength(1);
      expect(ofThisAccount(allowed[0]!), `topic ${topic}: aws:SourceAccount`).toBe(true);
      // The TLS refusal stays: CloudWatch publishes over TLS.
      expect(statements.some((s) => s.Effect === 'Deny' && list(s.Action).includes('sns:Publish'))).toBe(true);
    }
  });

  it('lets CloudWatch of this account use the key of every such topic', () => {
    for (const topic of topics) {
      const key = (resources[topic]!.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = (resources[key]!.Properties.KeyPolicy as { Statement: Statement[] }).Statement.filter(fromCloudWatch);
      expect(statements, `key ${key}`).toHaveLength(1);
      expect(list(statements[0]!.Action)).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(ofThisAccount(statements[0]!), `key ${key}: aws:SourceAccount`).toBe(true);
    }
  });
});
