import { errorMessage } from '../core/error-message.js';
import { addressStates, planReportSubscriptions, type AddressState, type SubscriptionChange } from '../core/fleet/plan-report-subscriptions.js';
import type { ReportSubscriptions, TenantRegistryReader } from '../core/ports.js';
import type { RunLogger } from '../core/run-logger.js';

export interface ReconciledSubscriptions {
  readonly applied: readonly SubscriptionChange[];
  readonly failed: readonly { readonly change: SubscriptionChange; readonly error: string }[];
  /** Each address a tenant lists, and what it receives now (after the changes). */
  readonly states: ReadonlyMap<string, AddressState>;
  /** True when no tenant lists an address and no subscription on the topic receives every report: no report reaches anyone. */
  readonly nobodyReads: boolean;
}

/**
 * Make the reports topic's per-tenant email subscriptions match the registry's `reportEmails`:
 * run by `tenants add/set/remove` and by every tick of the night, so an entry edited any other way
 * converges too. A change SNS refuses is reported and the others still go through.
 */
export async function reconcileReportSubscriptions(input: {
  readonly registry: TenantRegistryReader;
  readonly subscriptions: ReportSubscriptions;
  readonly logger: RunLogger;
}): Promise<ReconciledSubscriptions> {
  const entries = (await input.registry.list()).tenants.map((tenant) => tenant.entry);
  const before = await input.subscriptions.list();
  const applied: SubscriptionChange[] = [];
  const failed: { change: SubscriptionChange; error: string }[] = [];
  for (const change of planReportSubscriptions(entries, before)) {
    try {
      await input.subscriptions.apply(change);
      applied.push(change);
      input.logger.info('report subscription changed', { change: change.kind, address: change.address, ...('tenants' in change ? { tenants: change.tenants } : {}) });
    } catch (error) {
      failed.push({ change, error: errorMessage(error) });
      input.logger.warn('report subscription not changed', { change: change.kind, address: change.address, error: errorMessage(error) });
    }
  }
  const after = applied.length === 0 ? before : await input.subscriptions.list();
  const states = addressStates(entries, after);
  const nobodyReads = states.size === 0 && !after.some((subscription) => subscription.tenants === 'all');
  return { applied, failed, states, nobodyReads };
}
