import type { RunReport } from '../../core/report/run-report.js';

/**
 * How the SNS adapter turns a RunReport into words. The core owns the rendering; the adapter
 * takes it injected so lambdas/aws never imports core rendering (and tests can pass a stub).
 */
export interface ReportRenderer {
  /** One line for the email subject. The core keeps it ASCII and <= 100 chars; the adapter re-checks. */
  subject(report: RunReport): string;
  /**
   * The readable report. With `maxActions`, list only the first `maxActions` actions and say that
   * `omittedActions` more were left out (and where the full report is); counts stay complete.
   */
  text(report: RunReport, options?: { maxActions?: number; omittedActions?: number }): string;
}
