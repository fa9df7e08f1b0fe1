import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../e2e/cli-harness.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { createRegistryTable } from '../support/registry-table.js';

/*
 * tenants add/set/remove --report-emails make each address ONE email subscription on the reports
 * topic whose filter policy lists the tenants it follows (SNS keeps one per address), on moto.
 */

const ARN = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:isc-oauth-janitor/credentials/${name}-AbCdEf`;

let moto: MotoServer;
let sns: SNSClient;
let table: string;
let topicArn: string;

beforeAll(async () => {
  moto = await startMoto();
  sns = new SNSClient(motoClientConfig(moto));
});
afterAll(() => moto?.stop());
beforeEach(async () => {
  table = await createRegistryTable(new DynamoDBClient(motoClientConfig(moto)));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: uniqueName('reports') }))).TopicArn!;
});

const janitor = (argv: readonly string[], env: Record<string, string> = {}) => cli(argv, env, { aws: motoClientConfig(moto) });

/** address -> the tenants its filter policy lets through ('all' without one). */
async function subscriptions(): Promise<Record<string, string[] | 'all'>> {
  const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  const found: Record<string, string[] | 'all'> = {};
  for (const subscription of listed.Subscriptions ?? []) {
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription.SubscriptionArn }));
    found[subscription.Endpoint!] = Attributes?.FilterPolicy ? (JSON.parse(Attributes.FilterPolicy) as { tenant: string[] }).tenant : 'all';
  }
  return found;
}

describe('tenants --report-emails', () => {
  it('gives each address one subscription filtered to the tenants that list it, and follows every change', async () => {
    const add = (name: string, emails: string) => janitor(['tenants', 'add', name, '--credentials-secret-arn', ARN(name), '--report-emails', emails, '--registry', table, '--topic-arn', topicArn]);
    const first = await add('acme', 'ops@example.com,sec@example.com');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Report subscription: ops@example.com subscribed to the reports of acme; SNS emails it a link to confirm');
    expect((await add('beta', 'ops@example.com')).code).toBe(0);

    expect(await subscriptions()).toEqual({ 'ops@example.com': ['acme', 'beta'], 'sec@example.com': ['acme'] });

    // Changed in the registry, then removed: the filter follows, an address nobody lists goes.
    expect((await janitor(['tenants', 'set', 'acme', '--report-emails', 'ops@example.com', '--registry', table], { REPORT_TOPIC_ARN: topicArn })).code).toBe(0);
    expect(await subscriptions()).toEqual({ 'ops@example.com': ['acme', 'beta'] });
    expect((await janitor(['tenants', 'remove', 'beta', '--registry', table, '--topic-arn', topicArn])).code).toBe(0);
    expect(await subscriptions()).toEqual({ 'ops@example.com': ['acme'] });

    const listed = await janitor(['tenants', 'list', '--registry', table, '--topic-arn', topicArn]);
    expect(listed.stdout).toContain('Report emails:\n  ops@example.com (acme): confirmed');
  });

  it('leaves a subscription to every report alone, and says the address already gets them', async () => {
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'owner@example.com' }));

    await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN('acme'), '--report-emails', 'owner@example.com', '--registry', table, '--topic-arn', topicArn]);
    await janitor(['tenants', 'set', 'acme', '--report-emails', '', '--registry', table, '--topic-arn', topicArn]);

    expect(await subscriptions()).toEqual({ 'owner@example.com': 'all' });
  });

  it('says plainly when no report will reach anyone', async () => {
    const withTopic = await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN('acme'), '--registry', table, '--topic-arn', topicArn]);
    expect(withTopic.code).toBe(0);
    expect(withTopic.stderr).toContain('warning: no report will reach anyone');

    const withoutTopic = await janitor(['tenants', 'add', 'beta', '--credentials-secret-arn', ARN('beta'), '--registry', table]);
    expect(withoutTopic.stderr).toContain('warning: no report will reach anyone');
  });

  it('without the topic, says when the subscriptions will be made, and list says how to see their state', async () => {
    const added = await janitor(['tenants', 'add', 'acme', '--credentials-secret-arn', ARN('acme'), '--report-emails', 'ops@example.com', '--registry', table]);
    expect(added.stdout).toContain('Report subscriptions follow within 15 minutes (the next tick of the night); pass --topic-arn');
    expect(await subscriptions()).toEqual({});
    expect((await janitor(['tenants', 'list', '--registry', table])).stdout).toContain('Report emails (their subscription state needs --topic-arn, stack output ReportTopicArn):\n  ops@example.com (acme)');
  });
});
