import type { EvidenceData, MonthSummary } from '../../../lambdas/core/evidence/evidence-data.js';
import { clientTally } from '../../../lambdas/core/report/clients-after.js';
import { esc } from './html-text.js';
import { renderEvidenceCharts } from './render-evidence-charts.js';

export interface EvidenceHtmlContext {
  /** Where the archive is: `s3://bucket` or a directory. */
  readonly archive: string;
  /** When the pack was made (ISO). */
  readonly generatedAt: string;
  /** How many archive objects the pack was built from (listed in manifest.json). */
  readonly objects: number;
}

/**
 * report.html: one self-contained page (no script, no stylesheet or image to fetch) an auditor
 * opens or prints on A4. A summary table per month, the three charts (inline SVG), then every
 * action with its reason and run id. Every text from the archive is escaped.
 */
export function renderEvidenceHtml(data: EvidenceData, context: EvidenceHtmlContext): string {
  const title = `Evidence pack: tenant ${esc(data.tenant)}, ${data.from} to ${data.to}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p>UTC days ${data.from} to ${data.to}, both included. ${data.runs.length} run${data.runs.length === 1 ? '' : 's'} of tenant <strong>${esc(data.tenant)}</strong> from the evidence archive ${esc(context.archive)}, read at ${esc(context.generatedAt)}; the ${context.objects} archive objects used are listed with their SHA-256 in manifest.json (README.txt says how to verify).</p>
${atTo(data)}
</header>
<main>
<section id="summary">
<h2>Summary per month</h2>
${monthTable(data.months)}
<p class="note">Disabled, deleted, rotated and re-enabled count the actions ISC confirmed. "Would act" counts what report-only runs found; "held back" counts actions the guard, the time budget or the pre-delete re-check stopped. "Announced" counts the credentials a month's runs announced an action for.</p>
</section>
<section id="charts">
<h2>Charts</h2>
${renderEvidenceCharts(data)}
</section>
<section id="actions-list">
<h2>Every action (${data.actions.length})</h2>
${actionTable(data)}
</section>
</main>
</body>
</html>
`;
}

const STYLE = `@page { size: A4; margin: 14mm 12mm; }
body { font: 10pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #111827; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 16pt; margin: 0 0 0.5rem; }
h2 { font-size: 13pt; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #d1d5db; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #d1d5db; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f4f6; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; }
.note { font-size: 8.5pt; color: #4b5563; }
.id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 7.5pt; }
#actions th, #actions td:nth-child(1), #actions td:nth-child(3), #actions td:nth-child(4) { white-space: nowrap; overflow-wrap: normal; }
#actions td:nth-child(2) { width: 24%; }
#actions td:nth-child(6) { width: 17%; }
figure { margin: 1rem 0; }
figcaption { font-weight: bold; margin-bottom: 0.25rem; }
svg { max-width: 100%; height: auto; font-family: inherit; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
  #charts { break-before: page; }
  #actions-list { break-before: page; }
}`;

function atTo(data: EvidenceData): string {
  if (!data.last) return '<p>No run of this tenant is archived in this range.</p>';
  const { run, clients, tokens } = data.last;
  const tokenText = tokens === undefined ? '' : `, ${tokens} personal access token${tokens === 1 ? '' : 's'}`;
  return `<p>At ${data.to}, after its last run in range (${esc(run.startedAt)}, ${run.mode}, run <span class="id">${esc(run.reportId)}</span>): clients ${clientTally(clients)}${tokenText}. The credentials the archive names, each with its state, are in credentials.csv.</p>`;
}

const MONTH_COLUMNS = ['Month', 'Runs', 'Enforcing runs', 'Disabled', 'Deleted', 'Rotated', 'Re-enabled', 'Would act (report only)', 'Failed', 'Held back', 'Announced'] as const;

function monthCells(month: Omit<MonthSummary, 'month'>): number[] {
  return [month.runs, month.enforceRuns, month.done.disable, month.done.delete, month.done.rotate, month.done.enable, month.planned, month.failed, month.heldBack, month.announced];
}

function monthTable(months: readonly MonthSummary[]): string {
  const head = `<thead><tr>${MONTH_COLUMNS.map((name, at) => `<th${at === 0 ? '' : ' class="n"'} scope="col">${name}</th>`).join('')}</tr></thead>`;
  const rows = months.map((month) => `<tr><th scope="row">${month.month}</th>${monthCells(month).map((n) => `<td class="n">${n}</td>`).join('')}</tr>`).join('\n');
  const total = months.reduce<number[]>((sum, month) => monthCells(month).map((n, at) => n + (sum[at] ?? 0)), []);
  const foot = `<tfoot><tr><td>Total</td>${total.map((n) => `<td class="n">${n}</td>`).join('')}</tr></tfoot>`;
  return `<table id="months">\n${head}\n<tbody>\n${rows}\n</tbody>\n${foot}\n</table>`;
}

function actionTable(data: EvidenceData): string {
  if (data.actions.length === 0) return '<p>No action in range.</p>';
  const head = '<thead><tr><th scope="col">Date</th><th scope="col">Credential</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Reason</th><th scope="col">Run</th></tr></thead>';
  const rows = data.actions.map((action) => {
    const owner = action.ownerId === '' ? '' : `<br>owner ${esc(action.ownerName || action.ownerId)}`;
    const kind = action.credential === 'personal-access-token' ? 'token' : 'client';
    const detail = action.detail === '' ? '' : `<br><span class="note">${esc(action.detail)}</span>`;
    return (
      `<tr><td>${esc(action.date)}</td><td>${esc(action.name)} (${kind})<br><span class="id">${esc(action.id)}</span>${owner}</td>` +
      `<td>${esc(action.action)}</td><td>${esc(action.outcome)}</td><td>${esc(action.reason)}${detail}</td><td class="id">${esc(action.reportId)}<br>${esc(action.mode)}</td></tr>`
    );
  });
  return `<table id="actions">\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}
