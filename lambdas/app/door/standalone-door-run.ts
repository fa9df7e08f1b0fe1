import { DEFAULT_POLICY } from '../../core/model/policy.js';
import type { RunLogger } from '../../core/run-logger.js';
import type { DoorRun } from './door.js';
import { alwaysMayAct, type MayStillAct } from './may-still-act.js';

/**
 * The door's context outside a nightly run (a rotation step, a governed creation): it enforces
 * (these paths exist only to act), counts against the default limits, judges "in use" in the
 * default staleness windows, and logs each call as its evidence.
 */
export function standaloneDoorRun(input: {
  readonly clock: () => Date;
  readonly read: DoorRun['read'];
  readonly logger?: RunLogger | undefined;
  readonly heldBySecrets?: DoorRun['heldBySecrets'];
  readonly mayStillAct?: MayStillAct | undefined;
}): DoorRun {
  return {
    mode: 'enforce',
    clock: input.clock,
    budget: { limits: DEFAULT_POLICY.limits },
    windowDays: { clients: DEFAULT_POLICY.disableAfterDays, pats: DEFAULT_POLICY.pats.deleteAfterDays },
    mayStillAct: input.mayStillAct ?? alwaysMayAct,
    read: input.read,
    ...(input.heldBySecrets ? { heldBySecrets: input.heldBySecrets } : {}),
    evidence: (line) =>
      input.logger?.info('door action', {
        clientId: line.request.id,
        credential: line.request.credential,
        action: line.request.operation,
        reasonCode: line.request.reason,
        reason: line.request.because,
        outcome: line.result.outcome,
        detail: line.result.detail ?? line.result.error?.message,
        before: line.result.before,
      }),
    logger: input.logger,
  };
}
