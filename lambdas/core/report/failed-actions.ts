import type { PatCounts, RunCounts } from './run-report.js';

/**
 * Every failed action of the run, the clients' and the personal access tokens' together: what the
 * outcome line, the alarms and the error message count (`counts` alone are the clients').
 */
export function failedActions(report: { readonly counts: RunCounts; readonly pats?: { readonly counts: PatCounts } | undefined }): number {
  return report.counts.failed + (report.pats?.counts.failed ?? 0);
}
