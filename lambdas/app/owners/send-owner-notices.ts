import { errorMessage } from '../../core/error-message.js';
import type { Policy } from '../../core/model/policy.js';
import type { OwnerNotifier } from '../../core/ports.js';
import { planOwnerNotices } from '../../core/report/plan-owner-notices.js';
import type { RunReport } from '../../core/report/run-report.js';
import type { RunLogger } from '../../core/run-logger.js';

/**
 * Sends each owner one notice for this run (see planOwnerNotices) and records them on the report,
 * which goes to the archive with them. A notice that cannot be sent is a warning (and counts in
 * `notices.failed`, the metric), never a reason to stop: the others are still sent. Notices off,
 * or no notifier configured (a warning then): the report is returned as it is.
 */
export async function sendOwnerNotices(report: RunReport, policy: Policy, notifier: OwnerNotifier | undefined, logger: RunLogger): Promise<RunReport> {
  const settings = policy.owners.notices;
  if (settings === undefined || report.failedReason !== undefined) return report;
  if (notifier === undefined) return { ...report, warnings: [...report.warnings, 'owners.notices is set but no mail service is configured for this run (OWNER_NOTICES_IDENTITY in the Lambda, ownerNoticesIdentity in cdk.json); no notice was sent'] };
  const items: NonNullable<RunReport['notices']>['items'][number][] = [];
  const warnings: string[] = [];
  for (const notice of planOwnerNotices(report, settings)) {
    try {
      const { messageId } = await notifier.send({ from: settings.from, ...(settings.replyTo === undefined ? {} : { replyTo: settings.replyTo }), to: notice.to, subject: notice.subject, text: notice.text });
      items.push({ to: notice.to, owner: notice.owner, status: 'sent', messageId, credentials: notice.credentials });
    } catch (error) {
      const message = errorMessage(error);
      items.push({ to: notice.to, owner: notice.owner, status: 'failed', error: message, credentials: notice.credentials });
      warnings.push(`owner notice to ${notice.to} could not be sent (${message}); the run went on`);
      logger.warn('owner notice failed', { to: notice.to, error: message });
    }
  }
  const failed = items.filter((item) => item.status === 'failed').length;
  return { ...report, warnings: [...report.warnings, ...warnings], notices: { sent: items.length - failed, failed, items } };
}
