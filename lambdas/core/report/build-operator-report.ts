import type { ReportAction, RunCounts, RunReport } from './run-report.js';
import { summarizeInventory } from './summarize-inventory.js';

export interface OperatorReportInput {
  readonly reportId: string;
  readonly tenant: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** The one thing the operator did, with their reason in `reason`. */
  readonly action: ReportAction;
  readonly warnings?: readonly string[];
}

const NOTHING: RunCounts = { total: 0, stale: 0, disabled: 0, deleted: 0, rotated: 0, failed: 0, notAttempted: 0, exempt: 0, upcoming: 0, skipped: 0 };

/**
 * The record of an operator's single change made through the janitor (an undo: `enable`), shaped
 * as a run's report so the archive, `history` and the audit queries hold it beside the nightly
 * runs. No tenant was evaluated: counts and inventory are empty, the action is the whole report.
 */
export function buildOperatorReport(input: OperatorReportInput): RunReport {
  const failed = input.action.outcome === 'failed';
  return {
    reportId: input.reportId,
    tenant: input.tenant,
    mode: 'enforce',
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    outcome: failed ? 'failed' : 'ok',
    counts: { ...NOTHING, failed: failed ? 1 : 0 },
    actions: [input.action],
    upcoming: [],
    exempt: [],
    warnings: [...(input.warnings ?? [])],
    inventory: summarizeInventory([], []),
    policy: null,
  };
}
