import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import type { PlannedActionKind, ReportAction } from '../../core/report/run-report.js';

type PlannedActionFields = Pick<ReportAction, 'credential' | 'clientId' | 'name' | 'owner' | 'action' | 'reason'>;

/** The report fields a planned action fixes before it runs, whatever its outcome. */
export function plannedFieldsOf(action: PlannedAction): PlannedActionFields & Pick<ReportAction, 'secretId'> {
  return {
    credential: action.credential,
    clientId: action.clientId,
    name: action.name,
    ...(action.owner ? { owner: action.owner } : {}),
    action: action.kind,
    reason: action.reason,
    // Where a rotation step's secret lives is part of the record (a name, never a value).
    ...(action.secretName ? { secretId: action.secretName } : {}),
  };
}

/** What an executor reports: the outcome and its details; the planned fields are added around it. */
export type ExecutorResult = Omit<ReportAction, keyof PlannedActionFields>;

/** Carries out one planned action, its dependencies bound when the registry was built. */
export type Executor = (action: PlannedAction) => Promise<ExecutorResult>;

/**
 * One executor per kind of work. The report knows three kinds of action; removing the left-over
 * successor of a crashed rotation is reported as a `delete` but is checked against the secret
 * store, not the staleness rules, so it has an executor of its own; so has a personal access
 * token's deletion (another API, another re-check).
 */
export type ExecutorKind = PlannedActionKind | 'remove-leftover' | 'delete-pat';

export function executorKindOf(action: PlannedAction): ExecutorKind {
  if (action.credential === 'personal-access-token') return 'delete-pat';
  return action.rotationStep === 'remove-leftover' ? 'remove-leftover' : action.kind;
}
