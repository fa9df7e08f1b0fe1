import { clientsAfter } from '../report/clients-after.js';
import type { ActionKind, CredentialKind, CredentialOwner, ReportAction, RunReport } from '../report/run-report.js';
import { compareStrings } from '../report/summarize-inventory.js';
import { upcomingReason } from '../report/upcoming-words.js';
import type { CredentialRow, DayActions, EvidenceAction, EvidenceData, EvidenceRun, MonthSummary, OwnerCount, StatePoint } from './evidence-data.js';
import { daysFrom, monthsFrom } from './evidence-days.js';

/** How many owners the "top owners of stale credentials" chart names. */
export const TOP_OWNERS = 10;

/** One archived run: its full report and its action lines (the complete list of its actions). */
export interface ArchivedRunEvidence {
  readonly report: RunReport;
  readonly actions: readonly ReportAction[];
}

/** The action kinds, in the order the pack shows them. */
export const ACTION_KINDS: readonly ActionKind[] = ['disable', 'delete', 'rotate', 'enable'];
const NO_OWNER = '(no owner recorded)';

/**
 * The evidence of one tenant over `from`..`to` (UTC days, both included), from its archived runs:
 * monthly totals, actions per day, the tenant's state after each day's last run, the owners of
 * the most stale credentials, every action, and every credential the archive names with the last
 * thing it said about it. Pure: the runs come in (any order), the numbers go out. A stale
 * credential is one the runs disabled, deleted, or announced for either, whatever the outcome.
 */
export function buildEvidence(input: { readonly tenant: string; readonly from: string; readonly to: string; readonly runs: readonly ArchivedRunEvidence[] }): EvidenceData {
  const { tenant, from, to } = input;
  const runs = input.runs
    .filter(({ report }) => report.tenant === tenant && dayOf(report) >= from && dayOf(report) <= to)
    .sort((a, b) => compareStrings(a.report.startedAt, b.report.startedAt) || compareStrings(a.report.reportId, b.report.reportId));

  const actions: EvidenceAction[] = runs.flatMap(({ report, actions: lines }) =>
    lines.map((action) => ({
      date: dayOf(report),
      startedAt: report.startedAt,
      reportId: report.reportId,
      mode: report.mode,
      credential: action.credential,
      id: action.clientId,
      name: action.name,
      ...owner(action.owner),
      action: action.action,
      outcome: action.outcome,
      reason: action.reason,
      detail: action.detail ?? '',
    })),
  );

  const months: MonthSummary[] = monthsFrom(from, to).map((month) => {
    const inMonth = runs.filter(({ report }) => dayOf(report).startsWith(month));
    const monthActions = actions.filter((action) => action.date.startsWith(month));
    const count = (test: (action: EvidenceAction) => boolean) => monthActions.filter(test).length;
    const announced = new Set(inMonth.flatMap(({ report }) => report.upcoming.map((item) => `${item.credential} ${item.clientId} ${item.action}`)));
    return {
      month,
      runs: inMonth.length,
      enforceRuns: inMonth.filter(({ report }) => report.mode === 'enforce').length,
      done: tally(monthActions.filter((action) => action.outcome === 'done')),
      planned: count((action) => action.outcome === 'planned'),
      failed: count((action) => action.outcome === 'failed'),
      heldBack: count((action) => action.outcome === 'not-attempted' || action.outcome === 'skipped'),
      announced: announced.size,
    };
  });

  const doneByDay = new Map<string, EvidenceAction[]>();
  for (const action of actions) if (action.outcome === 'done') doneByDay.set(action.date, [...(doneByDay.get(action.date) ?? []), action]);
  const days: DayActions[] = daysFrom(from, to).map((date) => ({ date, ...tally(doneByDay.get(date) ?? []) }));

  const lastOfDay = new Map<string, RunReport>();
  for (const { report } of runs) lastOfDay.set(dayOf(report), report);
  const states: StatePoint[] = [...lastOfDay.entries()].map(([date, report]) => {
    const clients = clientsAfter(report);
    const tokens = tokensAfter(report);
    return { date, enabledClients: clients.enabled, disabledClients: clients.disabled, ...(tokens === undefined ? {} : { tokens }) };
  });

  const { topOwners, staleCredentials } = ownersOfStale(runs);
  const lastRun = runs[runs.length - 1]?.report;
  const lastTokens = lastRun ? tokensAfter(lastRun) : undefined;
  return {
    tenant,
    from,
    to,
    runs: runs.map(({ report }) => runOf(report)),
    months,
    days,
    states,
    topOwners,
    staleCredentials,
    actions,
    credentials: credentialRows(runs),
    ...(lastRun ? { last: { run: runOf(lastRun), clients: clientsAfter(lastRun), ...(lastTokens === undefined ? {} : { tokens: lastTokens }) } } : {}),
  };
}

function dayOf(report: RunReport): string {
  return report.startedAt.slice(0, 10);
}

function runOf(report: RunReport): EvidenceRun {
  return { reportId: report.reportId, date: dayOf(report), startedAt: report.startedAt, mode: report.mode, outcome: report.outcome };
}

function tally(actions: readonly { readonly action: ActionKind }[]): Record<ActionKind, number> {
  const counts = { disable: 0, delete: 0, rotate: 0, enable: 0 };
  for (const action of actions) counts[action.action] += 1;
  return counts;
}

/** Tokens after the run: the inventory's, less the deletions ISC confirmed (none in report mode). */
function tokensAfter(report: RunReport): number | undefined {
  if (!report.pats) return undefined;
  return report.pats.counts.total - (report.mode === 'enforce' ? report.pats.counts.deleted : 0);
}

function owner(value: CredentialOwner | undefined): { ownerId: string; ownerName: string } {
  return { ownerId: value?.id ?? '', ownerName: value?.name ?? '' };
}

function ownersOfStale(runs: readonly ArchivedRunEvidence[]): { topOwners: OwnerCount[]; staleCredentials: number } {
  const stale = new Map<string, { id: string; name: string }>();
  const note = (credential: CredentialKind, id: string, action: ActionKind, who: CredentialOwner | undefined) => {
    // A rotation renews a credential in use and an enable undoes a disable: neither is about staleness.
    if (action === 'rotate' || action === 'enable') return;
    const key = `${credential} ${id}`;
    const known = stale.get(key);
    // An owner learned from any entry wins over "no owner recorded".
    const named = who && (who.id !== undefined || who.name !== null);
    if (!known || (known.name === NO_OWNER && named)) stale.set(key, named ? { id: who.id ?? '', name: who.name ?? who.id ?? NO_OWNER } : { id: '', name: NO_OWNER });
  };
  for (const { report, actions } of runs) {
    for (const action of actions) note(action.credential, action.clientId, action.action, action.owner);
    for (const item of report.upcoming) note(item.credential, item.clientId, item.action, item.owner);
  }
  const byOwner = new Map<string, OwnerCount>();
  for (const { id, name } of stale.values()) {
    // An owner known by name only (a client's creator the identities index did not know) is grouped by name.
    const key = id === '' ? `name:${name}` : id;
    const counted = byOwner.get(key);
    byOwner.set(key, { id, name: counted?.name ?? name, credentials: (counted?.credentials ?? 0) + 1 });
  }
  const topOwners = [...byOwner.values()]
    .sort((a, b) => b.credentials - a.credentials || compareStrings(a.name, b.name) || compareStrings(a.id, b.id))
    .slice(0, TOP_OWNERS);
  return { topOwners, staleCredentials: stale.size };
}

const DONE: Record<ActionKind, string> = { disable: 'disabled', delete: 'deleted', rotate: 'rotated', enable: 're-enabled' };

/** The last thing the archive says about each credential it names, oldest run first so later runs win. */
function credentialRows(runs: readonly ArchivedRunEvidence[]): CredentialRow[] {
  const rows = new Map<string, CredentialRow>();
  const set = (credential: CredentialKind, id: string, name: string, who: CredentialOwner | undefined, state: string, report: RunReport, reason: string) => {
    const key = `${credential} ${id}`;
    const known = rows.get(key);
    const ownerFields = who ? owner(who) : { ownerId: known?.ownerId ?? '', ownerName: known?.ownerName ?? '' };
    rows.set(key, { credential, id, name, ...ownerFields, state, since: dayOf(report), reason, reportId: report.reportId });
  };
  for (const { report, actions } of runs) {
    for (const entry of report.exempt) set(entry.credential, entry.clientId, entry.name, entry.owner, 'exempt', report, entry.reason);
    for (const item of report.upcoming) set(item.credential, item.clientId, item.name, item.owner, `announced: ${item.action} on ${item.on}`, report, upcomingReason(item.reason));
    for (const action of actions) set(action.credential, action.clientId, action.name, action.owner, stateOf(action), report, action.reason);
  }
  return [...rows.values()].sort((a, b) => compareStrings(a.credential, b.credential) || compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
}

function stateOf(action: ReportAction): string {
  switch (action.outcome) {
    case 'done':
      return DONE[action.action];
    case 'planned':
      return `would ${action.action} (report only)`;
    case 'failed':
      return `${action.action} failed`;
    case 'not-attempted':
      return `${action.action} not attempted`;
    case 'skipped':
      return `${action.action} skipped`;
  }
}
