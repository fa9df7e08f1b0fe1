import { exitCodeFor } from '../../bin/cli/exit-code-for.js';
import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { RequestLogEntry, SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';

/** What one chaos run did to the tenant's personal access tokens, next to what a fault-free run would do. */
export interface PatRunEvidence {
  readonly mode: 'report' | 'enforce';
  /** The fault-free token plan (evaluatePats on the initial tokens and the seeded announcements). */
  readonly expected: readonly PlannedAction[];
  readonly expectedAllowed: boolean;
  readonly initial: readonly SandboxPersonalAccessToken[];
  readonly final: readonly SandboxPersonalAccessToken[];
  /** POST/PATCH/DELETE on personal-access-tokens during this run only. */
  readonly mutating: readonly RequestLogEntry[];
  readonly report: RunReport | undefined;
  readonly error: unknown;
  /** Oracle: managed, the janitor's own, or exempt by the policy. */
  readonly untouchable: (token: SandboxPersonalAccessToken) => boolean;
  /** Oracle: announced at least warnDays UTC days ago, after its last use. */
  readonly announcedInTime: (token: SandboxPersonalAccessToken) => boolean;
}

const PAT_PATH = /^\/(?:[^/]+\/personal-access-tokens|personal-access-tokens\/v1)\/([^/]+)$/;

/**
 * The token invariants: (1) only tokens of the fault-free plan are deleted, nothing else is sent,
 * and never an untouchable or unannounced token; (2) the report tells the truth; (3) report mode,
 * a blocked run and an unreadable archive delete nothing; (5) a failed action fails the run.
 */
export function checkPatInvariants(e: PatRunEvidence): string[] {
  const v: string[] = [];
  const expected = new Set(e.expected.map((action) => action.clientId));
  const finals = new Set(e.final.map((token) => token.id));
  const silent = e.mode === 'report' || !e.expectedAllowed || e.report?.outcome === 'blocked';
  if (silent && e.mutating.length > 0) v.push(`pat-inv3: ${e.mutating.length} mutating token requests in a run that must not change anything`);

  for (const request of e.mutating) {
    const id = PAT_PATH.exec(request.path)?.[1];
    if (request.method !== 'DELETE' || id === undefined || !expected.has(decodeURIComponent(id))) v.push(`pat-inv1: unexpected ${request.method} ${request.path}`);
  }
  const gone = e.initial.filter((token) => !finals.has(token.id));
  for (const token of gone) {
    if (!expected.has(token.id)) v.push(`pat-inv1: ${token.id} was deleted but the fault-free plan keeps it`);
    if (e.untouchable(token)) v.push(`pat-inv1: ${token.id} is managed, the janitor's own or exempt, and was deleted`);
    if (!e.announcedInTime(token)) v.push(`pat-inv1: ${token.id} was deleted without an announcement warnDays before`);
  }
  if (e.report === undefined) {
    if (e.mutating.length > 0) v.push('pat-inv2: the run threw after sending token deletions, no report says what happened');
    return v;
  }

  const tokenActions = e.report.actions.filter((action) => action.credential === 'personal-access-token');
  const reported = new Map(tokenActions.map((action) => [action.clientId, action]));
  for (const action of tokenActions) {
    const isGone = !finals.has(action.clientId);
    if (action.action !== 'delete') v.push(`pat-inv2: a token action ${action.action}`);
    if (action.outcome === 'done' && !isGone) v.push(`pat-inv2: delete ${action.clientId} reported done but the token is still there`);
    // A DELETE processed before its answer was lost meets ISC's 404 on the retry: skipped, already gone.
    const alreadyGone = action.outcome === 'skipped' && action.detail === 'already gone';
    if (['planned', 'not-attempted', 'skipped'].includes(action.outcome) && isGone && !alreadyGone) {
      v.push(`pat-inv2: delete ${action.clientId} reported ${action.outcome} but the token is gone`);
    }
  }
  for (const token of gone) if (reported.get(token.id) === undefined) v.push(`pat-inv2: ${token.id} was deleted without an action in the report`);
  const done = tokenActions.filter((action) => action.outcome === (e.mode === 'enforce' ? 'done' : 'planned')).length;
  if (e.report.pats?.counts.deleted !== done) v.push(`pat-inv2: pats.counts.deleted ${e.report.pats?.counts.deleted} but ${done} deletions reported`);

  const failed = e.report.actions.some((action) => action.outcome === 'failed');
  if (failed && e.report.outcome === 'ok') v.push('pat-inv5: an action failed but the outcome is ok');
  if (failed && e.report.outcome === 'failed' && exitCodeFor(e.report) !== 1) v.push('pat-inv5: a failed run does not map to exit code 1');
  return v;
}
