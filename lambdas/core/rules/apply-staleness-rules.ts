import { flatText } from '../text.js';
import type { Policy } from '../model/policy.js';
import { DAY_MS, formatUtcDay, pluralDays, wholeDaysBetween } from '../dates.js';

/**
 * A client's readable dates, as epoch milliseconds (a tenant evaluation reads 3 per client and
 * needs no Date objects for them); `lastUsed` null means never used.
 */
export interface ClientDates {
  readonly enabled: boolean;
  readonly lastUsed: number | null;
  readonly created: number;
  readonly modified: number;
}

export interface RuleResult {
  readonly verdict: 'disable' | 'delete' | 'keep';
  readonly reason: string;
  readonly inactiveDays: number;
  /**
   * Set when the client crosses a threshold within `warnDays` (and is not due yet). The reason is
   * the why alone; the renderers say what falls due when (`upcomingWords`).
   */
  readonly upcoming?: { readonly action: 'disable' | 'delete'; readonly on: string; readonly reason: string };
}

/**
 * The staleness rules, as one pure function with a verdict and a reason an auditor
 * can read. Every threshold is "days >= limit", so raising a limit can only remove actions.
 */
export function applyStalenessRules(dates: ClientDates, policy: Policy, now: Date): RuleResult {
  const since = dates.lastUsed ?? dates.created;
  const inactiveDays = wholeDaysBetween(since, now.getTime());
  // A piece of the reason, not kept itself: the kept reasons are flattened below.
  const activity =
    dates.lastUsed === null
      ? `never used, created ${pluralDays(inactiveDays)} ago (${formatUtcDay(since)})`
      : `unused for ${pluralDays(inactiveDays)} (last used ${formatUtcDay(since)})`;

  if (dates.enabled) {
    // A never-used client has its own (usually shorter) limit; it replaces disableAfterDays,
    // so a larger neverUsedDays really does give such clients more time.
    const limit = dates.lastUsed === null ? policy.neverUsedDays : policy.disableAfterDays;
    if (inactiveDays >= limit) return { verdict: 'disable', reason: flatText(activity, ', limit ', limit), inactiveDays };
    const on = formatUtcDay(since + limit * DAY_MS);
    const reason = flatText(activity, ', limit ', limit, '; disable due on ', on);
    if (limit - inactiveDays > policy.warnDays) return { verdict: 'keep', reason, inactiveDays };
    const upcomingReason = flatText(activity, ', limit ', limit);
    return { verdict: 'keep', reason, inactiveDays, upcoming: { action: 'disable', on, reason: upcomingReason } };
  }

  // Disabled: deletion needs both the inactivity limit and the grace period since the last
  // change, so a client disabled by the janitor is never deleted in the same or the next run.
  const unchangedDays = wholeDaysBetween(dates.modified, now.getTime());
  const detail =
    `${activity}, limit ${policy.deleteAfterDays}; ` +
    `unchanged for ${pluralDays(unchangedDays)}, grace ${policy.deleteGraceDays}`;
  if (inactiveDays >= policy.deleteAfterDays && unchangedDays >= policy.deleteGraceDays) {
    return { verdict: 'delete', reason: flatText('disabled and ', detail), inactiveDays };
  }
  const dueAt = Math.max(since + policy.deleteAfterDays * DAY_MS, dates.modified + policy.deleteGraceDays * DAY_MS);
  const on = formatUtcDay(dueAt);
  const reason = flatText('disabled; deletion due on ', on, ' (', detail, ')');
  const daysToGo = Math.max(policy.deleteAfterDays - inactiveDays, policy.deleteGraceDays - unchangedDays);
  if (daysToGo > policy.warnDays) return { verdict: 'keep', reason, inactiveDays };
  const upcomingReason = flatText('disabled and ', detail);
  return { verdict: 'keep', reason, inactiveDays, upcoming: { action: 'delete', on, reason: upcomingReason } };
}
