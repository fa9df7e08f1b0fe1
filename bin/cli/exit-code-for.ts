import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { EXIT, type ExitCode } from './cli-io.js';

/** 3 blocked by the guard, 1 some action failed, else 0 (the exit-code contract in cli-io.ts). */
export function exitCodeFor(report: RunReport): ExitCode {
  if (report.outcome === 'blocked') return EXIT.blocked;
  if (report.outcome === 'failed') return EXIT.actionFailed;
  return EXIT.ok;
}
