import { oneLine, truncate } from '../text.js';
import { archivedAtLines, wholeReportAt } from './archived-at-lines.js';
import { renderUnevaluatedReport } from './render-unevaluated-report.js';
import type { ActionError, ReportAction, RunReport } from './run-report.js';
import { renderPatSection } from './render-pat-section.js';
import { failedActions } from './failed-actions.js';
import { renderCredentialSection } from './render-credential-section.js';
import { upcomingReason, upcomingWords } from './upcoming-words.js';
import { clientsAfter, clientTally } from './clients-after.js';
import { secretLabel } from './secret-label.js';
import { ownerWords, renderOwnerSection } from './render-owner-section.js';

export interface RenderTextOptions {
  /** Show at most this many actions; the rest are counted, not listed. */
  readonly maxActions?: number;
  /** Actions already cut from `report.actions` by the caller (e.g. for a size limit). */
  readonly omittedActions?: number;
}

/**
 * The report as a plain-text email an auditor reads without training. Deterministic: the same
 * report gives the same text. Reports hold no secrets, and outside text is flattened to one line.
 */
export function renderTextReport(report: RunReport, options: RenderTextOptions = {}): string {
  if (report.failedReason !== undefined) return renderUnevaluatedReport(report);
  const { counts, inventory } = report;
  const enforced = report.mode === 'enforce';
  // Clients here; personal access tokens in their own section, grouped by owner.
  const isClient = (entry: { credential: string }) => entry.credential === 'oauth-client';
  const upcoming = report.upcoming.filter(isClient);
  const exempt = report.exempt.filter(isClient);
  const verb = (done: string, would: string) => (enforced ? done : would);
  const runDay = report.startedAt.slice(0, 10);
  const lines: string[] = [
    `OAuth client cleanup for tenant ${oneLine(report.tenant)}, ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Mode: ${enforced ? 'ENFORCED: the actions below were applied to the tenant' : 'REPORT ONLY: nothing was changed'}`,
    `Outcome: ${outcomeLine(report)}`,
    `Run: ${report.startedAt} to ${report.finishedAt} (report id ${oneLine(report.reportId)})`,
    ...archivedAtLines(report),
    '',
    'Summary',
    `  Clients in the tenant before the run: ${counts.total}`,
    `  Stale (due for disable or delete): ${counts.stale}`,
    `  ${verb('Disabled', 'Would disable')}: ${counts.disabled}`,
    `  ${verb('Deleted', 'Would delete')}: ${counts.deleted}`,
    ...(counts.rotated > 0 ? [`  ${verb('Rotated', 'Would rotate')}: ${counts.rotated}`] : []),
    `  Failed: ${counts.failed}`,
    `  Not attempted: ${counts.notAttempted}`,
    `  Exempt: ${counts.exempt}`,
    `  Upcoming: ${counts.upcoming}`,
    `  Skipped: ${counts.skipped}`,
    '',
    ...actionLines(report.actions.filter(isClient), options, wholeReportAt(report)),
    '',
    `Upcoming actions (${upcoming.length})`,
    ...(upcoming.length === 0 ? ['  none'] : []),
    ...upcoming.flatMap((item) => [
      `  ${upcomingWords(item.action, item.on, runDay)}  ${name(item.name)} (${oneLine(item.clientId)})`,
      `    why: ${oneLine(upcomingReason(item.reason))}`,
    ]),
    '',
    `Exempt (${exempt.length})`,
    ...(exempt.length === 0 ? ['  none'] : []),
    ...exempt.map((entry) => `  ${name(entry.name)} (${oneLine(entry.clientId)}): ${oneLine(entry.reason)}${entry.owner ? `; owner ${ownerWords(entry.owner)}` : ''}`),
    '',
    ...renderOwnerSection(report),
    `Warnings (${report.warnings.length})`,
    ...(report.warnings.length === 0 ? ['  none'] : report.warnings.map((warning) => `  - ${oneLine(warning)}`)),
    '',
    'Inventory before the run',
    `  Clients: ${clientTally(inventory)}`,
    `  Last used less than 30 days ago: ${inventory.byInactivity.under30}`,
    `  Last used 30 to 89 days ago: ${inventory.byInactivity.from30to90}`,
    `  Last used 90 to 179 days ago: ${inventory.byInactivity.from90to180}`,
    `  Last used 180 or more days ago: ${inventory.byInactivity.over180}`,
    `  Never used: ${inventory.byInactivity.neverUsed}`,
    ...(inventory.byInactivity.unreadable ? [`  Unreadable last-used date: ${inventory.byInactivity.unreadable}`] : []),
    `  Clients with sp:scopes:all (every right of their creator): ${inventory.allScopes.count}`,
    ...inventory.allScopes.clients.map((client) => `    - ${name(client.name)} (${oneLine(client.id)})${client.self ? ": the janitor's own client" : ''}`),
    ...(inventory.orphaned === undefined
      ? []
      : [
          `  Orphaned clients (owner inactive, terminated or gone): ${inventory.orphaned.count}`,
          ...inventory.orphaned.clients.map((client) => `    - ${name(client.name)} (${oneLine(client.id)}), owner ${ownerWords(client.owner)}`),
        ]),
    ...(inventory.allScopes.count > inventory.allScopes.clients.length
      ? [`    ... and ${inventory.allScopes.count - inventory.allScopes.clients.length} more`]
      : []),
    '',
    'Inventory after the run',
    `  Clients: ${enforced ? clientTally(clientsAfter(report)) : `${clientTally(inventory)} (unchanged: report only)`}`,
    ...renderPatSection(report),
    ...renderCredentialSection(report),
    '',
    'How to undo',
    '  A disabled client is re-enabled with one request: PATCH /v3/oauth-clients/{id}',
    '  with the body [{"op":"replace","path":"/enabled","value":true}].',
    '  A deleted client cannot come back: create a new client and give its new id and secret to its owner.',
    ...(report.pats ? ['  A deleted personal access token cannot come back either: its owner creates a new one.'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The `Outcome:` line's words, one spelling wherever a run's outcome is shown: `OK`, `FAILED: ...`. */
export function outcomeLine(report: RunReport): string {
  if (report.outcome === 'lease-lost') {
    return `LEASE LOST: ${oneLine(report.leaseLostReason ?? 'the run lost its tenant lease')}; it started no action after that (see the warnings)`;
  }
  if (report.outcome === 'interrupted') {
    return 'INTERRUPTED: stopped by a signal; actions in flight were waited for, the others were not started (see the warnings)';
  }
  if (report.outcome === 'blocked') {
    return `BLOCKED by the safety limit: ${oneLine(report.blockedReason ?? 'the plan was over the limits')}`;
  }
  if (report.outcome === 'failed') {
    const n = failedActions(report);
    return `FAILED: ${n} action${n === 1 ? '' : 's'} failed (errors below; the other actions were carried out)`;
  }
  return 'OK';
}

function actionLines(actions: readonly ReportAction[], options: RenderTextOptions, wholeAt: string): string[] {
  const shown = actions.slice(0, Math.max(0, options.maxActions ?? actions.length));
  const hidden = actions.length - shown.length + Math.max(0, options.omittedActions ?? 0);
  const lines = [`Actions (${actions.length + Math.max(0, options.omittedActions ?? 0)})`];
  if (shown.length === 0 && hidden === 0) return [...lines, '  none'];
  // A planned action was not taken: the row says what would have been done.
  const verb = (action: ReportAction) => (action.outcome === 'planned' ? `would ${action.action}` : action.action);
  const rows = shown.map((action) => [verb(action), action.outcome, name(action.name), oneLine(action.clientId)]);
  const widths = [6, 7, 6, 2].map((min, column) => Math.max(min, ...rows.map((row) => row[column]?.length ?? 0)));
  const format = (cells: readonly string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  const indent = ' '.repeat(2 + (widths[0] ?? 0) + 2);
  if (shown.length > 0) lines.push(format(['Action', 'Outcome', 'Client', 'Id']));
  shown.forEach((action, index) => {
    lines.push(format(rows[index] ?? []));
    lines.push(`${indent}why: ${oneLine(action.reason)}`);
    if (action.detail) lines.push(`${indent}note: ${oneLine(action.detail)}`);
    // The rotation's note usually names the successor already: once is enough.
    if (action.successorId && !action.detail?.includes(action.successorId)) lines.push(`${indent}successor: ${oneLine(action.successorId)}`);
    if (action.secretId) lines.push(`${indent}secret: ${oneLine(secretLabel(action.secretId))}`);
    if (action.error) lines.push(`${indent}error: ${errorText(action.error)}`);
  });
  if (hidden > 0) {
    lines.push(`  ${hidden} more action${hidden === 1 ? '' : 's'} not shown (the full report is in ${wholeAt})`);
  }
  return lines;
}

function errorText(error: ActionError): string {
  const message = oneLine(error.message);
  const parts = [message];
  if (error.status !== undefined && !message.includes(String(error.status))) parts.push(`(HTTP ${error.status})`);
  if (error.trackingId && !message.includes(error.trackingId)) parts.push(`(tracking id ${oneLine(error.trackingId)})`);
  return parts.join(' ');
}

/** Names are capped so one absurd name cannot push the table off every screen. */
function name(text: string): string {
  return truncate(oneLine(text) || '(no name)', 60);
}
