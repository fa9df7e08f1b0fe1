import type { PlannedActionKind } from './run-report.js';

const DONE: Record<PlannedActionKind, string> = { disable: 'disabled', delete: 'deleted', rotate: 'rotated' };
const DOES: Record<PlannedActionKind, string> = { disable: 'disables', delete: 'deletes', rotate: 'rotates' };

/**
 * What an upcoming action says about its date, for a run on `runDay` (both `YYYY-MM-DD`):
 * `will be deleted on 2026-12-20`. A threshold that falls later on the run's own day (unchanged
 * for 13 days 20 hours, grace 14) is not "will be deleted on <today>" in a report that kept the
 * client: it says the run was too early and the next one acts.
 */
export function upcomingWords(action: PlannedActionKind, on: string, runDay: string): string {
  return on > runDay ? `will be ${DONE[action]} on ${on}` : `due later today (${on}), after this run: the next run ${DOES[action]} it`;
}

/**
 * Reports archived before the renderers worded the date themselves began the upcoming reason
 * with it (`will be deleted on 2026-12-20: unused for ...`): the reason without that prefix, so a
 * history of old and new reports says the date once.
 */
export function upcomingReason(reason: string): string {
  return reason.replace(/^will be (?:disabled|deleted|rotated) on \d{4}-\d{2}-\d{2}: /, '');
}
