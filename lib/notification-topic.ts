import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface NotificationTopicProps {
  /** The customer-managed key the topic is encrypted with (see `createTopicKey`). */
  readonly key: IKey;
  /** Shown as the sender of the emails. */
  readonly displayName: string;
  /**
   * Addresses subscribed by email; each must confirm the subscription once.
   * @default - no subscriptions
   */
  readonly emails?: readonly string[];
}

/** An SNS topic that is KMS-encrypted, refuses plain HTTP and mails a list of people. */
export class NotificationTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: props.displayName,
      masterKey: props.key,
      enforceSSL: true,
    });
    // The topic policy the stack writes replaces SNS's default one, which let the account's own
    // services publish: without this statement CloudWatch alarms in this account fail silently.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: cloudWatchOfThisAccount(this),
      }),
    );
    for (const email of props.emails ?? []) this.topic.addSubscription(new EmailSubscription(email));
  }
}

/** CloudWatch acting for this account's alarms only, not for another account's (confused deputy). */
function cloudWatchOfThisAccount(scope: Construct): Record<string, Record<string, string>> {
  const { account, region, partition } = Stack.of(scope);
  return {
    StringEquals: { 'aws:SourceAccount': account },
    ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
  };
}

/**
 * The CMK for the topics (rotated yearly). CloudWatch alarms publish to the topic as the
 * CloudWatch service, which needs the key too: without this statement alarm notifications are
 * dropped silently (the AWS managed SNS key cannot grant that, hence a CMK).
 */
export function createTopicKey(scope: Construct, id: string): Key {
  const key = new Key(scope, id, {
    description: 'isc-oauth-janitor: encrypts the report and alarm SNS topics',
    enableKeyRotation: true,
    // Only transient SNS messages are ever encrypted with it: nothing to keep after the stack.
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: cloudWatchOfThisAccount(scope),
    }),
  );
  return key;
}
