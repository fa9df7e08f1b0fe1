import { errorMessage } from '../core/error-message.js';
import type { ReportArchive } from '../core/ports.js';
import type { RunReport } from '../core/report/run-report.js';
import type { RunLogger } from '../core/run-logger.js';

/**
 * Write the finished report to the evidence archive and say in the report how that went. A write
 * that fails never loses the report: the caller still prints or publishes it, now carrying
 * `archive.status: "failed"` and a warning, so the email that reaches people says the evidence
 * is missing and the report itself is the record to keep. Never throws.
 */
export async function archiveReport(archive: ReportArchive, report: RunReport, logger: RunLogger): Promise<RunReport> {
  try {
    const { location } = await archive.write(report);
    logger.info('report archived', { reportId: report.reportId, location });
    return { ...report, archive: { status: 'written', location } };
  } catch (error) {
    const message = errorMessage(error);
    logger.error('report archive write failed', { reportId: report.reportId, error: message });
    return {
      ...report,
      archive: { status: 'failed', error: message },
      warnings: [...report.warnings, `the report could not be written to the evidence archive (${message}); keep this report: it is the only record of this run`],
    };
  }
}
