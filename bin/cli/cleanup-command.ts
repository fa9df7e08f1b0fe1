import { randomUUID } from 'node:crypto';
import { errorMessage } from '../../lambdas/core/error-message.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { buildFailedReport } from '../../lambdas/core/report/build-failed-report.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { runDeadline } from '../../lambdas/app/run-deadline.js';
import { archiveReport } from '../../lambdas/app/archive-report.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { EXIT, type CliIo, type ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import { connectFromFlags } from './connect-from-flags.js';
import { deliverReport } from './deliver-report.js';
import { errorLine, exitCodeFor, exitCodeForError } from './exit-code-for.js';
import type { CliFlags } from './parse-cli-args.js';
import { assertWritable } from './assert-writable.js';
import { readPolicyFile } from './read-policy-file.js';
import { resolveRunLimits } from './resolve-run-limits.js';
import { secretStoreFor } from './secret-store-for.js';
import { directoryArchive } from './report-archive-for.js';
import { INTERRUPT_GRACE_MS, watchInterrupts } from './watch-interrupts.js';

/**
 * `plan` and `run`: the same orchestrator the Lambda calls. `plan` and `--dry-run` force report
 * mode here, before the orchestrator, whatever the policy file says. Flags, policy and --json are
 * checked first (a mistake there is exit 2 with no report); from connecting on, every run ends in
 * a report, one that failed before evaluation included (exit 2 for refused credentials, else 1).
 * SIGINT/SIGTERM stop new actions, wait for those in flight (10 s at most), print the report with
 * outcome `interrupted` and exit 130/143.
 */
export async function cleanupCommand(command: 'plan' | 'run', flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const filePolicy = await readPolicyFile(flags.policy);
  // Checked before anything runs: an enforced run must not end in "could not write the report".
  if (flags.json) await assertWritable(flags.json, '--json');
  const archive = flags.archiveDir === undefined ? {} : { archive: await directoryArchive(flags.archiveDir) };
  const reportOnly = command === 'plan' || flags.dryRun;
  const policy = reportOnly ? parsePolicy({ ...filePolicy, mode: 'report' }) : filePolicy;
  const limits = resolveRunLimits(flags, io.env);
  // The time limit runs from here: connecting and listing count too.
  const deadline =
    limits.maxRunTimeMs === undefined
      ? undefined
      : runDeadline(limits.maxRunTimeMs, `the run reached its time limit (--max-run-time ${flags.maxRunTime} s)`);
  const reportId = randomUUID();
  const startedAt = io.now();
  const interrupts = watchInterrupts(io.signals, {
    ...(io.interruptGraceMs === undefined ? {} : { graceMs: io.interruptGraceMs }),
    onSignal: (signal, first) =>
      io.stderr.write(
        first
          ? `[warning] ${signal}: starting no more actions; waiting up to ${(io.interruptGraceMs ?? INTERRUPT_GRACE_MS) / 1000} s for those in flight, then the report\n`
          : `[warning] ${signal} again: already stopping; the report follows\n`,
      ),
  });
  // The ISC client stops at the deadline, or when an interrupt's grace period is over.
  const stop = deadline ? AbortSignal.any([deadline.signal, interrupts.abandon]) : interrupts.abandon;
  try {
    let report: RunReport;
    let failure: unknown;
    try {
      const { connection, logger } = await connectFromFlags(flags, io, { limits, signal: stop });
      report = await runJanitor({
        api: connection.api,
        policy,
        tenant: flags.tenant ?? tenantFromBaseUrl(connection.baseUrl),
        selfClientId: connection.selfClientId,
        clock: io.now,
        reportId,
        logger,
        // At the deadline itself: no action starts after it, and the signal ends those in flight.
        ...(deadline ? { remainingTimeMs: deadline.remainingMs, safetyMarginMs: 0 } : {}),
        interruption: interrupts.stop,
        rotation: { store: secretStoreFor(flags.secretsDir), baseUrl: connection.baseUrl },
        ...archive,
        // The archive is also the record of the token deletions earlier runs announced.
        pats: { api: connection.api.personalAccessTokens, ...archive },
      });
    } catch (error) {
      // Stopped before the tenant was evaluated: the error on stderr, and still a report (and
      // --json) that says so, so a scheduled run never ends without one.
      failure = error;
      io.stderr.write(errorLine(error));
      const tenant = flags.tenant ?? (io.env.SAIL_BASE_URL ? tenantFromBaseUrl(io.env.SAIL_BASE_URL) : (flags.secretId ?? 'unknown'));
      report = buildFailedReport({
        reportId,
        tenant,
        mode: policy.mode,
        startedAt,
        finishedAt: io.now(),
        reason: errorMessage(error),
        policy,
        ...(interrupts.received() ? { outcome: 'interrupted' as const } : {}),
      });
      // A run that failed early is evidence too.
      if (archive.archive) report = await archiveReport(archive.archive, report, cliLogger(io.stderr));
    }
    await deliverReport(report, flags, io);
    const signal = interrupts.received();
    if (signal) return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
    return failure === undefined ? exitCodeFor(report) : exitCodeForError(failure);
  } finally {
    interrupts.dispose();
    deadline?.dispose();
  }
}
