import { oneLine, truncate } from '../text.js';
import type { CredentialOwner, PatRef, ReportAction, RunReport } from './run-report.js';
import { compareOwners } from './summarize-pat-inventory.js';
import { upcomingReason, upcomingWords } from './upcoming-words.js';

/**
 * The personal access token part of the text report, grouped by owner name: each owner sees in
 * one place which of their tokens were deleted, which are announced for deletion (and when), and
 * which are never touched, with the reasons. Then the inventory: whose tokens, which never
 * expire, which expire soon, which hold every right of their owner.
 */
export function renderPatSection(report: RunReport): string[] {
  const { pats } = report;
  if (!pats) return [];
  const { counts, inventory } = pats;
  const enforced = report.mode === 'enforce';
  const isToken = (entry: { credential: string }) => entry.credential === 'personal-access-token';
  const groups = new Map<string, { owner: CredentialOwner; lines: string[] }>();
  const add = (owner: CredentialOwner | undefined, lines: string[]) => {
    const key = owner?.id ?? '';
    const group = groups.get(key) ?? { owner: owner ?? { id: '(unknown owner)', name: null }, lines: [] };
    group.lines.push(...lines);
    groups.set(key, group);
  };
  for (const action of report.actions.filter(isToken)) add(action.owner, actionLines(action, enforced));
  const runDay = report.startedAt.slice(0, 10);
  for (const item of report.upcoming.filter(isToken)) {
    add(item.owner, [`      ${upcomingWords(item.action, item.on, runDay)}  ${label(item.name, item.clientId)}`, `        why: ${oneLine(upcomingReason(item.reason))}`]);
  }
  for (const entry of report.exempt.filter(isToken)) {
    add(entry.owner, [`      never touched  ${label(entry.name, entry.clientId)}`, `        why: ${oneLine(entry.reason)}`]);
  }
  const byOwner = [...groups.values()].sort((a, b) => compareOwners(a.owner, b.owner));

  return [
    '',
    'Personal access tokens',
    `  Tokens in the tenant before the run: ${counts.total} (${inventory.managed} managed by ISC)`,
    `  Tokens in the tenant after the run: ${enforced ? counts.total - counts.deleted : `${counts.total} (unchanged: report only)`}`,
    `  Due for deletion (unused past the limit): ${counts.stale}`,
    `  ${enforced ? 'Deleted' : 'Would delete'}: ${counts.deleted}`,
    `  Announced for deletion: ${counts.upcoming}`,
    `  Failed: ${counts.failed}`,
    `  Not attempted: ${counts.notAttempted}`,
    `  Never touched (exempt): ${counts.exempt}`,
    `  Skipped: ${counts.skipped}`,
    '',
    `  By owner (${byOwner.length})`,
    ...(byOwner.length === 0 ? ['    nothing deleted, announced or exempt'] : []),
    ...byOwner.flatMap((group) => [`    ${ownerLabel(group.owner)}`, ...group.lines]),
    '',
    '  Token inventory before the run',
    `    Owners: ${inventory.byOwner.count}`,
    ...inventory.byOwner.items.map((item) => `      ${ownerLabel(item.owner)}: ${item.tokens}`),
    ...more(inventory.byOwner.count, inventory.byOwner.items.length, '      '),
    `    Last used less than 30 days ago: ${inventory.byInactivity.under30}`,
    `    Last used 30 to 89 days ago: ${inventory.byInactivity.from30to90}`,
    `    Last used 90 to 179 days ago: ${inventory.byInactivity.from90to180}`,
    `    Last used 180 or more days ago: ${inventory.byInactivity.over180}`,
    `    Never used: ${inventory.byInactivity.neverUsed}`,
    ...(inventory.byInactivity.unreadable ? [`    Unreadable last-used date: ${inventory.byInactivity.unreadable}`] : []),
    `    Never expire: ${inventory.neverExpire.count}`,
    ...refLines(inventory.neverExpire.items),
    ...more(inventory.neverExpire.count, inventory.neverExpire.items.length, '      '),
    `    Expiring within ${inventory.expiringWithinDays} days: ${inventory.expiringSoon.count}`,
    ...inventory.expiringSoon.items.map((item) => `      - ${item.expires}  ${refText(item)}`),
    ...more(inventory.expiringSoon.count, inventory.expiringSoon.items.length, '      '),
    ...(inventory.expired > 0 ? [`    Expired but still listed: ${inventory.expired}`] : []),
    ...(inventory.expiredTokens ?? []).map((item) => `      - ${item.expires}  ${refText(item)}`),
    ...more(inventory.expired, inventory.expiredTokens?.length ?? inventory.expired, '      '),
    `    With sp:scopes:all (every right of their owner): ${inventory.allScopes.count}`,
    ...refLines(inventory.allScopes.items),
    ...more(inventory.allScopes.count, inventory.allScopes.items.length, '      '),
  ];
}

function actionLines(action: ReportAction, enforced: boolean): string[] {
  const verb = enforced || action.outcome !== 'planned' ? `${action.action} ${action.outcome}` : `would ${action.action}`;
  return [
    `      ${verb}  ${label(action.name, action.clientId)}`,
    `        why: ${oneLine(action.reason)}`,
    ...(action.detail ? [`        note: ${oneLine(action.detail)}`] : []),
    ...(action.error ? [`        error: ${oneLine(action.error.message)}`] : []),
  ];
}

function refLines(items: readonly PatRef[]): string[] {
  return items.map((item) => `      - ${refText(item)}`);
}

/** A listed token, its owner, and whether it is the janitor's own (which is never touched). */
function refText(item: PatRef): string {
  return `${label(item.name, item.id)}, owner ${ownerLabel(item.owner)}${item.self ? ": the janitor's own token" : ''}`;
}

function more(count: number, listed: number, indent: string): string[] {
  return count > listed ? [`${indent}... and ${count - listed} more`] : [];
}

/** Names are capped so one absurd name cannot push the report off every screen. */
function label(name: string, id: string): string {
  return `${truncate(oneLine(name) || '(no name)', 60)} (${oneLine(id)})`;
}

function ownerLabel(owner: CredentialOwner): string {
  const id = owner.id ?? '';
  if (owner.name === null) return oneLine(id);
  return id === '' ? truncate(oneLine(owner.name), 60) : `${truncate(oneLine(owner.name), 60)} (${oneLine(id)})`;
}
