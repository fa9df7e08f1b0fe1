import type { RunLogger } from '../core/run-logger.js';
import type { RunReport } from '../core/report/run-report.js';

/**
 * One log line per action, whatever happened to it. executePlan logs each action it sends to
 * ISC (done, skipped, failed with its tracking id); the ones never sent (planned in report mode,
 * held back by the guard or the time budget) are logged here, so an auditor searching the logs
 * for a client id finds it in every run that concerned it.
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
}
