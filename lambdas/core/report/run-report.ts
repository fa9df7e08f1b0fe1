/**
 * The RunReport: what one run saw and did, for auditors (rendered as text) and machines (JSON).
 * It is plain data: JSON-serializable, no Dates, no class instances, and never a secret.
 */

import type { CredentialHealth } from './credential-health.js';
import type { OwnerSource } from '../model/owner.js';
import type { DoorReason } from '../model/door-request.js';

/** What a run may plan and do on its own. */
export type PlannedActionKind = 'disable' | 'delete' | 'rotate';
/**
 * Every kind of action the record holds: the planned ones, and `enable`, which no run ever plans:
 * an operator's undo of a disable (`janitor enable`), archived like the rest so history shows it.
 */
export type ActionKind = PlannedActionKind | 'enable';

/** What kind of credential an entry is about. A token's id goes where a client's does, in `clientId`. */
export type CredentialKind = 'oauth-client' | 'personal-access-token';

/**
 * Whose credential it is. A personal access token's owner is on the token (`source: 'pat-owner'`,
 * `id` always set); an OAuth client's comes from the policy's `owners.map` or from the identity
 * that created it (`audit-event`). `name` is for people, null when ISC gave none.
 */
export interface CredentialOwner {
  /** The identity's id: always for a token; for a client when the identities index knew the creator. */
  readonly id?: string;
  readonly name: string | null;
  readonly email?: string;
  readonly source?: OwnerSource;
  /** The identity's lifecycle state (`active`, `inactive`, `terminated`, ...) when known. */
  readonly lifecycleState?: string;
  /** The owner identity is inactive, terminated or gone: nobody answers for the credential. */
  readonly orphaned?: boolean;
}

/**
 * `planned`: report mode, nothing was sent. `done`: ISC confirmed it. `failed`: ISC refused or
 * never answered. `not-attempted`: blocked by the guard, the time budget ran out first, or the
 * run was interrupted before it started this one (detail `interrupted`), or it lost its tenant
 * lease before this one (detail LEASE_LOST).
 * `skipped`: the pre-delete re-check found the client no longer qualifies; left alone.
 */
export type ActionOutcome = 'done' | 'planned' | 'failed' | 'not-attempted' | 'skipped';

/**
 * `interrupted`: the run was stopped by a signal (SIGINT, SIGTERM); the actions it had started
 * were waited for and are reported as they ended, the others are `not-attempted` with detail
 * `interrupted`. It wins over every other outcome but one: the run did not get to finish.
 * `lease-lost`: the run lost its tenant lease (another run took the tenant over, or the lease ran
 * out unrenewed); it stopped before its next action: those it carried out are listed with their
 * outcome, the others are `not-attempted` with detail LEASE_LOST. It wins over every other outcome.
 */
export type RunOutcome = 'ok' | 'failed' | 'blocked' | 'interrupted' | 'lease-lost';

export interface ActionError {
  readonly message: string;
  readonly status?: number;
  readonly trackingId?: string;
}

export interface ReportAction {
  readonly credential: CredentialKind;
  /** The client's or the token's id. */
  readonly clientId: string;
  readonly name: string;
  /** Personal access tokens only: whose token it is. */
  readonly owner?: CredentialOwner;
  readonly action: ActionKind;
  /** Why, in words an auditor can read: "unused for 97 days (last used 2026-08-18), limit 90". */
  readonly reason: string;
  readonly outcome: ActionOutcome;
  /** Extra words on the outcome: "already gone", "re-enabled since planning; left alone". */
  readonly detail?: string;
  readonly error?: ActionError;
  /** Rotation only: the successor's id and where its secret is stored (a name/ARN, never a value). */
  readonly successorId?: string;
  readonly secretId?: string;
  /** A disable or delete: the door's typed reason (`stale`, `left-over`, `retire-predecessor`, ...). */
  readonly reasonCode?: DoorReason;
  /** A disable or delete: the credential as the door read it right before the call. */
  readonly before?: { readonly enabled: boolean; readonly lastUsed: string | null };
}

export interface UpcomingAction {
  readonly credential: CredentialKind;
  readonly clientId: string;
  readonly name: string;
  readonly owner?: CredentialOwner;
  readonly action: PlannedActionKind;
  /**
   * UTC calendar date (YYYY-MM-DD) on which the client crosses the threshold. For a personal
   * access token, the first day it may be deleted: this entry is its announcement.
   */
  readonly on: string;
  /** Why, without the date (the renderers word it: `will be deleted on 2026-12-20`). */
  readonly reason: string;
}

/** A credential the policy keeps out of every action, and why. */
export interface ExemptEntry {
  readonly credential: CredentialKind;
  readonly clientId: string;
  readonly name: string;
  readonly owner?: CredentialOwner;
  readonly reason: string;
}

export interface InactivityBuckets {
  readonly under30: number;
  readonly from30to90: number;
  readonly from90to180: number;
  readonly over180: number;
  readonly neverUsed: number;
  /** Used clients whose `lastUsed` could not be read (skipped with a warning); in no bucket above. */
  readonly unreadable?: number;
}

export interface InventorySummary {
  readonly total: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly internal: number;
  readonly byInactivity: InactivityBuckets;
  /** Clients holding the all-powerful `sp:scopes:all` scope; `self` marks the janitor's own client. */
  readonly allScopes: { readonly count: number; readonly clients: readonly { readonly id: string; readonly name: string; readonly self?: true }[] };
  /**
   * Clients whose owner is inactive, terminated or gone (see `owners` in the policy), the first
   * 100 listed, ordered by id; absent when there are none.
   */
  readonly orphaned?: { readonly count: number; readonly clients: readonly { readonly id: string; readonly name: string; readonly owner: CredentialOwner }[] };
}

/** A personal access token named in the inventory. */
export interface PatRef {
  readonly id: string;
  readonly name: string;
  readonly owner: CredentialOwner;
  /** The janitor's own token (the credential it runs with): never touched, and said so where listed. */
  readonly self?: true;
}

/** A list the report names up to a cap (so it cannot crowd the actions out of an email); `count` is the full number. */
export interface CappedList<T> {
  readonly count: number;
  readonly items: readonly T[];
}

/** The tenant's personal access tokens at a glance: whose they are, how idle, how powerful, when they end. */
export interface PatInventory {
  readonly total: number;
  /** Created by the platform for a feature (Workflows); never touched. */
  readonly managed: number;
  readonly byInactivity: InactivityBuckets;
  /** Tokens per owner, most first, then by owner name and id. `count` is the number of owners. */
  readonly byOwner: CappedList<{ readonly owner: CredentialOwner; readonly tokens: number }>;
  /** `expirationDate` null: the token works until someone deletes it. */
  readonly neverExpire: CappedList<PatRef>;
  /** `pats.warnDays`: how far ahead `expiringSoon` looks. */
  readonly expiringWithinDays: number;
  /** Expiring within `expiringWithinDays` from the run (not yet expired), soonest first; `expires` is the UTC date. */
  readonly expiringSoon: CappedList<PatRef & { readonly expires: string }>;
  /** Past their expirationDate but still listed by ISC. */
  readonly expired: number;
  /** The first of them, longest expired first; `expires` is the UTC date (absent in reports archived before it was kept). */
  readonly expiredTokens?: readonly (PatRef & { readonly expires: string })[];
  /** Holding `sp:scopes:all` (also what a null or empty scope means): every right of the owner. */
  readonly allScopes: CappedList<PatRef>;
}

export interface PatCounts {
  /** All personal access tokens in the tenant (the guard's denominator for them). */
  readonly total: number;
  /** Unused past their limit: due for deletion, announced or not. */
  readonly stale: number;
  /** Deletions done (enforce) or planned (report mode). */
  readonly deleted: number;
  /** Deletions this run announced (its upcoming list): the record a later run deletes on. */
  readonly upcoming: number;
  readonly exempt: number;
  /** Unreadable data, or no longer qualifying at the pre-delete re-check. */
  readonly skipped: number;
  readonly failed: number;
  readonly notAttempted: number;
}

export interface RunCounts {
  /** All clients in the tenant (the guard's denominator). */
  readonly total: number;
  /** Clients the policy found stale: due for disable or delete, whatever happened next. */
  readonly stale: number;
  /** Disable actions done (enforce) or planned (report mode). */
  readonly disabled: number;
  /** Delete actions done (enforce) or planned (report mode). */
  readonly deleted: number;
  /** Rotations done (enforce) or planned (report mode). */
  readonly rotated: number;
  readonly failed: number;
  readonly notAttempted: number;
  readonly exempt: number;
  readonly upcoming: number;
  /**
   * Clients skipped: unreadable data, or no longer qualifying at the pre-delete re-check. List
   * entries ISC sent that could not be read as a client at all count here, not in `total`.
   */
  readonly skipped: number;
}

export interface RunReport {
  readonly reportId: string;
  readonly tenant: string;
  readonly mode: 'report' | 'enforce';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: RunOutcome;
  /** Set when outcome is `blocked`: the numbers and the limit that stopped the run. */
  readonly blockedReason?: string;
  /** Set when outcome is `lease-lost`: how the run lost its tenant lease (the actions say what it did and did not do). */
  readonly leaseLostReason?: string;
  /**
   * Set when the run stopped before it could evaluate the tenant (credentials missing or refused,
   * no token, the network, the deadline): why, in words. Nothing was evaluated or changed, so the counts, actions
   * and inventory are empty; the outcome is `failed`, or `interrupted` when a signal stopped it.
   */
  readonly failedReason?: string;
  readonly counts: RunCounts;
  /**
   * Every action, a blocked 50,000-client plan's too: the report, `--json` and the archive are the
   * whole record. Only what has a size limit (the SNS message, log lines) is cut, and says where
   * the whole report is.
   */
  readonly actions: readonly ReportAction[];
  readonly upcoming: readonly UpcomingAction[];
  /** Credentials the policy keeps out of every action, each with its reason. */
  readonly exempt: readonly ExemptEntry[];
  readonly warnings: readonly string[];
  readonly inventory: InventorySummary;
  /** Present when the policy governs personal access tokens (`pats.enabled`); `counts` above are the clients'. */
  readonly pats?: { readonly counts: PatCounts; readonly inventory: PatInventory };
  /** The policy in force for this run (no secrets in a policy). */
  readonly policy: unknown;
  /** Set once the run's evidence archive was written to, or failed to be; absent without an archive. */
  readonly archive?: ReportArchiveStatus;
  /**
   * The owner notices this run sent (`owners.notices`), one per owner email, with what each listed:
   * kept with the report in the archive, as the announcements are. Absent when notices are off.
   */
  readonly notices?: {
    readonly sent: number;
    readonly failed: number;
    readonly items: readonly {
      readonly to: string;
      readonly owner: CredentialOwner;
      readonly status: 'sent' | 'failed';
      readonly messageId?: string;
      readonly error?: string;
      readonly credentials: readonly { readonly credential: string; readonly id: string; readonly name: string; readonly action: string; readonly on: string }[];
    }[];
  };
  /** Rotation state of the managed secrets and the janitor's own PAT (expiry, previous PAT). */
  readonly credentials?: CredentialHealth;
}

/**
 * Whether the report reached the evidence archive. `failed`: it did not, so this report (the email,
 * the SNS message, the logs) is the only record of the run; a warning says so too.
 */
export interface ReportArchiveStatus {
  readonly status: 'written' | 'failed';
  /** Where the full report is: `s3://bucket/reports/tenant=.../date=.../<reportId>.json` or a file path. */
  readonly location?: string;
  /** Why the write failed, in words (never a secret). */
  readonly error?: string;
}
