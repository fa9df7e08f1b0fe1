import type { OAuthClient } from '../model/oauth-client.js';
import type { PlannedAction } from './evaluate-tenant.js';
import type { Policy } from '../model/policy.js';
import type { UpcomingAction } from '../report/run-report.js';
import type { ManagedSecretHealth } from '../report/credential-health.js';

/** What the rotation rules decided for the tenant: actions, upcoming rotations, warnings. */
export interface RotationPlan {
  readonly plan: readonly PlannedAction[];
  readonly upcoming: readonly UpcomingAction[];
  readonly warnings: readonly string[];
  /** The managed secrets' rotation state, for the report (where the store can describe them). */
  readonly health?: readonly ManagedSecretHealth[];
  /** The managed secrets the plan read (names): the door re-reads their stages before a delete. */
  readonly secretNames?: readonly string[];
}

/** The shared state the per-name rules write into (internal to plan-rotation). */
export interface RotationDraft {
  readonly policy: Policy;
  readonly now: Date;
  readonly selfClientId: string;
  readonly plan: PlannedAction[];
  readonly upcoming: UpcomingAction[];
  readonly warnings: string[];
}

/** `payroll-export (2c91...)`: how the rotation rules name a client in reasons and warnings. */
export function labelOf(client: OAuthClient): string {
  return `${client.name ?? '(no name)'} (${client.id})`;
}
