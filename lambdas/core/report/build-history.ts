import type { ActionError, ActionKind, ActionOutcome, CredentialKind, CredentialOwner, RunReport } from './run-report.js';
import { compareStrings } from './summarize-inventory.js';
import { upcomingReason, upcomingWords } from './upcoming-words.js';

/** An action's outcome, or `upcoming`: the run announced the action for a later date. */
export type HistoryOutcome = ActionOutcome | 'upcoming';

/**
 * One thing a run did or said about a credential: the answer to "what happened to client X,
 * when, and why", one line of it. Field names are the report's, plus the run that wrote it.
 */
export interface HistoryEntry {
  readonly reportId: string;
  /** UTC date of the run's start, `YYYY-MM-DD` (the archive's `date=`). */
  readonly date: string;
  readonly startedAt: string;
  readonly tenant: string;
  readonly mode: RunReport['mode'];
  readonly credential: CredentialKind;
  readonly clientId: string;
  readonly name: string;
  readonly owner?: CredentialOwner;
  readonly action: ActionKind;
  readonly outcome: HistoryOutcome;
  /** Why, as the run wrote it: "unused for 97 days (last used 2026-08-18), limit 90". */
  readonly reason: string;
  /** What happened, in words: `found stale; would be disabled (report only)`, `deleted`, `warned: will be deleted on 2026-03-15`. */
  readonly event: string;
  readonly detail?: string;
  /** Upcoming entries: the date the action falls due. */
  readonly on?: string;
  readonly error?: ActionError;
  readonly successorId?: string;
  readonly secretId?: string;
}

export interface HistoryFilter {
  /** One credential's entries. @default every credential's */
  readonly clientId?: string;
}

/**
 * Rebuild a timeline from archived reports: each run's actions, then what it announced, oldest
 * run first. Pure: the reports come in, the entries go out.
 */
export function buildHistory(reports: readonly RunReport[], filter: HistoryFilter = {}): HistoryEntry[] {
  const wanted = (clientId: string) => filter.clientId === undefined || clientId === filter.clientId;
  const ordered = [...reports].sort((a, b) => compareStrings(a.startedAt, b.startedAt) || compareStrings(a.reportId, b.reportId));
  return ordered.flatMap((report) => {
    const run = { reportId: report.reportId, date: report.startedAt.slice(0, 10), startedAt: report.startedAt, tenant: report.tenant, mode: report.mode };
    return [
      ...report.actions
        .filter((action) => wanted(action.clientId))
        .map((action): HistoryEntry => ({ ...run, ...action, event: eventOf(action.action, action.outcome, report.mode) })),
      ...report.upcoming
        .filter((entry) => wanted(entry.clientId))
        .map((entry): HistoryEntry => ({
          ...run,
          ...entry,
          reason: upcomingReason(entry.reason),
          outcome: 'upcoming',
          event: `warned: ${upcomingWords(entry.action, entry.on, run.date)}`,
        })),
    ];
  });
}

const DONE: Record<ActionKind, string> = { disable: 'disabled', delete: 'deleted', rotate: 'rotated', enable: 're-enabled by an operator' };

function eventOf(action: ActionKind, outcome: ActionOutcome, mode: RunReport['mode']): string {
  switch (outcome) {
    case 'done':
      return DONE[action];
    case 'planned':
      return `${action === 'rotate' ? 'secret aging' : 'found stale'}; would be ${DONE[action]} (${mode === 'report' ? 'report only' : 'planned'})`;
    case 'failed':
      return `${action} failed`;
    case 'not-attempted':
      return `${action} not attempted`;
    case 'skipped':
      return `${action} skipped`;
  }
}
