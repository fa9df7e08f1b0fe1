import type { TenantEntry } from '../model/tenant-entry.js';

/**
 * An email subscription on the reports topic as SNS holds it. SNS keeps one subscription per
 * address and topic, so an address that follows several tenants has one subscription whose filter
 * policy lists them all (message attribute `tenant`, which every report carries).
 */
export interface ReportSubscription {
  readonly address: string;
  /** Absent while the address has not confirmed (SNS shows no ARN until then). */
  readonly arn?: string | undefined;
  readonly pending: boolean;
  /** The tenants its filter policy lets through; `'all'` for a subscription without one (the stack's reportEmails). */
  readonly tenants: readonly string[] | 'all';
}

export type SubscriptionChange =
  | { readonly kind: 'subscribe'; readonly address: string; readonly tenants: readonly string[] }
  | { readonly kind: 'set-filter'; readonly address: string; readonly arn: string; readonly tenants: readonly string[] }
  | { readonly kind: 'unsubscribe'; readonly address: string; readonly arn: string };

/** What each address that follows a tenant receives, as people read it in `tenants list`. */
export type AddressState = 'confirmed' | 'pending confirmation' | 'every report (stack reportEmails)' | 'not subscribed yet';

/** The tenants each address follows: every entry's reportEmails, paused tenants included (their runs on demand still report). */
export function followedTenants(entries: readonly TenantEntry[]): Map<string, string[]> {
  const follows = new Map<string, string[]>();
  for (const entry of entries) {
    for (const email of entry.reportEmails) {
      const address = email.toLowerCase();
      follows.set(address, [...(follows.get(address) ?? []), entry.name].sort());
    }
  }
  return follows;
}

/**
 * The changes that make the topic's per-tenant subscriptions match the registry: subscribe an
 * address nobody subscribed yet, rewrite the filter of a confirmed one that follows other tenants
 * now, and unsubscribe a per-tenant subscription no tenant lists any more. Subscriptions without a
 * filter (the stack's reportEmails, or made by hand) are never touched: that address already gets
 * every report. A pending subscription cannot be changed until it is confirmed; the next
 * reconciliation does it.
 */
export function planReportSubscriptions(entries: readonly TenantEntry[], existing: readonly ReportSubscription[]): SubscriptionChange[] {
  const follows = followedTenants(entries);
  const byAddress = new Map(existing.map((subscription) => [subscription.address.toLowerCase(), subscription]));
  const changes: SubscriptionChange[] = [];
  for (const [address, tenants] of follows) {
    const current = byAddress.get(address);
    if (current === undefined) changes.push({ kind: 'subscribe', address, tenants });
    else if (current.tenants !== 'all' && current.arn !== undefined && !sameTenants(current.tenants, tenants)) {
      changes.push({ kind: 'set-filter', address, arn: current.arn, tenants });
    }
  }
  for (const [address, current] of byAddress) {
    if (!follows.has(address) && current.tenants !== 'all' && current.arn !== undefined) changes.push({ kind: 'unsubscribe', address, arn: current.arn });
  }
  return changes;
}

/** Each followed address and what it receives today. */
export function addressStates(entries: readonly TenantEntry[], existing: readonly ReportSubscription[]): Map<string, AddressState> {
  const byAddress = new Map(existing.map((subscription) => [subscription.address.toLowerCase(), subscription]));
  const states = new Map<string, AddressState>();
  for (const address of followedTenants(entries).keys()) {
    const current = byAddress.get(address);
    states.set(address, current === undefined ? 'not subscribed yet' : current.pending ? 'pending confirmation' : current.tenants === 'all' ? 'every report (stack reportEmails)' : 'confirmed');
  }
  return states;
}

/** The filter policy of an address following `tenants`. */
export function tenantFilterPolicy(tenants: readonly string[]): string {
  return JSON.stringify({ tenant: [...tenants] });
}

function sameTenants(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((tenant, index) => tenant === [...b].sort()[index]);
}
