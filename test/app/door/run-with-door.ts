import type { IscClient } from '../../../lambdas/adapters/isc/index.js';
import { iscWithDoor } from '../../support/isc-with-door.js';
import { runJanitor, type RunJanitorInput } from '../../../lambdas/app/run-janitor.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';

/** runJanitor on an ISC client as a composition root wires it. */
export function runWithDoor(api: IscClient, input: Omit<RunJanitorInput, 'api' | 'door'>): Promise<RunReport> {
  return runJanitor({ ...iscWithDoor(api), ...input });
}
