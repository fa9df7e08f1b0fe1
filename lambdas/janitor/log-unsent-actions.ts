import type { RunLogger } from '../core/run-logger.js';
import { wholeReportAt } from '../core/report/archived-at-lines.js';
import type { RunReport } from '../core/report/run-report.js';

/**
 * Not-attempted actions logged one by one; past these a run's log gets one line with their
 * count and where the whole report is. A blocked plan of a large tenant would otherwise fill
 * megabytes of log with lines saying nothing was done; the report and its archive hold them all.
 */
export const NOT_ATTEMPTED_LOGGED = 100;

/**
 * One log line per action, whatever happened to it. executePlan logs each action it sends to
 * ISC (done, skipped, failed with its tracking id); the ones never sent (planned in report mode,
 * held back by the guard or the time budget) are logged here, so an auditor searching the logs
 * for a client id finds it in every run that concerned it. Not-attempted actions past the first
 * 100 get one line with their count and the archived report that lists them.
 */
export function logUnsentActions(logger: RunLogger, report: RunReport): void {
  let notAttempted = 0;
  for (const action of report.actions) {
    if (action.outcome !== 'planned' && action.outcome !== 'not-attempted') continue;
    if (action.outcome === 'not-attempted' && (notAttempted += 1) > NOT_ATTEMPTED_LOGGED) continue;
    logger.info('action', {
      clientId: action.clientId,
      action: action.action,
      outcome: action.outcome,
      ...(action.detail ? { detail: action.detail } : {}),
    });
  }
  if (notAttempted > NOT_ATTEMPTED_LOGGED) {
    logger.info('actions not logged', { outcome: 'not-attempted', count: notAttempted - NOT_ATTEMPTED_LOGGED, logged: NOT_ATTEMPTED_LOGGED, report: wholeReportAt(report) });
  }
}
