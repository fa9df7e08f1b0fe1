import type { ClientFinding, EvaluationContext } from './core/evaluate-client.js';
import { evaluateClient } from './core/evaluate-client.js';
import type { PlannedAction } from './core/evaluate-tenant.js';
import type { OAuthClientsApi } from './core/ports.js';
import type { RunLogger } from './core/run-logger.js';
import type { ActionKind, ReportAction } from './core/run-report.js';
import { isIscApiError } from './isc/isc-api-error.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { toActionError } from './to-action-error.js';

/** What one executor needs; rotation adds its own dependencies through `rotate`. */
export interface ExecutionContext {
  readonly api: OAuthClientsApi;
  readonly evaluation: EvaluationContext;
  readonly logger: RunLogger;
  /** Rotation executor (issue 6); absent when rotation is not configured. */
  readonly rotate?: (action: PlannedAction) => Promise<Omit<ReportAction, keyof PlannedActionFields>>;
}
type PlannedActionFields = Pick<ReportAction, 'clientId' | 'name' | 'action' | 'reason'>;
type ExecutorResult = Omit<ReportAction, keyof PlannedActionFields>;
type Executor = (action: PlannedAction, ctx: ExecutionContext) => Promise<ExecutorResult>;

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
  async delete(action, { api, evaluation }) {
    let fresh;
    try {
      fresh = await api.get(action.clientId);
    } catch (error) {
      if (isIscApiError(error) && error.status === 404) return { outcome: 'done', detail: 'already gone' };
      throw error;
    }
    const recheck: ClientFinding = evaluateClient(fresh, evaluation);
    if (recheck.verdict !== 'delete') {
      return { outcome: 'skipped', detail: `no longer qualifies at the pre-delete check (${recheck.reason}); left alone` };
    }
    const result = await api.delete(action.clientId);
    return result === 'already-gone' ? { outcome: 'done', detail: 'already gone' } : { outcome: 'done' };
  },

  async rotate(action, ctx) {
    if (!ctx.rotate) throw new Error('rotation is planned but no secret store is configured for this run');
    return ctx.rotate(action);
  },
};

export interface ExecutePlanOptions {
  readonly concurrency: number;
  /** True when there is no longer time to start an action safely (the time budget is nearly spent). */
  readonly outOfTime: () => boolean;
}

/**
 * Apply the plan. Disables run before deletes; within each phase, actions run with bounded
 * concurrency (the ISC client paces requests to the rate limit). One failure never stops the
 * others. Once time runs short, the remaining actions are reported as not attempted.
 */
export async function executePlan(
  plan: readonly PlannedAction[],
  ctx: ExecutionContext,
  options: ExecutePlanOptions,
): Promise<ReportAction[]> {
  const runOne = async (action: PlannedAction): Promise<ReportAction> => {
    const base: PlannedActionFields = { clientId: action.clientId, name: action.name, action: action.kind, reason: action.reason };
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

  const results: ReportAction[] = [];
  for (const kind of ['disable', 'rotate', 'delete'] as const) {
    const phase = plan.filter((action) => action.kind === kind);
    results.push(...(await mapWithConcurrency(phase, options.concurrency, runOne)));
  }
  return results;
}
