import { writeFile } from 'node:fs/promises';
import { readReadableReports } from '../../lambdas/app/read-archive.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { oneLine } from '../../lambdas/core/text.js';
import { parseIsoDate } from '../../lambdas/core/parse-iso-date.js';
import type { ReportArchiveReader } from '../../lambdas/core/ports.js';
import { buildHistory, type HistoryEntry } from '../../lambdas/core/report/build-history.js';
import { renderHistory, type HistorySubject } from '../../lambdas/core/report/render-history.js';
import { assertWritable } from './assert-writable.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import type { CliFlags } from './parse-cli-args.js';
import { archiveReaderFor } from './report-archive-for.js';
import { withAwsRegion } from './resolve-aws-region.js';

/**
 * `history`: a client's (or a tenant's) timeline rebuilt from the evidence archive, oldest first.
 * Reads only; needs no ISC credentials. With --client alone, every tenant in the archive is read.
 */
export async function historyCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  if (flags.client === undefined && flags.tenant === undefined) {
    throw new UsageError('history needs --client ID (one client\'s timeline) or --tenant NAME (every client of a tenant)');
  }
  const since = flags.since === undefined ? undefined : utcDate(flags.since);
  if (flags.json) await assertWritable(flags.json, '--json');
  // The bucket alone needs AWS (with --archive-dir too, archiveReaderFor refuses the pair).
  const aws = flags.archiveBucket === undefined || flags.archiveDir !== undefined ? io : withAwsRegion(io, '--archive-bucket (S3)');
  const reader = await archiveReaderFor(flags, aws.aws);

  const subject = { ...(flags.client === undefined ? {} : { clientId: flags.client }), ...(flags.tenant === undefined ? {} : { tenant: flags.tenant }) };
  const { entries, skipped } = await readHistory(reader, { ...subject, ...(since === undefined ? {} : { since }) });
  for (const reason of skipped) io.stderr.write(`[warning] skipped an archived report that cannot be read: ${oneLine(reason)}\n`);
  io.stdout.write(renderHistory(entries, subject, skipped.length));
  if (flags.json) await writeFile(flags.json, `${JSON.stringify(entries, null, 2)}\n`, 'utf8');
  return EXIT.ok;
}

/**
 * The timeline of one client (`clientId`) or of a tenant's clients, from the archived reports in
 * range, and why each report it had to pass over could not be read (each names its object).
 */
export async function readHistory(
  reader: ReportArchiveReader,
  query: HistorySubject & { readonly since?: string },
): Promise<{ readonly entries: HistoryEntry[]; readonly skipped: readonly string[] }> {
  const { clientId, ...range } = query;
  const { reports, unreadable } = await readReadableReports(reader, range);
  return { entries: buildHistory(reports, clientId === undefined ? {} : { clientId }), skipped: unreadable.map((item) => item.error) };
}

/** `--since` as the archive's `date=` value: a real calendar date, written YYYY-MM-DD. */
function utcDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || parseIsoDate(text) === undefined) {
    throw new ConfigError(`Invalid --since ${text}: must be a UTC date written YYYY-MM-DD, e.g. 2026-01-31`, ['--since']);
  }
  return text;
}
