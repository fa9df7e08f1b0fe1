import { DAY_MS, formatUtcDay } from '../dates.js';
import type { PersonalAccessToken } from '../model/personal-access-token.js';
import { parseIsoTime } from '../parse-iso-date.js';
import type { PatFinding } from '../plan/evaluate-pat.js';
import type { CappedList, CredentialOwner, InactivityBuckets, PatInventory, PatRef } from './run-report.js';
import { compareStrings } from './summarize-inventory.js';
import { notADate } from '../text.js';

const ALL_SCOPES = 'sp:scopes:all';

/** How many entries each inventory list names; the counts are always the full numbers. */
export const PAT_INVENTORY_LISTED = 100;

/**
 * The tenant's personal access tokens at a glance, exempt ones included: whose they are, how
 * idle, which never expire, which expire within `warnDays` (so owners can be told in time) and
 * which hold `sp:scopes:all`. `findings[i]` must be the finding for `tokens[i]`. Lists are sorted
 * for a stable report: by owner name, then token name and id; expiring ones soonest first.
 */
export function summarizePatInventory(
  tokens: readonly PersonalAccessToken[],
  findings: readonly PatFinding[],
  now: Date,
  warnDays: number,
  selfClientId?: string,
): { inventory: PatInventory; warnings: string[] } {
  const buckets = { under30: 0, from30to90: 0, from90to180: 0, over180: 0, neverUsed: 0, unreadable: 0 };
  const owners = new Map<string, { owner: CredentialOwner; tokens: number }>();
  // Only the first PAT_INVENTORY_LISTED of each list are named, so only those are kept, in order,
  // as the tokens are read: no entry per matching token and no sort of them all.
  const neverExpire = firstOf<PatRef>(byOwnerThenName);
  const expiringSoon = firstOf<PatRef & { expires: string; at: number }>((a, b) => a.at - b.at || byOwnerThenName(a, b));
  const allScopes = firstOf<PatRef>(byOwnerThenName);
  const expiredTokens = firstOf<PatRef & { expires: string; at: number }>((a, b) => a.at - b.at || byOwnerThenName(a, b));
  const warnings: string[] = [];
  const nowMs = now.getTime();
  const horizon = nowMs + warnDays * DAY_MS;
  let managed = 0;
  let expired = 0;

  tokens.forEach((token, index) => {
    const finding = findings[index];
    const name = finding?.name ?? token.id;
    if (token.managed) managed += 1;
    const counted = owners.get(token.owner.id);
    if (counted) counted.tokens += 1;
    else owners.set(token.owner.id, { owner: token.owner, tokens: 1 });
    const ref: PatRef = token.id === selfClientId ? { id: token.id, name, owner: token.owner, self: true } : { id: token.id, name, owner: token.owner };
    if (token.scope === null || token.scope.length === 0 || token.scope.includes(ALL_SCOPES)) allScopes.offer(ref);
    if (token.expirationDate === null) neverExpire.offer(ref);
    else {
      const expires = parseIsoTime(token.expirationDate);
      if (expires === undefined) warnings.push(`personal access token ${name} (${token.id}): ${notADate('expirationDate', token.expirationDate)}; left out of the expiry lists`);
      else if (expires <= nowMs) {
        expired += 1;
        expiredTokens.offer({ ...ref, expires: formatUtcDay(expires), at: expires });
      } else if (expires <= horizon) expiringSoon.offer({ ...ref, expires: formatUtcDay(expires), at: expires });
    }
    const days = finding?.inactiveDays ?? null;
    if (token.lastUsed === null) buckets.neverUsed += 1;
    else if (days === null) buckets.unreadable += 1;
    else if (days < 30) buckets.under30 += 1;
    else if (days < 90) buckets.from30to90 += 1;
    else if (days < 180) buckets.from90to180 += 1;
    else buckets.over180 += 1;
  });

  const byOwner = firstOf<{ owner: CredentialOwner; tokens: number }>((a, b) => b.tokens - a.tokens || compareOwners(a.owner, b.owner));
  for (const counted of owners.values()) byOwner.offer(counted);
  const soonest = expiringSoon.list();
  const inventory: PatInventory = {
    total: tokens.length,
    managed,
    byInactivity: buckets satisfies InactivityBuckets,
    byOwner: byOwner.list(),
    neverExpire: neverExpire.list(),
    expiringWithinDays: warnDays,
    expiringSoon: { count: soonest.count, items: soonest.items.map(({ at: _at, ...item }) => item) },
    expired,
    expiredTokens: expiredTokens.list().items.map(({ at: _at, ...item }) => item),
    allScopes: allScopes.list(),
  };
  return { inventory, warnings };
}

/**
 * The first PAT_INVENTORY_LISTED items by `compare` of everything offered, and how many were: a
 * binary insertion into a short sorted list. Equal items keep the order they were offered in.
 */
function firstOf<T>(compare: (a: T, b: T) => number): { offer(item: T): void; list(): CappedList<T> } {
  const kept: T[] = [];
  let count = 0;
  return {
    offer(item) {
      count += 1;
      const last = kept[kept.length - 1];
      if (kept.length >= PAT_INVENTORY_LISTED && last !== undefined && compare(item, last) >= 0) return;
      let low = 0;
      let high = kept.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(item, kept[middle] as T) < 0) high = middle;
        else low = middle + 1;
      }
      kept.splice(low, 0, item);
      if (kept.length > PAT_INVENTORY_LISTED) kept.pop();
    },
    list: () => ({ count, items: kept }),
  };
}

/** Owner name first (a missing name sorts as its id), then id: people look for a name. */
export function compareOwners(a: CredentialOwner, b: CredentialOwner): number {
  return compareStrings(a.name ?? a.id ?? '', b.name ?? b.id ?? '') || compareStrings(a.id ?? '', b.id ?? '');
}

function byOwnerThenName(a: PatRef, b: PatRef): number {
  return compareOwners(a.owner, b.owner) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id);
}
