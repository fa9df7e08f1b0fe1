/**
 * Secrets Manager's rotation vocabulary, as the core sees it. A secret has versions; staging
 * labels say which version consumers read (`AWSCURRENT`), which one a rotation is building
 * (`AWSPENDING`) and which one was current before (`AWSPREVIOUS`). The four steps of the
 * rotation protocol are named exactly as Secrets Manager sends them.
 */

export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

export const CURRENT = 'AWSCURRENT';
export const PENDING = 'AWSPENDING';
export const PREVIOUS = 'AWSPREVIOUS';
export type VersionStage = typeof CURRENT | typeof PENDING | typeof PREVIOUS;

/** Version id -> the staging labels on it (DescribeSecret's `VersionIdsToStages`). */
export type VersionStages = Readonly<Record<string, readonly string[]>>;

/** A rotation step that failed, as the rotation function noted it on the secret. */
export interface RotationFailure {
  /** ISO timestamp of the failure. */
  readonly at: string;
  readonly step: string;
  /** Why, in words (never a secret); shortened to what a tag can hold. */
  readonly reason: string;
}

/** What DescribeSecret says about a secret, as far as rotation and the report care. */
export interface SecretDescription {
  /** The full ARN (Secrets Manager) or the file path (directory store): how a secret is told apart. */
  readonly arn: string;
  readonly name: string;
  readonly rotationEnabled: boolean;
  /** Days between scheduled rotations; null when no schedule is set. */
  readonly rotationAfterDays: number | null;
  readonly versions: VersionStages;
  /** ISO timestamps; null when Secrets Manager has none. */
  readonly lastRotatedAt: string | null;
  readonly nextRotationAt: string | null;
  /** The last failed rotation step, until a rotation finishes. */
  readonly rotationFailure: RotationFailure | null;
}

/** The version carrying `stage`, if any. */
export function versionWithStage(versions: VersionStages, stage: VersionStage): string | undefined {
  return Object.keys(versions).find((id) => versions[id]?.includes(stage));
}

/** True while a rotation is under way: AWSPENDING sits on a version that is not AWSCURRENT. */
export function rotationInProgress(versions: VersionStages): boolean {
  const pending = versionWithStage(versions, PENDING);
  return pending !== undefined && !(versions[pending] ?? []).includes(CURRENT);
}
