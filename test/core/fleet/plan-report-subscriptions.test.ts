import { describe, expect, it } from 'vitest';
import { addressStates, planReportSubscriptions, type ReportSubscription } from '../../../lambdas/core/fleet/plan-report-subscriptions.js';
import { parseTenantEntry } from '../../../lambdas/core/model/tenant-entry.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:isc-oauth-janitor/credentials/x-AbCdEf';
const entry = (name: string, reportEmails: string[]) => parseTenantEntry({ name, credentialsSecretArn: ARN, reportEmails });

describe('planReportSubscriptions', () => {
  it('subscribes new addresses once each, rewrites changed filters, unsubscribes addresses nobody lists', () => {
    const entries = [entry('acme', ['Ops@example.com', 'sec@example.com']), entry('beta', ['ops@example.com'])];
    const existing: ReportSubscription[] = [
      { address: 'sec@example.com', arn: 'arn:sec', pending: false, tenants: ['acme', 'gone'] },
      { address: 'old@example.com', arn: 'arn:old', pending: false, tenants: ['gone'] },
    ];
    expect(planReportSubscriptions(entries, existing)).toEqual([
      { kind: 'subscribe', address: 'ops@example.com', tenants: ['acme', 'beta'] },
      { kind: 'set-filter', address: 'sec@example.com', arn: 'arn:sec', tenants: ['acme'] },
      { kind: 'unsubscribe', address: 'old@example.com', arn: 'arn:old' },
    ]);
  });

  it('never touches a subscription to every report, nor one still pending confirmation', () => {
    const existing: ReportSubscription[] = [
      { address: 'owner@example.com', arn: 'arn:owner', pending: false, tenants: 'all' },
      { address: 'new@example.com', pending: true, tenants: [] },
    ];
    expect(planReportSubscriptions([entry('acme', ['owner@example.com'])], existing)).toEqual([]);
    expect(addressStates([entry('acme', ['owner@example.com', 'new@example.com', 'x@example.com'])], existing)).toEqual(
      new Map([
        ['owner@example.com', 'every report (stack reportEmails)'],
        ['new@example.com', 'pending confirmation'],
        ['x@example.com', 'not subscribed yet'],
      ]),
    );
  });
});
