import type { ClientTally } from '../report/clients-after.js';
import type { ActionKind, ActionOutcome, CredentialKind, RunReport } from '../report/run-report.js';

/**
 * What an evidence pack shows, aggregated from the archive of one tenant over `from`..`to`
 * (UTC days, both included). Plain data: the HTML, the CSVs and the test that holds them to the
 * archive all read the same numbers from here.
 */
export interface EvidenceData {
  readonly tenant: string;
  readonly from: string;
  readonly to: string;
  /** Every run in range, oldest first. */
  readonly runs: readonly EvidenceRun[];
  /** One row per calendar month touched by the range, oldest first (months without runs included). */
  readonly months: readonly MonthSummary[];
  /** Actions done per UTC day of the range, by kind: every day of the range, oldest first. */
  readonly days: readonly DayActions[];
  /** The tenant after the last run of each day that had one, oldest first. */
  readonly states: readonly StatePoint[];
  /** Owners of the most stale credentials, most first (at most TOP_OWNERS). */
  readonly topOwners: readonly OwnerCount[];
  /** Distinct stale credentials (see topOwners), all owners. */
  readonly staleCredentials: number;
  /** Every archived action of the runs in range, in run order then report order. */
  readonly actions: readonly EvidenceAction[];
  /** Every credential the archive names in range, with the last thing it says about it by `to`. */
  readonly credentials: readonly CredentialRow[];
  /** The last run in range: the tenant as it stood at `to`. */
  readonly last?: { readonly run: EvidenceRun; readonly clients: ClientTally; readonly tokens?: number };
}

export interface EvidenceRun {
  readonly reportId: string;
  readonly date: string;
  readonly startedAt: string;
  readonly mode: RunReport['mode'];
  readonly outcome: RunReport['outcome'];
}

export type ActionTally = Readonly<Record<ActionKind, number>>;

export interface MonthSummary {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly runs: number;
  readonly enforceRuns: number;
  /** Actions confirmed by ISC (outcome `done`), by kind. */
  readonly done: ActionTally;
  /** Actions a report-only run would have taken (outcome `planned`). */
  readonly planned: number;
  readonly failed: number;
  /** Not attempted or skipped: the guard, the clock or the pre-delete re-check held them back. */
  readonly heldBack: number;
  /** Announcements (upcoming entries) the month's runs made, one per credential and action. */
  readonly announced: number;
}

export interface DayActions extends ActionTally {
  readonly date: string;
}

export interface StatePoint {
  readonly date: string;
  readonly enabledClients: number;
  readonly disabledClients: number;
  /** Personal access tokens, when the run governed them. */
  readonly tokens?: number;
}

export interface OwnerCount {
  /** The owner's id, or '' for credentials the archive records no owner for. */
  readonly id: string;
  readonly name: string;
  readonly credentials: number;
}

export interface EvidenceAction {
  readonly date: string;
  readonly startedAt: string;
  readonly reportId: string;
  readonly mode: RunReport['mode'];
  readonly credential: CredentialKind;
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly action: ActionKind;
  readonly outcome: ActionOutcome;
  readonly reason: string;
  readonly detail: string;
}

export interface CredentialRow {
  readonly credential: CredentialKind;
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly ownerName: string;
  /** `disabled`, `deleted`, `rotated`, `announced: delete on 2026-12-20`, `exempt`, `would disable (report only)`, `disable failed`, ... */
  readonly state: string;
  /** The UTC day of the run that said it. */
  readonly since: string;
  readonly reason: string;
  readonly reportId: string;
}
