import type { RotationFailure, SecretDescription } from '../model/secret-versions.js';

/**
 * How the credentials the janitor depends on or manages are doing, in every report: when their
 * secrets were rotated and will be next, which rotation failed and why, and when the janitor's
 * own PAT expires. Plain data; never a secret.
 */
export interface CredentialHealth {
  /** The janitor's own credential (its PAT); absent when the run was not asked to look. */
  readonly janitor?: JanitorCredentialHealth;
  /** Every managed client secret the rotation policy covers, by secret name. */
  readonly managedSecrets: readonly ManagedSecretHealth[];
}

/** Secrets Manager's view of one secret's rotation (DescribeSecret). */
export interface SecretRotationHealth {
  readonly secretName: string;
  readonly rotationEnabled: boolean;
  readonly lastRotatedAt: string | null;
  readonly nextRotationAt: string | null;
  /** The last failed rotation step and its reason, until a rotation finishes. */
  readonly failure: RotationFailure | null;
}

export interface ManagedSecretHealth extends SecretRotationHealth {
  readonly clientName: string;
  /** The client AWSCURRENT holds (null: the secret could not be read). */
  readonly clientId: string | null;
}

export interface JanitorCredentialHealth {
  /** The PAT this run authenticated with. */
  readonly clientId: string;
  readonly patName: string | null;
  /** ISO; null when it never expires or is not known (see `note`). */
  readonly expiresAt: string | null;
  /** Whole days left (0 on the last day, negative once expired); null when `expiresAt` is. */
  readonly daysToExpiry: number | null;
  /** The credentials secret's rotation; null when it could not be described. */
  readonly rotation: SecretRotationHealth | null;
  /** What happened to the PAT the last rotation replaced, if one is still around. */
  readonly previous?: PreviousPatOutcome;
  /** Why something above is unknown, in words. */
  readonly note?: string;
}

export interface PreviousPatOutcome {
  readonly clientId: string;
  /** `retired`: deleted by this run. `kept`: not yet (see detail). `gone`: already deleted or expired. `failed`: the delete failed. */
  readonly outcome: 'retired' | 'kept' | 'gone' | 'failed';
  readonly detail: string;
}

/** DescribeSecret's rotation facts as the report shows them. */
export function rotationHealthOf(described: SecretDescription): SecretRotationHealth {
  return {
    secretName: described.name,
    rotationEnabled: described.rotationEnabled,
    lastRotatedAt: described.lastRotatedAt,
    nextRotationAt: described.nextRotationAt,
    failure: described.rotationFailure,
  };
}
