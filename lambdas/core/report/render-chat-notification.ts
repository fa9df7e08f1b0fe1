import { failedActions } from './failed-actions.js';
import { renderReportSubject } from './render-report-subject.js';
import type { RunReport } from './run-report.js';
import { oneLine, safeText, truncate } from '../text.js';

/**
 * A custom notification of Amazon Q Developer in chat applications (formerly AWS Chatbot): the
 * JSON an SNS topic mapped to a Slack or Teams channel must carry for the service to post it.
 * `version` "1.0" and `source` "custom" are required; `content.description` is the message.
 */
export interface ChatNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps?: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    /** One thread per tenant, so a channel reads as a list of tenants, each with its nights. */
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: 'IscOAuthJanitorRun';
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

/**
 * A few lines for a team channel: the outcome and the counts, and for a run that needs a person,
 * where to look. Never a client name: names are written by whoever created the client, and a
 * channel renders markdown (links, mentions); the email and the archive carry the details.
 */
export function renderChatNotification(report: RunReport): ChatNotification {
  const tenant = truncate(oneLine(safeText(report.tenant)), 64);
  const outcome = report.outcome.toUpperCase();
  const lines = [`*${outcome}* (${report.mode} mode), run ${report.reportId}`, countsLine(report)];
  const tokens = report.pats?.counts;
  if (tokens) lines.push(`Tokens: ${tokens.deleted} ${report.mode === 'report' ? 'would be deleted' : 'deleted'}, ${tokens.upcoming} announced`);
  if (report.upcoming.length > 0) lines.push(`${report.upcoming.length} announced for the coming days`);
  if (report.warnings.length > 0) lines.push(`${report.warnings.length} warning(s): see the report`);
  const nextSteps = nextStepsOf(report);
  return {
    version: '1.0',
    source: 'custom',
    id: report.reportId,
    content: {
      textType: 'client-markdown',
      title: `${emojiOf(report)} ISC OAuth janitor: ${tenant}`,
      description: lines.map((line) => oneLine(safeText(line))).join('\n'),
      ...(nextSteps.length > 0 ? { nextSteps } : {}),
      keywords: [tenant, report.outcome, report.mode],
    },
    metadata: {
      threadId: `isc-oauth-janitor-${tenant}`,
      summary: renderReportSubject(report),
      eventType: 'IscOAuthJanitorRun',
      additionalContext: { tenant, reportId: report.reportId, outcome: report.outcome, mode: report.mode },
    },
  };
}

function countsLine(report: RunReport): string {
  const { counts } = report;
  if (report.failedReason !== undefined) return `Stopped before the tenant was evaluated: ${truncate(oneLine(safeText(report.failedReason)), 300)}`;
  if (report.outcome === 'blocked') return `Blocked by the guard, nothing changed: ${truncate(oneLine(safeText(report.blockedReason ?? '')), 300)}`;
  const verb = report.mode === 'report' ? 'would ' : '';
  return report.mode === 'report'
    ? `${counts.total} clients: ${verb}disable ${counts.disabled}, ${verb}delete ${counts.deleted}, ${verb}rotate ${counts.rotated}`
    : `${counts.total} clients: ${counts.disabled} disabled, ${counts.deleted} deleted, ${counts.rotated} rotated, ${failedActions(report)} failed`;
}

function nextStepsOf(report: RunReport): string[] {
  if (report.failedReason !== undefined) return ['Read the emailed report: it says why the run stopped and what to check'];
  if (report.outcome === 'blocked') return ['Read the plan in the emailed report, then raise the guard for one run or fix what made the plan so large'];
  if (report.outcome !== 'ok') return ['The run stopped early: the emailed report lists what was done and what was not; the next night continues'];
  if (failedActions(report) > 0) return ['Some actions failed: the emailed report names each with its error'];
  return [];
}

function emojiOf(report: RunReport): string {
  if (report.outcome === 'ok') return failedActions(report) > 0 ? ':warning:' : ':white_check_mark:';
  return report.outcome === 'blocked' ? ':no_entry:' : ':x:';
}
