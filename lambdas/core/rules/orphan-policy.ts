import type { Policy } from '../model/policy.js';

const prepared = new WeakMap<Policy, { policy: Policy; because: string } | null>();

/**
 * The policy an orphan is judged by: `owners.orphanStaleDays`, when set and shorter, replaces
 * `disableAfterDays` and `neverUsedDays` (deletion still waits `deleteAfterDays` and the grace
 * period: an orphan goes through the same disable -> delete as every client). Undefined when
 * orphans are judged like every other client. Prepared once per policy.
 */
export function orphanPolicy(policy: Policy): { readonly policy: Policy; readonly because: string } | undefined {
  let ready = prepared.get(policy);
  if (ready === undefined) {
    const days = policy.owners.orphanStaleDays;
    ready =
      days === undefined || (days >= policy.disableAfterDays && days >= policy.neverUsedDays)
        ? null
        : {
            policy: Object.freeze({ ...policy, disableAfterDays: Math.min(days, policy.disableAfterDays), neverUsedDays: Math.min(days, policy.neverUsedDays) }),
            because: `orphaned (its owner is inactive or gone), so owners.orphanStaleDays (${days}) applies`,
          };
    prepared.set(policy, ready);
  }
  return ready ?? undefined;
}
