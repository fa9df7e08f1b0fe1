import type { OAuthClient } from '../../core/model/oauth-client.js';
import type { PersonalAccessToken } from '../../core/model/personal-access-token.js';
import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import { parseIsoDate } from '../../core/parse-iso-date.js';
import { doorReasonOf } from '../../core/rules/door/door-reason-of.js';
import type { ExecutorResult } from '../actions/executor.js';
import type { Door, DoorCall, DoorOutcome } from './door.js';

/** A planned disable or delete as a door call: its reason, its words, its re-check. */
export function doorCallOf(action: PlannedAction, recheck?: DoorCall['recheck']): DoorCall {
  const replacedAt = action.replacedAt === undefined ? undefined : parseIsoDate(action.replacedAt);
  return {
    credential: action.credential,
    operation: action.kind === 'disable' ? 'disable' : 'delete',
    id: action.clientId,
    name: action.name,
    reason: doorReasonOf(action),
    because: action.reason,
    planned: true,
    ...(replacedAt ? { replacedAt } : {}),
    ...(action.secretName ? { secretName: action.secretName } : {}),
    // The janitor's own previous PAT: listed as the janitor's (owner-id=me), the right it surely has.
    ...(action.credential === 'personal-access-token' && action.rotationStep === 'retire-predecessor' ? { ownerId: 'me' } : {}),
    ...(recheck ? { recheck } : {}),
  };
}

/** The door's outcome as the report's action fields. */
export function executorResultOf(call: DoorCall, outcome: DoorOutcome): ExecutorResult {
  return {
    outcome: outcome.outcome,
    reasonCode: call.reason,
    ...(outcome.detail ? { detail: outcome.detail } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.before ? { before: outcome.before } : {}),
    ...(call.secretName ? { secretId: call.secretName } : {}),
  };
}

/** Carry out a planned disable or delete through the door. */
export async function passPlanned(door: Door, action: PlannedAction, recheck?: DoorCall['recheck']): Promise<ExecutorResult> {
  const call = doorCallOf(action, recheck);
  return executorResultOf(call, await door.pass(call));
}

/** Narrowing for re-checks: the fresh copy of a client (tokens have an owner). */
export function isClient(fresh: OAuthClient | PersonalAccessToken): fresh is OAuthClient {
  return !('owner' in fresh);
}
