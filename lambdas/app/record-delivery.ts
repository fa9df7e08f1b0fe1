import { errorMessage } from '../core/error-message.js';
import type { ReportArchive, ReportDelivery } from '../core/ports.js';
import type { RunReport } from '../core/report/run-report.js';
import type { RunLogger } from '../core/run-logger.js';

/**
 * Once a report reached people (SNS accepted it), record that in the archive beside the report.
 * Only delivered reports announce token deletions: a report nobody was sent warned nobody.
 *
 * The order is what makes the record sound with write-once objects: the report is archived
 * first (the email can then say where it is, or that archiving failed), published second, and
 * the delivery record written last, only after the publish succeeded. A crash or failure at any
 * step leaves less proof, never more: an undelivered report announces nothing, and the next run
 * announces again. A report the archive does not hold gets no record (nothing to point at).
 * Never throws: the report has gone out already; the failure is logged with what it means.
 */
export async function recordDelivery(archive: ReportArchive, report: RunReport, delivery: ReportDelivery, logger: RunLogger): Promise<void> {
  if (report.archive?.status !== 'written') return;
  try {
    const { location } = await archive.recordDelivery(report, delivery);
    logger.info('report delivery recorded', { reportId: report.reportId, location });
  } catch (error) {
    logger.error('report delivery record failed', {
      reportId: report.reportId,
      error: errorMessage(error),
      consequence: 'the report was delivered, but the archive cannot show it: its announcements do not count, and the next run announces again',
    });
  }
}
