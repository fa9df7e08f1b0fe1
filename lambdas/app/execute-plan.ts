import type { PlannedAction } from '../core/plan/evaluate-tenant.js';
import type { RunLogger } from '../core/run-logger.js';
import type { ReportAction } from '../core/report/run-report.js';
import { executorKindOf, plannedFieldsOf, type Executor, type ExecutorKind } from './actions/executor.js';
import { INTERRUPTED } from '../core/report/build-report.js';
import type { MayStillAct } from './door/may-still-act.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { toActionError } from './to-action-error.js';

export interface ExecutePlanOptions {
  readonly concurrency: number;
  /** True when there is no longer time to start an action safely (the time budget is nearly spent). */
  readonly outOfTime: () => boolean;
  /** True once the run was interrupted (a signal): no action starts after that. @default never */
  readonly interrupted?: () => boolean;
  /**
   * Asked right before each action is started (the tenant lease's fencing check): a no makes that
   * action not attempted, with the answer's words as its detail. @default always yes
   */
  readonly mayStillAct?: MayStillAct;
}

/**
 * Apply the plan in phases: disables, then left-over successors of crashed rotations (so they
 * are gone before a new rotation of the same name starts), then rotations, then deletes. Within
 * a phase, actions run with bounded concurrency (the ISC client paces requests to the rate
 * limit). One failure never stops the others, except that a name whose left-over could not be
 * removed is not rotated again. Once time runs short, or the run lost its tenant lease, the rest
 * is reported as not attempted.
 */
export async function executePlan(
  plan: readonly PlannedAction[],
  registry: Readonly<Record<ExecutorKind, Executor>>,
  logger: RunLogger,
  options: ExecutePlanOptions,
): Promise<ReportAction[]> {
  const runOne = async (action: PlannedAction): Promise<ReportAction> => {
    const base = plannedFieldsOf(action);
    if (options.interrupted?.()) return { ...base, outcome: 'not-attempted', detail: INTERRUPTED };
    if (options.outOfTime()) {
      return { ...base, outcome: 'not-attempted', detail: 'the run ran out of time before this action' };
    }
    const may = await options.mayStillAct?.();
    if (may?.ok === false) return { ...base, outcome: 'not-attempted', detail: may.why };
    try {
      const result = await registry[executorKindOf(action)](action);
      if (result.outcome === 'failed') {
        // The door reports a refused or failed call as an outcome rather than throwing it: logged as one.
        logger.error('action', { clientId: action.clientId, action: action.kind, outcome: 'failed', trackingId: result.error?.trackingId, status: result.error?.status, error: result.error?.message });
      } else {
        logger.info('action', { clientId: action.clientId, action: action.kind, outcome: result.outcome, detail: result.detail });
      }
      return { ...base, ...result };
    } catch (error) {
      const actionError = toActionError(error);
      logger.error('action', {
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
        return Promise.resolve<ReportAction>({ ...plannedFieldsOf(action), outcome: 'not-attempted', detail });
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
