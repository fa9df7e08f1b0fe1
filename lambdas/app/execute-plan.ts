import type { ClientFinding, EvaluationContext } from '../core/plan/evaluate-client.js';
import { evaluateClient } from '../core/plan/evaluate-client.js';
import type { PlannedAction } from '../core/plan/evaluate-tenant.js';
import type { OAuthClientsApi } from '../core/ports.js';
import type { RunLogger } from '../core/run-logger.js';
import type { ActionKind, ReportAction } from '../core/report/run-report.js';
import { isIscApiError } from '../core/isc-api-error.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { toActionError } from './to-action-error.js';

type PlannedActionFields = Pick<ReportAction, 'clientId' | 'name' | 'action' | 'reason'>;
/** What an executor reports: the outcome and its details; the planned fields are added around it. */
export type ExecutorResult = Omit<ReportAction, keyof PlannedActionFields>;
type Executor = (action: PlannedAction, ctx: ExecutionContext) => Promise<ExecutorResult>;

/** The rotation steps that need the secret store (issue 6): lambdas/rotation builds them. */
export interface RotationExecutors {
  /** Create the successor, store its secret (or roll the successor back). */
  rotate(action: PlannedAction): Promise<ExecutorResult>;
  /** Delete a successor left by a crashed rotation, after re-checking it against the secret. */
  removeLeftover(action: PlannedAction): Promise<ExecutorResult>;
}

/** What one executor needs; rotation adds its own dependencies through `rotation`. */
export interface ExecutionContext {
  readonly api: OAuthClientsApi;
  readonly evaluation: EvaluationContext;
  readonly logger: RunLogger;
  /** Rotation executors (issue 6); absent when rotation is not configured. */
  readonly rotation?: RotationExecutors;
}

const NO_STORE = 'rotation is planned but no secret store is configured for this run';

/**
 * The action registry (STYLE.md, after Cloud Custodian): the compiler proves that every planned
 * action kind has an executor.
 */
const executors: Record<ActionKind, Executor> = {
  async disable(action, { api }) {
    await api.disable(action.clientId);
    return { outcome: 'done' };
  },

  /**
   * Deletion cannot be undone, so the client is fetched and judged again right before it: if it
   * was re-enabled, used or modified since the list was read, it is left alone.
   */
  async delete(action, { api, evaluation, rotation }) {
    if (action.rotationStep === 'remove-leftover') {
      if (!rotation) throw new Error(NO_STORE);
      return rotation.removeLeftover(action);
    }
    let fresh;
    try {
      fresh = await api.get(action.clientId);
    } catch (error) {
      // A 404 here may come from a proxy, not ISC: let the DELETE itself confirm (204, or ISC's
      // own JSON 404 = already gone) rather than trusting the GET.
      if (!(isIscApiError(error) && error.status === 404)) throw error;
      const result = await api.delete(action.clientId);
      return result === 'already-gone' ? { outcome: 'done', detail: 'already gone' } : { outcome: 'done' };
    }
    const recheck: ClientFinding = evaluateClient(fresh, evaluation);
    if (recheck.verdict !== 'delete') {
      return { outcome: 'skipped', detail: `no longer qualifies at the pre-delete check (${recheck.reason}); left alone` };
    }
    const result = await api.delete(action.clientId);
    return result === 'already-gone' ? { outcome: 'done', detail: 'already gone' } : { outcome: 'done' };
  },

  async rotate(action, { rotation }) {
    if (!rotation) throw new Error(NO_STORE);
    return rotation.rotate(action);
  },
};

export interface ExecutePlanOptions {
  readonly concurrency: number;
  /** True when there is no longer time to start an action safely (the time budget is nearly spent). */
  readonly outOfTime: () => boolean;
}

/**
 * Apply the plan in phases: disables, then left-over successors of crashed rotations (so they
 * are gone before a new rotation of the same name starts), then rotations, then deletes. Within
 * a phase, actions run with bounded concurrency (the ISC client paces requests to the rate
 * limit). One failure never stops the others, except that a name whose left-over could not be
 * removed is not rotated again. Once time runs short, the rest is reported as not attempted.
 */
export async function executePlan(
  plan: readonly PlannedAction[],
  ctx: ExecutionContext,
  options: ExecutePlanOptions,
): Promise<ReportAction[]> {
  const runOne = async (action: PlannedAction): Promise<ReportAction> => {
    const base = baseOf(action);
    if (options.outOfTime()) {
      return { ...base, outcome: 'not-attempted', detail: 'the run ran out of time before this action' };
    }
    try {
      const result = await executors[action.kind](action, ctx);
      ctx.logger.info('action', { clientId: action.clientId, action: action.kind, outcome: result.outcome, detail: result.detail });
      return { ...base, ...result };
    } catch (error) {
      const actionError = toActionError(error);
      ctx.logger.error('action', {
        clientId: action.clientId,
        action: action.kind,
        outcome: 'failed',
        trackingId: actionError.trackingId,
        status: actionError.status,
        error: actionError.message,
      });
      return { ...base, outcome: 'failed', error: actionError };
    }
  };

  const leftover = (action: PlannedAction) => action.rotationStep === 'remove-leftover';
  const phases: ((action: PlannedAction) => boolean)[] = [
    (action) => action.kind === 'disable',
    (action) => action.kind === 'delete' && leftover(action),
    (action) => action.kind === 'rotate',
    (action) => action.kind === 'delete' && !leftover(action),
  ];
  const results: ReportAction[] = [];
  const blockedSecrets = new Set<string>();
  for (const inPhase of phases) {
    const phase = plan.filter(inPhase);
    const phaseResults = await mapWithConcurrency(phase, options.concurrency, (action) => {
      if (action.kind === 'rotate' && action.secretName && blockedSecrets.has(action.secretName)) {
        const detail = 'a left-over successor of an earlier rotation could not be removed first; not rotated';
        return Promise.resolve<ReportAction>({ ...baseOf(action), outcome: 'not-attempted', detail });
      }
      return runOne(action);
    });
    for (const result of phaseResults) {
      const action = plan.find((a) => a.clientId === result.clientId && a.kind === result.action);
      if (action && leftover(action) && action.secretName && !['done', 'skipped'].includes(result.outcome)) blockedSecrets.add(action.secretName);
    }
    results.push(...phaseResults);
  }
  return results;
}

function baseOf(action: PlannedAction): PlannedActionFields & Pick<ReportAction, 'secretId'> {
  const base = { clientId: action.clientId, name: action.name, action: action.kind, reason: action.reason };
  // Where a rotation step's secret lives is part of the record (a name, never a value).
  return action.secretName ? { ...base, secretId: action.secretName } : base;
}
