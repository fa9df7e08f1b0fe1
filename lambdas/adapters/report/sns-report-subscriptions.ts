import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { tenantFilterPolicy, type ReportSubscription, type SubscriptionChange } from '../../core/fleet/plan-report-subscriptions.js';
import type { ReportSubscriptions } from '../../core/ports.js';

/** The SNS calls SnsReportSubscriptions makes: the stack grants exactly these, on the reports topic. */
export const REPORT_SUBSCRIPTION_ACTIONS = ['sns:ListSubscriptionsByTopic', 'sns:GetSubscriptionAttributes', 'sns:Subscribe', 'sns:SetSubscriptionAttributes', 'sns:Unsubscribe'] as const;

/** SNS's stand-in for the ARN of a subscription the address has not confirmed yet. */
const PENDING = 'PendingConfirmation';

/**
 * The email subscriptions on the reports topic: read as ReportSubscription, changed one change at
 * a time. Exactly these SNS calls, on the topic only: ListSubscriptionsByTopic,
 * GetSubscriptionAttributes, Subscribe, SetSubscriptionAttributes, Unsubscribe.
 */
export class SnsReportSubscriptions implements ReportSubscriptions {
  constructor(
    private readonly sns: SNSClient,
    readonly topicArn: string,
  ) {}

  async list(): Promise<ReportSubscription[]> {
    const found: ReportSubscription[] = [];
    let token: string | undefined;
    do {
      const page = await this.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: this.topicArn, ...(token ? { NextToken: token } : {}) }));
      for (const subscription of page.Subscriptions ?? []) {
        if (subscription.Protocol !== 'email' && subscription.Protocol !== 'email-json') continue;
        const address = subscription.Endpoint ?? '';
        const arn = subscription.SubscriptionArn;
        if (arn === undefined || arn === PENDING) {
          found.push({ address, pending: true, tenants: [] });
          continue;
        }
        const { Attributes: attributes = {} } = await this.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
        found.push({ address, arn, pending: attributes.PendingConfirmation === 'true', tenants: filteredTenants(attributes.FilterPolicy) });
      }
      token = page.NextToken;
    } while (token);
    return found;
  }

  async apply(change: SubscriptionChange): Promise<void> {
    switch (change.kind) {
      case 'subscribe':
        await this.sns.send(
          new SubscribeCommand({
            TopicArn: this.topicArn,
            Protocol: 'email',
            Endpoint: change.address,
            Attributes: { FilterPolicy: tenantFilterPolicy(change.tenants), FilterPolicyScope: 'MessageAttributes' },
          }),
        );
        return;
      case 'set-filter':
        await this.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: change.arn, AttributeName: 'FilterPolicy', AttributeValue: tenantFilterPolicy(change.tenants) }));
        return;
      case 'unsubscribe':
        await this.sns.send(new UnsubscribeCommand({ SubscriptionArn: change.arn }));
        return;
    }
  }
}

/** The tenants a filter policy lets through: `'all'` without one, none for a filter on anything but `tenant`. */
function filteredTenants(filterPolicy: string | undefined): readonly string[] | 'all' {
  if (filterPolicy === undefined || filterPolicy.trim() === '') return 'all';
  try {
    const policy = JSON.parse(filterPolicy) as Record<string, unknown>;
    const tenants = policy.tenant;
    // A filter on outcome or mode (made by hand, see docs/fleet.md) is someone's own: not ours to rewrite.
    if (Object.keys(policy).length !== 1 || !Array.isArray(tenants) || !tenants.every((t) => typeof t === 'string')) return 'all';
    return tenants as string[];
  } catch {
    return 'all';
  }
}
