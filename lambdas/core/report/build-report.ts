import type { GuardVerdict } from '../rules/check-guard.js';
import type { TenantEvaluation } from '../plan/evaluate-tenant.js';
import type { Policy } from '../model/policy.js';
import type { ActionKind, ReportAction, RunCounts, RunOutcome, RunReport } from './run-report.js';

export interface BuildReportInput {
  readonly reportId: string;
  readonly tenant: string;
  readonly mode: 'report' | 'enforce';
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly evaluation: TenantEvaluation;
  readonly actions: readonly ReportAction[];
  readonly guard: GuardVerdict;
  /** Run-level warnings (e.g. from execution) added after the evaluation's own. */
  readonly warnings?: readonly string[];
  readonly policy: Policy;
}

/**
 * Assemble the RunReport from what the run saw (evaluation), decided (guard) and did (actions).
 * Pure data out: ISO strings instead of Dates, a plain copy of the policy.
 */
export function buildReport(input: BuildReportInput): RunReport {
  const { evaluation, actions, guard } = input;
  const outcome: RunOutcome = !guard.allowed
    ? 'blocked'
    : actions.some((action) => action.outcome === 'failed')
      ? 'failed'
      : 'ok';
  // In enforce mode an action counts once ISC confirmed it; in report mode, once it was planned.
  const counted = input.mode === 'enforce' ? 'done' : 'planned';
  const tally = (kind: ActionKind) =>
    actions.filter((action) => action.action === kind && action.outcome === counted).length;
  const withOutcome = (outcomeName: ReportAction['outcome']) =>
    actions.filter((action) => action.outcome === outcomeName).length;

  const counts: RunCounts = {
    total: evaluation.counts.total,
    stale: evaluation.counts.stale,
    disabled: tally('disable'),
    deleted: tally('delete'),
    rotated: tally('rotate'),
    failed: withOutcome('failed'),
    notAttempted: withOutcome('not-attempted'),
    exempt: evaluation.counts.exempt,
    upcoming: evaluation.upcoming.length,
    skipped: evaluation.counts.skipped + withOutcome('skipped'),
  };

  return {
    reportId: input.reportId,
    tenant: input.tenant,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    outcome,
    ...(guard.allowed ? {} : { blockedReason: guard.reason }),
    counts,
    actions: [...actions],
    upcoming: [...evaluation.upcoming],
    warnings: [...evaluation.warnings, ...(input.warnings ?? []), ...outOfTimeWarning(guard.allowed, actions)],
    inventory: evaluation.inventory,
    policy: JSON.parse(JSON.stringify(input.policy)) as unknown,
  };
}

/** Not-attempted actions of an allowed run mean the time budget ran out: say so where people look. */
function outOfTimeWarning(allowed: boolean, actions: readonly ReportAction[]): string[] {
  const left = allowed ? actions.filter((action) => action.outcome === 'not-attempted').length : 0;
  return left === 0 ? [] : [`${left} action(s) were not attempted because the run ran out of time; the next run will pick them up`];
}
