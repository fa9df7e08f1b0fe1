import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { enableClient } from '../../lambdas/app/enable-client.js';
import { oneLine, safeText } from '../../lambdas/core/text.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { connectFromFlags } from './connect-from-flags.js';
import type { CliFlags } from './parse-cli-args.js';
import { archiveReaderFor } from './report-archive-for.js';
import { resolveRunLimits } from './resolve-run-limits.js';

/** The longest reason kept in the record; an audit line, not a document. */
const MAX_REASON = 500;

/**
 * `enable --client ID [--reason TEXT]`: the undo of a disable. A client the archive shows the
 * janitor disabled is re-enabled at once; any other needs --force. The change and the reason are
 * archived as an `enable` action, so `history` shows the undo next to the disable it reverses.
 */
export async function enableCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  if (!flags.client) throw new UsageError('enable needs --client ID: the OAuth client to re-enable');
  if (flags.reason !== undefined && flags.reason.length > MAX_REASON) throw new UsageError(`--reason is ${flags.reason.length} characters; keep it to ${MAX_REASON}`);
  const hasArchive = flags.archiveDir !== undefined || flags.archiveBucket !== undefined;
  const archive = hasArchive ? await archiveReaderFor(flags) : undefined;
  const { connection, logger } = await connectFromFlags(flags, io, { limits: resolveRunLimits(flags, io.env) });
  const tenant = flags.tenant ?? tenantFromBaseUrl(connection.baseUrl);
  const result = await enableClient({
    clientId: flags.client,
    tenant,
    operator: `${userInfo().username}@${hostname()}`,
    reason: flags.reason === undefined ? undefined : oneLine(safeText(flags.reason)),
    force: flags.force,
    clients: connection.api,
    archive,
    clock: io.now,
    reportId: randomUUID(),
    logger,
  });
  const name = (client: { name: string | null }) => (client.name ? ` (${oneLine(safeText(client.name))})` : '');
  switch (result.status) {
    case 'already-enabled':
      io.stdout.write(`Client ${flags.client}${name(result.client)} is already enabled; nothing was changed.\n`);
      return EXIT.ok;
    case 'refused':
      io.stderr.write(`error: enable: ${result.why}\n`);
      return EXIT.badInput;
    case 'failed':
    case 'enabled': {
      const done = result.status === 'enabled';
      const action = result.report.actions[0];
      io.stdout.write(
        done
          ? `Client ${flags.client}${name(result.client)} re-enabled in ${tenant}.\n${result.note}\n`
          : `Client ${flags.client}${name(result.client)} was NOT re-enabled: ${action?.error?.message ?? 'ISC did not confirm it'}\n`,
      );
      const where = result.report.archive;
      if (where?.status === 'written') io.stdout.write(`Recorded in the evidence archive: ${where.location}\n`);
      else if (where?.status === 'failed') io.stderr.write(`[warning] the record could not be archived (${where.error}); keep this output as the record\n`);
      else io.stderr.write('[warning] not recorded: no evidence archive was given (--archive-dir or --archive-bucket); keep this output as the record\n');
      return done ? EXIT.ok : EXIT.actionFailed;
    }
  }
}
