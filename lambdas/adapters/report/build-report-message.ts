import type { RunReport } from '../../core/report/run-report.js';
import { largestFitting } from './largest-fitting.js';
import type { ReportRenderer } from './report-renderer.js';
import { snsSubject } from './sns-subject.js';
import { wholeReportAt } from '../../core/report/archived-at-lines.js';

/**
 * SNS rejects a Publish whose Message + Subject exceed 262,144 UTF-8 bytes. We aim lower to
 * leave room for the request's own framing and any attributes added later.
 */
export const SNS_MESSAGE_BUDGET = 250_000;

export interface ReportMessage {
  readonly subject: string;
  /** The MessageStructure "json" envelope, ready for PublishCommand. */
  readonly message: string;
  /** Actions left out of both the text and the JSON to fit the budget (0 = complete). */
  readonly omittedActions: number;
}

/** The archived report when there is one (an auditor has no CloudWatch), else the logs. */
const cutNote = (report: RunReport) => `\n\n[report cut to fit the SNS size limit; the full report is in ${wholeReportAt(report)}]`;

/**
 * Build the one SNS message for a run: readable text for `default`/`email`, the RunReport JSON
 * for the machine protocols. When it is too big, the JSON first drops the policy echo
 * (`policyOmitted: true`; the policy is the operator's own input, the actions are what happened),
 * then keeps the counts and the FIRST k actions (the largest k that fits) in both forms and marks
 * the JSON `truncated` with `actionsOmitted` (how many were cut here). The cut text names where
 * the whole report is: the archived report's `s3://` URI or local path, else the logs.
 */
export function buildReportMessage(report: RunReport, render: ReportRenderer, maxBytes = SNS_MESSAGE_BUDGET): ReportMessage {
  const subject = snsSubject(render.subject(report));
  const budget = maxBytes - utf8Bytes(subject);
  const fits = (message: string) => (utf8Bytes(message) <= budget ? message : undefined);

  const text = render.text(report);
  const complete = fits(envelope(text, JSON.stringify(report)));
  if (complete !== undefined) return { subject, message: complete, omittedActions: 0 };
  const { policy: _policy, ...withoutPolicy } = report;
  const noPolicy = fits(envelope(text, JSON.stringify({ ...withoutPolicy, policyOmitted: true, truncated: true })));
  if (noPolicy !== undefined) return { subject, message: noPolicy, omittedActions: 0 };

  const total = report.actions.length;
  const kept = largestFitting(Math.max(0, total - 1), (k) => {
    const actions = report.actions.slice(0, k);
    const options = { maxActions: k, omittedActions: total - k };
    const json = JSON.stringify({ ...withoutPolicy, actions, actionsOmitted: total - k, policyOmitted: true, truncated: true });
    return fits(envelope(render.text({ ...report, actions }, options), json));
  });
  if (kept) return { subject, message: kept.value, omittedActions: total - kept.k };

  // Not even the counts alone fit (huge upcoming or warning lists): send a summary and cut text.
  return { subject, message: summaryMessage(report, render, budget), omittedActions: total };
}

function summaryMessage(report: RunReport, render: ReportRenderer, budget: number): string {
  const { actions, upcoming, warnings, exempt, inventory: _inventory, policy: _policy, ...head } = report;
  const json = JSON.stringify({
    ...head,
    truncated: true,
    policyOmitted: true,
    actionsOmitted: actions.length,
    upcomingOmitted: upcoming.length,
    exemptOmitted: exempt.length,
    warningsOmitted: warnings.length,
  });
  const text = [...render.text({ ...report, actions: [] }, { maxActions: 0, omittedActions: actions.length })];
  const cut = largestFitting(text.length, (n) => {
    const message = envelope(text.slice(0, n).join('') + cutNote(report), json);
    return utf8Bytes(message) <= budget ? message : undefined;
  });
  // A budget too small even for the summary is a programming error (budgets are ~250 KB).
  if (!cut) throw new Error(`SNS message budget of ${budget} bytes cannot hold even a report summary`);
  return cut.value;
}

function envelope(text: string, json: string): string {
  return JSON.stringify({ default: text, email: text, 'email-json': json, sqs: json, lambda: json, https: json });
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
