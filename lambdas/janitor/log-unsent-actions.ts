import type { RunLogger } from '../core/run-logger.js';
import { NOT_ATTEMPTED_LISTED } from '../core/report/build-report.js';
import type { RunReport } from '../core/report/run-report.js';

/**
 * One log line per action, whatever happened to it. executePlan logs each action it sends to
 * ISC (done, skipped, failed with its tracking id); the ones never sent (planned in report mode,
 * held back by the guard or the time budget) are logged here, so an auditor searching the logs
 * for a client id finds it in every run that concerned it. Not-attempted actions the report
 * does not list (past the first 100 of a blocked or cut-short run) get one line with their count.
 */
export function logUnsentActions(logger: RunLogger, report: RunReport): void {
  for (const action of report.actions) {
    if (action.outcome !== 'planned' && action.outcome !== 'not-attempted') continue;
    logger.info('action', {
      clientId: action.clientId,
      action: action.action,
      outcome: action.outcome,
      ...(action.detail ? { detail: action.detail } : {}),
    });
  }
  if (report.actionsOmitted) {
    logger.info('actions not listed', { outcome: 'not-attempted', count: report.actionsOmitted, listed: NOT_ATTEMPTED_LISTED });
  }
}
