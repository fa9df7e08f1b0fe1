import type { Policy } from './policy.js';
import { addWholeDays, formatUtcDate, pluralDays, wholeDaysSince } from './utc-days.js';

/** A client's readable dates; `lastUsed` null means never used. */
export interface ClientDates {
  readonly enabled: boolean;
  readonly lastUsed: Date | null;
  readonly created: Date;
  readonly modified: Date;
}

export interface RuleResult {
  readonly verdict: 'disable' | 'delete' | 'keep';
  readonly reason: string;
  readonly inactiveDays: number;
  /** Set when the client crosses a threshold within `warnDays` (and is not due yet). */
  readonly upcoming?: { readonly action: 'disable' | 'delete'; readonly on: string; readonly reason: string };
}

/**
 * The staleness rules of issue 3, as one pure function with a verdict and a reason an auditor
 * can read. Every threshold is "days >= limit", so raising a limit can only remove actions.
 */
export function applyStalenessRules(dates: ClientDates, policy: Policy, now: Date): RuleResult {
  const since = dates.lastUsed ?? dates.created;
  const inactiveDays = wholeDaysSince(since, now);
  const activity =
    dates.lastUsed === null
      ? `never used, created ${pluralDays(inactiveDays)} ago (${formatUtcDate(since)})`
      : `unused for ${pluralDays(inactiveDays)} (last used ${formatUtcDate(since)})`;

  if (dates.enabled) {
    // A never-used client has its own (usually shorter) limit; it replaces disableAfterDays,
    // so a larger neverUsedDays really does give such clients more time.
    const limit = dates.lastUsed === null ? policy.neverUsedDays : policy.disableAfterDays;
    const reason = `${activity}, limit ${limit}`;
    if (inactiveDays >= limit) return { verdict: 'disable', reason, inactiveDays };
    const on = formatUtcDate(addWholeDays(since, limit));
    const kept = { verdict: 'keep' as const, reason: `${reason}; disable due on ${on}`, inactiveDays };
    if (limit - inactiveDays > policy.warnDays) return kept;
    return { ...kept, upcoming: { action: 'disable', on, reason: `will be disabled on ${on}: ${reason}` } };
  }

  // Disabled: deletion needs both the inactivity limit and the grace period since the last
  // change, so a client disabled by the janitor is never deleted in the same or the next run.
  const unchangedDays = wholeDaysSince(dates.modified, now);
  const detail =
    `${activity}, limit ${policy.deleteAfterDays}; ` +
    `unchanged for ${pluralDays(unchangedDays)}, grace ${policy.deleteGraceDays}`;
  if (inactiveDays >= policy.deleteAfterDays && unchangedDays >= policy.deleteGraceDays) {
    return { verdict: 'delete', reason: `disabled and ${detail}`, inactiveDays };
  }
  const dueAt = Math.max(
    addWholeDays(since, policy.deleteAfterDays).getTime(),
    addWholeDays(dates.modified, policy.deleteGraceDays).getTime(),
  );
  const on = formatUtcDate(new Date(dueAt));
  const kept = { verdict: 'keep' as const, reason: `disabled; deletion due on ${on} (${detail})`, inactiveDays };
  const daysToGo = Math.max(policy.deleteAfterDays - inactiveDays, policy.deleteGraceDays - unchangedDays);
  if (daysToGo > policy.warnDays) return kept;
  return { ...kept, upcoming: { action: 'delete', on, reason: `will be deleted on ${on}: disabled and ${detail}` } };
}
