import type { Policy } from '../model/policy.js';
import type { RunCounts, RunReport } from './run-report.js';
import { summarizeInventory } from './summarize-inventory.js';

export interface FailedReportInput {
  readonly reportId: string;
  readonly tenant: string;
  /** The policy's mode when it could be read; `report` when not (nothing could have changed). */
  readonly mode: 'report' | 'enforce';
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Why the run stopped before evaluating the tenant: the error's message, in words. */
  readonly reason: string;
  /** The policy in force, when it could be read. */
  readonly policy?: Policy | undefined;
  /** `interrupted` when a signal stopped the run before evaluation. @default 'failed' */
  readonly outcome?: 'failed' | 'interrupted';
}

const NOTHING: RunCounts = { total: 0, stale: 0, disabled: 0, deleted: 0, rotated: 0, failed: 0, notAttempted: 0, exempt: 0, upcoming: 0, skipped: 0 };

/**
 * The report of a run that stopped before it could evaluate the tenant (credentials refused, no
 * token, the network, the deadline, a signal): outcome `failed` (or `interrupted`) with the reason.
 * It is still published, so a night without a cleanup never passes in silence.
 */
export function buildFailedReport(input: FailedReportInput): RunReport {
  return {
    reportId: input.reportId,
    tenant: input.tenant,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    outcome: input.outcome ?? 'failed',
    failedReason: input.reason,
    counts: NOTHING,
    actions: [],
    upcoming: [],
    exempt: [],
    warnings: [],
    inventory: summarizeInventory([], []),
    policy: input.policy === undefined ? null : (JSON.parse(JSON.stringify(input.policy)) as unknown),
  };
}
