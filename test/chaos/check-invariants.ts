import { exitCodeFor } from '../../bin/cli/exit-code-for.js';
import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import type { RequestLogEntry } from '../../sandbox/start-sandbox.js';

/** What one chaos run left behind, next to what a fault-free run of the same policy would do. */
export interface RunEvidence {
  readonly mode: 'report' | 'enforce';
  /** The fault-free plan (evaluateTenant on the initial clients, same policy and now). */
  readonly expected: readonly PlannedAction[];
  /** Whether the guard lets the fault-free plan through. */
  readonly expectedAllowed: boolean;
  readonly initial: readonly OAuthClient[];
  readonly final: readonly OAuthClient[];
  /** POST/PATCH/DELETE on oauth-clients during this run only. */
  readonly mutating: readonly RequestLogEntry[];
  /** The report, or undefined when the run threw (then `error` is set). */
  readonly report: RunReport | undefined;
  readonly error: unknown;
}

const CLIENTS_PATH = /^\/[^/]+\/oauth-clients\/([^/]+)$/;

/** The cleanup invariants (1: only what the fault-free plan holds changes; 2: the report tells the truth; 3: report mode and blocked runs change nothing; 5: a failed action fails the run); returns one line per violation (empty: all held). */
export function checkInvariants(e: RunEvidence): string[] {
  const v: string[] = [];
  const expected = new Map(e.expected.map((action) => [action.clientId, action.kind]));
  const finals = new Map(e.final.map((client) => [client.id, client]));

  // (3) Report mode, or a run the guard blocks, sends nothing that changes anything.
  const silent = e.mode === 'report' || !e.expectedAllowed || e.report?.outcome === 'blocked';
  if (silent && e.mutating.length > 0) v.push(`inv3: ${e.mutating.length} mutating requests in a run that must not change anything`);

  // (1) Every attempted or visible change is one the fault-free plan contains.
  for (const request of e.mutating) {
    const id = CLIENTS_PATH.exec(request.path)?.[1];
    const kind = request.method === 'PATCH' ? 'disable' : request.method === 'DELETE' ? 'delete' : 'create';
    if (id === undefined || expected.get(decodeURIComponent(id)) !== kind) v.push(`inv1: unexpected ${request.method} ${request.path}`);
  }
  if (e.final.length > e.initial.length || e.final.some((client) => !e.initial.some((i) => i.id === client.id))) {
    v.push('inv1: a client appeared that was not there before');
  }
  const changed = new Map<string, 'disable' | 'delete'>();
  for (const before of e.initial) {
    const after = finals.get(before.id);
    const change = after === undefined ? 'delete' : before.enabled && !after.enabled ? 'disable' : undefined;
    if (after !== undefined && !sameExceptEnabled(before, after, change === 'disable')) v.push(`inv1: ${before.id} changed beyond "enabled"`);
    if (after !== undefined && !before.enabled && after.enabled) v.push(`inv1: ${before.id} was re-enabled`);
    if (change === undefined) continue;
    changed.set(before.id, change);
    if (expected.get(before.id) !== change) v.push(`inv1: ${before.id} was ${change}d but the fault-free plan says ${expected.get(before.id) ?? 'nothing'}`);
  }
  if (e.report === undefined) {
    if (e.mutating.length > 0) v.push('inv2: the run threw after sending mutating requests, no report says what happened');
    return v;
  }

  // (2) The report tells the truth about every action, and about every change in the sandbox.
  const reported = new Map(e.report.actions.map((action) => [action.clientId, action]));
  for (const action of e.report.actions) {
    const after = finals.get(action.clientId);
    const reached = action.action === 'delete' ? after === undefined : after !== undefined && !after.enabled;
    const untouched = changed.get(action.clientId) === undefined;
    if (action.outcome === 'done' && !reached) v.push(`inv2: ${action.action} ${action.clientId} reported done but the sandbox disagrees`);
    // A failed call may have been processed before its answer was lost: idempotent, redone next run.
    if (action.outcome === 'failed' && !untouched && !reached) v.push(`inv2: failed ${action.action} ${action.clientId} left a half change`);
    if (['planned', 'not-attempted', 'skipped'].includes(action.outcome) && !untouched) {
      v.push(`inv2: ${action.action} ${action.clientId} reported ${action.outcome} but the client changed`);
    }
  }
  for (const [id, change] of changed) {
    if (reported.get(id)?.action !== change) v.push(`inv2: ${id} was ${change}d without a matching action in the report`);
  }

  // (5) Any failed action makes the run failed, and the CLI exit 1.
  const failed = e.report.actions.some((action) => action.outcome === 'failed');
  if (failed && e.report.outcome === 'ok') v.push('inv5: an action failed but the outcome is ok');
  if (failed && e.report.outcome === 'failed' && exitCodeFor(e.report) !== 1) v.push('inv5: a failed run does not map to exit code 1');
  if (!failed && e.report.outcome === 'failed') v.push('inv5: outcome failed without a failed action');
  if (e.report.counts.failed !== e.report.actions.filter((action) => action.outcome === 'failed').length) v.push('inv5: counts.failed is wrong');
  return v;
}

/** Equal except `enabled` and, when the client was disabled by the run, `modified`. */
function sameExceptEnabled(before: OAuthClient, after: OAuthClient, disabled: boolean): boolean {
  const strip = (client: OAuthClient) => ({ ...client, enabled: null, modified: disabled ? null : client.modified });
  return JSON.stringify(strip(before)) === JSON.stringify(strip(after));
}
