/**
 * Why a credential is removed or weakened: every path that may disable or delete one names its
 * reason, and the door's rules (lambdas/core/rules/door/) judge the call by it.
 * - `stale`: the policy's lifecycle disables (or deletes) a client nobody used for long enough.
 * - `disabled-past-grace`: a client the janitor disabled is deleted after the grace.
 * - `announced-token`: a personal access token whose deletion an earlier run announced.
 * - `retire-predecessor`: the credential a rotation replaced (a client is disabled, a PAT deleted).
 * - `left-over`: a successor an interrupted rotation made and nobody holds the secret of.
 * - `rollback-own-creation`: a credential this process just created whose secret it could not store.
 * - `revoke`: a leaked credential is disabled at once (the leak response).
 */
export const DOOR_REASONS = [
  'stale',
  'disabled-past-grace',
  'announced-token',
  'retire-predecessor',
  'left-over',
  'rollback-own-creation',
  'revoke',
] as const;

export type DoorReason = (typeof DOOR_REASONS)[number];

/** What the door can do to a credential: disabling is undoable, deleting is not. PATs cannot be disabled. */
export type DoorOperation = 'disable' | 'delete';

/** One destructive call as its caller asks for it. */
export interface DoorRequest {
  /** The report's CredentialKind, spelled out here so the model needs nothing from the report. */
  readonly credential: 'oauth-client' | 'personal-access-token';
  readonly operation: DoorOperation;
  /** The client's or the token's id. */
  readonly id: string;
  /** The name as the caller saw it (for the evidence; the re-read decides). */
  readonly name: string;
  readonly reason: DoorReason;
  /** Why, in an auditor's words: "unused for 97 days (last used 2026-08-18), limit 90". */
  readonly because: string;
  /**
   * A credential a rotation replaced: when it was replaced. Use before that was its consumers'
   * normal use; use after it means somebody still holds the old secret, so it is in use.
   */
  readonly replacedAt?: Date | undefined;
  /** Where the managed secret of a rotated client lives (a name, never a value). */
  readonly secretName?: string | undefined;
}

/** A credential's state as read right before the call: what the evidence records as "before". */
export interface CredentialState {
  readonly id: string;
  readonly name: string | null;
  /** Personal access tokens have no enabled flag: always true for them. */
  readonly enabled: boolean;
  readonly lastUsed: string | null;
  readonly created: string;
}
