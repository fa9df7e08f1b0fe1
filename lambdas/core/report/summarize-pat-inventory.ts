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
): { inventory: PatInventory; warnings: string[] } {
  const buckets = { under30: 0, from30to90: 0, from90to180: 0, over180: 0, neverUsed: 0, unreadable: 0 };
  const owners = new Map<string, { owner: CredentialOwner; tokens: number }>();
  const neverExpire: PatRef[] = [];
  const expiringSoon: (PatRef & { expires: string; at: number })[] = [];
  const allScopes: PatRef[] = [];
  const warnings: string[] = [];
  const nowMs = now.getTime();
  const horizon = nowMs + warnDays * DAY_MS;
  let managed = 0;
  let expired = 0;

  tokens.forEach((token, index) => {
    const finding = findings[index];
    const ref: PatRef = { id: token.id, name: finding?.name ?? token.id, owner: token.owner };
    if (token.managed) managed += 1;
    const counted = owners.get(token.owner.id);
    if (counted) counted.tokens += 1;
    else owners.set(token.owner.id, { owner: token.owner, tokens: 1 });
    if (token.scope === null || token.scope.length === 0 || token.scope.includes(ALL_SCOPES)) allScopes.push(ref);
    if (token.expirationDate === null) neverExpire.push(ref);
    else {
      const expires = parseIsoTime(token.expirationDate);
      if (expires === undefined) warnings.push(`personal access token ${ref.name} (${token.id}): ${notADate('expirationDate', token.expirationDate)}; left out of the expiry lists`);
      else if (expires <= nowMs) expired += 1;
      else if (expires <= horizon) expiringSoon.push({ ...ref, expires: formatUtcDay(expires), at: expires });
    }
    const days = finding?.inactiveDays ?? null;
    if (token.lastUsed === null) buckets.neverUsed += 1;
    else if (days === null) buckets.unreadable += 1;
    else if (days < 30) buckets.under30 += 1;
    else if (days < 90) buckets.from30to90 += 1;
    else if (days < 180) buckets.from90to180 += 1;
    else buckets.over180 += 1;
  });

  const byOwner = [...owners.values()].sort((a, b) => b.tokens - a.tokens || compareOwners(a.owner, b.owner));
  expiringSoon.sort((a, b) => a.at - b.at || byOwnerThenName(a, b));
  const inventory: PatInventory = {
    total: tokens.length,
    managed,
    byInactivity: buckets satisfies InactivityBuckets,
    byOwner: capped(byOwner),
    neverExpire: capped(neverExpire.sort(byOwnerThenName)),
    expiringWithinDays: warnDays,
    expiringSoon: capped(expiringSoon.map(({ at: _at, ...item }) => item)),
    expired,
    allScopes: capped(allScopes.sort(byOwnerThenName)),
  };
  return { inventory, warnings };
}

function capped<T>(items: readonly T[]): CappedList<T> {
  return { count: items.length, items: items.slice(0, PAT_INVENTORY_LISTED) };
}

/** Owner name first (a missing name sorts as its id), then id: people look for a name. */
export function compareOwners(a: CredentialOwner, b: CredentialOwner): number {
  return compareStrings(a.name ?? a.id, b.name ?? b.id) || compareStrings(a.id, b.id);
}

function byOwnerThenName(a: PatRef, b: PatRef): number {
  return compareOwners(a.owner, b.owner) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id);
}
