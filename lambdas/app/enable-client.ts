import { wholeDaysSince } from '../core/dates.js';
import type { OAuthClient } from '../core/model/oauth-client.js';
import { parseIsoDate } from '../core/parse-iso-date.js';
import type { OAuthClientsApi, ReportArchive, ReportArchiveReader } from '../core/ports.js';
import { buildHistory } from '../core/report/build-history.js';
import { buildOperatorReport } from '../core/report/build-operator-report.js';
import type { ReportAction, RunReport } from '../core/report/run-report.js';
import type { RunLogger } from '../core/run-logger.js';
import { archiveReport } from './archive-report.js';
import { readArchivedReports } from './read-archive.js';
import { toActionError } from './to-action-error.js';

/** Re-enabling: PATCH enabled=true, the answer being the client as ISC now holds it. */
export interface ClientRestore {
  enable(id: string): Promise<OAuthClient>;
}

export interface EnableClientInput {
  readonly clientId: string;
  readonly tenant: string;
  /** Who asked (user@host), and why, in their words. */
  readonly operator: string;
  readonly reason: string | undefined;
  /** Enable even though the archive shows no disable by the janitor (or there is no archive to ask). */
  readonly force: boolean;
  readonly clients: Pick<OAuthClientsApi, 'get'> & ClientRestore;
  /** Read to find who disabled the client; written with the record of the undo. */
  readonly archive: (ReportArchive & ReportArchiveReader) | undefined;
  readonly clock: () => Date;
  readonly reportId: string;
  readonly logger: RunLogger;
}

export type EnableClientResult =
  | { readonly status: 'already-enabled'; readonly client: OAuthClient }
  | { readonly status: 'refused'; readonly why: string }
  | { readonly status: 'enabled' | 'failed'; readonly client: OAuthClient; readonly report: RunReport; readonly note: string };

/**
 * The undo of a disable. The janitor's own disables are what it undoes without question: the
 * archive must show this client's last change by the janitor was a disable that was done; any
 * other disabled client (a person's decision, or no archive to ask) needs `force`. The change and
 * the operator's reason are archived as an `enable` action, failed or not, so history shows the undo.
 */
export async function enableClient(input: EnableClientInput): Promise<EnableClientResult> {
  const { clientId, clients, archive } = input;
  const client = await clients.get(clientId);
  if (client.id !== clientId) return { status: 'refused', why: `ISC answered for client ${client.id} when asked for ${clientId}; nothing was changed` };
  if (client.enabled) return { status: 'already-enabled', client };
  if (!input.force) {
    const why = await whyNotTheJanitors(clientId, input.tenant, archive);
    if (why) return { status: 'refused', why };
  }

  const startedAt = input.clock();
  const reason = `re-enabled by ${input.operator}: ${input.reason?.trim() || 'no reason given'}${input.force ? ' (--force)' : ''}`;
  const planned = { credential: 'oauth-client', clientId, name: client.name ?? '', action: 'enable', reason } as const;
  let action: ReportAction;
  let after = client;
  try {
    after = await clients.enable(clientId);
    action = after.id === clientId && after.enabled
      ? { ...planned, outcome: 'done' }
      : { ...planned, outcome: 'failed', error: { message: `ISC answered ${after.id} enabled: ${String(after.enabled)} to the enable of ${clientId}` } };
  } catch (error) {
    action = { ...planned, outcome: 'failed', error: toActionError(error) };
  }
  const record = buildOperatorReport({ reportId: input.reportId, tenant: input.tenant, startedAt, finishedAt: input.clock(), action });
  const report = archive ? await archiveReport(archive, record, input.logger) : record;
  return { status: action.outcome === 'done' ? 'enabled' : 'failed', client: after, report, note: staleNote(client, input.clock()) };
}

/** Undefined when the archive shows the janitor disabled this client last; else why enabling needs --force. */
async function whyNotTheJanitors(clientId: string, tenant: string, archive: ReportArchiveReader | undefined): Promise<string | undefined> {
  if (!archive) return `there is no evidence archive to show the janitor disabled client ${clientId} (give --archive-dir or --archive-bucket), or enable it anyway with --force`;
  const changes = buildHistory(await readArchivedReports(archive, { tenant }), { clientId }).filter(
    (entry) => entry.outcome === 'done' && (entry.action === 'disable' || entry.action === 'enable'),
  );
  const last = changes.at(-1);
  if (last?.action === 'disable') return undefined;
  return last
    ? `the janitor did not disable client ${clientId} since it was last re-enabled (${last.date}): someone else did; enable it anyway with --force`
    : `the archive holds no disable of client ${clientId} by the janitor in tenant ${tenant}: someone else disabled it; enable it anyway with --force`;
}

/** A re-enabled client still unused is disabled again by the next run: say so, with what keeps it. */
function staleNote(client: OAuthClient, now: Date): string {
  const lastUsed = client.lastUsed === null ? undefined : parseIsoDate(client.lastUsed);
  const since = lastUsed ? `last used ${wholeDaysSince(lastUsed, now)} days ago` : 'never used';
  return `It is ${since}: if it stays unused past the policy's limit, the next run disables it again. Use it, or add its id to exempt.ids.`;
}
