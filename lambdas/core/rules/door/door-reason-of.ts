import type { DoorReason } from '../../model/door-request.js';
import type { PlannedAction } from '../../plan/evaluate-tenant.js';

/** The door's reason for a planned disable or delete: what the plan decided, as a typed reason. */
export function doorReasonOf(action: PlannedAction): DoorReason {
  if (action.rotationStep === 'retire-predecessor') return 'retire-predecessor';
  if (action.rotationStep === 'remove-leftover') return 'left-over';
  if (action.credential === 'personal-access-token') return 'announced-token';
  // The lifecycle deletes only clients it disabled and that stayed so past the grace.
  return action.kind === 'delete' ? 'disabled-past-grace' : 'stale';
}
