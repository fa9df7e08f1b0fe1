import { DAY_MS, formatUtcDay, pluralDays, wholeDaysBetween } from '../dates.js';
import type { Policy } from '../model/policy.js';
import { flatText } from '../text.js';

/** A token's readable dates, as epoch milliseconds; `lastUsed` null means never used. */
export interface PatDates {
  readonly created: number;
  readonly lastUsed: number | null;
}

export interface PatRuleResult {
  readonly verdict: 'delete' | 'keep';
  readonly reason: string;
  readonly inactiveDays: number;
  /** Unused past its limit: announced or deleted by this run. */
  readonly due: boolean;
  /** `unused for 97 days (last used 2026-08-18), limit 90`: the part of the reason that is about use. */
  readonly activity: string;
  /** Set when the token is due within `warnDays`, or due and not yet announced long enough: this run announces it. */
  readonly upcoming?: { readonly on: string; readonly reason: string };
}

/**
 * The deletion rule for personal access tokens, which cannot be disabled: deletion is announced.
 *
 * A token is due once unused for `deleteAfterDays` (`neverUsedDays` since it was created, if never
 * used). It is deleted only when `announcedAt`, the earliest earlier run that announced it since
 * its last use, lies at least `warnDays` UTC calendar days back; until then every run lists it as
 * upcoming, which is the announcement. Calendar days, not 24-hour spans: a nightly run a few
 * seconds earlier than the night before must not wait one more night.
 * Every test is "days >= limit", so raising a limit can only remove deletions.
 */
export function applyPatRules(dates: PatDates, announcedAt: number | undefined, pats: Policy['pats'], now: Date): PatRuleResult {
  const nowMs = now.getTime();
  const since = dates.lastUsed ?? dates.created;
  const inactiveDays = wholeDaysBetween(since, nowMs);
  const limit = dates.lastUsed === null ? pats.neverUsedDays : pats.deleteAfterDays;
  const activity =
    dates.lastUsed === null
      ? flatText('never used, created ', pluralDays(inactiveDays), ' ago (', formatUtcDay(since), '), limit ', limit)
      : flatText('unused for ', pluralDays(inactiveDays), ' (last used ', formatUtcDay(since), '), limit ', limit);
  const dueAt = since + limit * DAY_MS;
  const due = inactiveDays >= limit;

  if (limit - inactiveDays > pats.warnDays) {
    return { verdict: 'keep', reason: flatText(activity, '; deletion due on ', formatUtcDay(dueAt)), inactiveDays, due, activity };
  }
  const today = utcDay(nowMs);
  if (due && announcedAt !== undefined && today - utcDay(announcedAt) >= pats.warnDays) {
    const ago = pluralDays(today - utcDay(announcedAt));
    return { verdict: 'delete', reason: flatText(activity, '; announced on ', formatUtcDay(announcedAt), ', ', ago, ' ago (warnDays ', pats.warnDays, ')'), inactiveDays, due, activity };
  }
  // Not deletable yet: the later of "due" and "announced warnDays days before" is the day.
  const announcedDay = announcedAt === undefined ? today : utcDay(announcedAt);
  const on = formatUtcDay(Math.max(dueAt, (announcedDay + pats.warnDays) * DAY_MS));
  const announced = announcedAt === undefined ? 'announced by this run' : flatText('announced since ', formatUtcDay(announcedAt));
  const reason = flatText(activity, '; ', announced, ', deletion due on ', on);
  return { verdict: 'keep', reason, inactiveDays, due, activity, upcoming: { on, reason: flatText(activity, '; ', announced) } };
}

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
