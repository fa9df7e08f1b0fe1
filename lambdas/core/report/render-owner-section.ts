import { oneLine, truncate } from '../text.js';
import type { CredentialOwner, ReportAction, RunReport } from './run-report.js';
import { compareStrings } from './summarize-inventory.js';
import { upcomingWords } from './upcoming-words.js';

const SOURCE_WORDS: Readonly<Record<NonNullable<CredentialOwner['source']>, string>> = {
  map: 'from owners.map',
  'audit-event': 'created it (audit event)',
  'pat-owner': 'owns the token',
};

/**
 * The OAuth clients' actions and upcoming actions grouped by owner (tokens are grouped in their
 * own section), so each owner finds what happens to theirs in one place. Clients without a known
 * owner come last under "No known owner". Nothing when no client has an owner (owners not set up).
 */
export function renderOwnerSection(report: RunReport): string[] {
  const isClient = (entry: { credential: string }): boolean => entry.credential === 'oauth-client';
  const actions = report.actions.filter(isClient);
  const upcoming = report.upcoming.filter(isClient);
  if (![...actions, ...upcoming].some((entry) => entry.owner !== undefined)) return [];
  const enforced = report.mode === 'enforce';
  const runDay = report.startedAt.slice(0, 10);
  const groups = new Map<string, { owner: CredentialOwner | undefined; lines: string[] }>();
  const add = (owner: CredentialOwner | undefined, line: string): void => {
    const key = owner === undefined ? '\uffff' : `${owner.name ?? ''}\u0000${owner.email ?? ''}\u0000${owner.id ?? ''}`;
    const group = groups.get(key) ?? { owner, lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  };
  for (const action of actions) add(action.owner, `    ${actionWords(action, enforced)}  ${label(action.name, action.clientId)}`);
  for (const item of upcoming) add(item.owner, `    ${upcomingWords(item.action, item.on, runDay)}  ${label(item.name, item.clientId)}`);
  const ordered = [...groups.entries()].sort(([a], [b]) => compareStrings(a, b));
  return [
    `OAuth clients by owner (${ordered.filter(([, group]) => group.owner !== undefined).length} owners)`,
    ...ordered.flatMap(([, group]) => [`  ${group.owner === undefined ? 'No known owner' : ownerWords(group.owner)}`, ...group.lines]),
    '',
  ];
}

/** `Jane Doe <jane@example.com>, created it (audit event), lifecycle inactive, ORPHANED`. */
export function ownerWords(owner: CredentialOwner): string {
  return [
    `${truncate(oneLine(owner.name ?? owner.id ?? '(no name)'), 60)}${owner.email === undefined ? '' : ` <${oneLine(owner.email)}>`}`,
    ...(owner.source === undefined ? [] : [SOURCE_WORDS[owner.source]]),
    ...(owner.lifecycleState === undefined ? [] : [`lifecycle ${oneLine(owner.lifecycleState)}`]),
    ...(owner.orphaned === true ? ['ORPHANED: the owner is inactive or gone'] : []),
  ].join(', ');
}

function actionWords(action: ReportAction, enforced: boolean): string {
  if (action.outcome === 'done') return action.action === 'disable' ? 'disabled' : action.action === 'delete' ? 'deleted' : 'rotated';
  if (action.outcome === 'planned') return `would ${action.action}`;
  return `${action.action} ${action.outcome}${enforced ? '' : ' (report mode)'}`;
}

function label(name: string, id: string): string {
  return `${truncate(oneLine(name) || '(no name)', 60)} (${oneLine(id)})`;
}

