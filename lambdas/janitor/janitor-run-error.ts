import type { RunReport } from '../core/report/run-report.js';
import { failedActions } from '../core/report/failed-actions.js';

/**
 * Thrown after the report was published when a run failed or was blocked, so the invocation
 * counts as an error and the stack's alarms fire. Carries only the summary, never a secret.
 */
export class JanitorRunError extends Error {
  override readonly name = 'JanitorRunError';
  constructor(readonly summary: RunSummary) {
    super(
      summary.outcome === 'blocked'
        ? `OAuth client cleanup for ${summary.tenant} was blocked by the guard (report ${summary.reportId})`
        : summary.outcome === 'lease-lost'
          ? `OAuth client cleanup for ${summary.tenant} lost its tenant lease to another run and stopped acting (report ${summary.reportId})`
          : `OAuth client cleanup for ${summary.tenant} failed: ${failedActions(summary)} action(s) failed (report ${summary.reportId})`,
    );
  }
}

export interface RunSummary {
  readonly reportId: string;
  readonly tenant: string;
  readonly mode: RunReport['mode'];
  readonly outcome: RunReport['outcome'];
  readonly counts: RunReport['counts'];
  /** The personal access tokens' figures, when the policy governs them. */
  readonly pats?: { readonly counts: NonNullable<RunReport['pats']>['counts'] };
}

export function summarize(report: RunReport): RunSummary {
  return {
    reportId: report.reportId,
    tenant: report.tenant,
    mode: report.mode,
    outcome: report.outcome,
    counts: report.counts,
    ...(report.pats ? { pats: { counts: report.pats.counts } } : {}),
  };
}
