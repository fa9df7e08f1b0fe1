import { isConfigError } from '../../lambdas/core/config-error.js';
import { errorMessage } from '../../lambdas/core/error-message.js';
import { isIscAuthError } from '../../lambdas/core/isc-api-error.js';
import { isTenantBusyError } from '../../lambdas/core/tenant-busy-error.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { EXIT, UsageError, type ExitCode } from './cli-io.js';

/**
 * 3 blocked (by the guard, or another run holds the tenant, or took it over: `lease-lost`), 1 some
 * action failed, else 0 (the exit-code contract in cli-io.ts).
 */
export function exitCodeFor(report: RunReport): ExitCode {
  if (report.outcome === 'blocked' || report.outcome === 'lease-lost') return EXIT.blocked;
  if (report.outcome === 'failed') return EXIT.actionFailed;
  return EXIT.ok;
}

/** What the user must fix (usage, configuration, rejected credentials) is 2; anything else failed on the way: 1. */
function mustFix(error: unknown): boolean {
  return error instanceof UsageError || isConfigError(error) || isIscAuthError(error);
}

/** The exit code of a command that ended in `error`: 3 when another run holds the tenant, else 2 or 1 (see mustFix). */
export function exitCodeForError(error: unknown): ExitCode {
  if (isTenantBusyError(error)) return EXIT.blocked;
  return mustFix(error) ? EXIT.badInput : EXIT.actionFailed;
}

/** The stderr line for `error`: its message alone when the user must fix it or must wait, else "the run failed: ...". */
export function errorLine(error: unknown): string {
  return mustFix(error) || isTenantBusyError(error) ? `error: ${errorMessage(error)}\n` : `error: the run failed: ${errorMessage(error)}\n`;
}
