import { exitCodeFor } from '../../bin/cli/exit-code-for.js';
import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import type { RequestLogEntry } from '../../sandbox/start-sandbox.js';
import { checkInvariants } from './check-invariants.js';
import type { ManagedName } from './rotation-managed-name.js';
import { checkRotationSecrets } from './rotation-secret-invariants.js';

/** What one rotation chaos run left behind, beside the fault-free plan and the stated rules. */
export interface RotationEvidence {
  readonly mode: 'report' | 'enforce';
  readonly managed: readonly ManagedName[];
  readonly secretNameOf: (clientName: string) => string;
  /** The fault-free plan: staleness and rotation rules merged, on the initial clients and secrets. */
  readonly expected: readonly PlannedAction[];
  readonly expectedAllowed: boolean;
  readonly initial: readonly OAuthClient[];
  readonly final: readonly OAuthClient[];
  /** The sandbox's token-endpoint secret of a client (sb.state.secretOf). */
  readonly secretOf: (id: string) => string | undefined;
  /** The stored secret per managed name, before and after the run. */
  readonly before: ReadonlyMap<string, ManagedClientSecret | undefined>;
  readonly after: ReadonlyMap<string, ManagedClientSecret | undefined>;
  /** POST/PATCH/DELETE on oauth-clients during the run. */
  readonly mutating: readonly RequestLogEntry[];
  /** The names the janitor sent a create for. */
  readonly createNames: readonly string[];
  /** Writes that reached the secret store. */
  readonly writes: number;
  readonly now: Date;
  readonly baseUrl: string;
  readonly report: RunReport | undefined;
  readonly error: unknown;
}

export interface RotationVerdict {
  readonly violations: string[];
  /** Successors left without a stored secret because deleting them failed: the report names each one. */
  readonly orphans: string[];
}

/**
 * The invariants for a run with rotation. Disables and deletes (retirements, left-overs,
 * staleness) go through the cleanup checker on the tenant as it was; creates, successors and
 * the store are checked here and in checkRotationSecrets.
 */
export function checkRotationInvariants(e: RotationEvidence): RotationVerdict {
  const v: string[] = [];
  const initialIds = new Set(e.initial.map((client) => client.id));
  // Creates, and deletes of clients this run created (rollbacks), are rotation's: checked below.
  const isNew = (request: RequestLogEntry) =>
    request.method === 'POST' || (request.method === 'DELETE' && !initialIds.has(decodeURIComponent(request.path.split('/').pop() ?? '')));
  const notRotate = (action: { action?: string; kind?: string }) => (action.action ?? action.kind) !== 'rotate';
  const cleanupActions = e.report?.actions.filter(notRotate) ?? [];
  const cleanupFailed = cleanupActions.filter((action) => action.outcome === 'failed').length;
  const cleanupView =
    e.report && { ...e.report, actions: cleanupActions, counts: { ...e.report.counts, failed: cleanupFailed }, outcome: e.report.outcome === 'failed' && cleanupFailed === 0 ? 'ok' : e.report.outcome };
  v.push(
    ...checkInvariants({
      mode: e.mode,
      expected: e.expected.filter(notRotate),
      expectedAllowed: e.expectedAllowed,
      initial: e.initial,
      final: e.final.filter((client) => initialIds.has(client.id)),
      mutating: e.mutating.filter((request) => !isNew(request)),
      report: cleanupView as RunReport | undefined,
      error: e.error,
    }),
  );

  // (3) Report mode, or a blocked run, creates nothing and writes no secret.
  const silent = e.mode === 'report' || !e.expectedAllowed || e.report?.outcome === 'blocked';
  if (silent && (e.writes > 0 || e.mutating.some((request) => request.method === 'POST'))) v.push(`inv3: ${e.writes} secret writes / a POST in a run that must not change anything`);

  // (5) on the whole report, rotations included.
  if (e.report) {
    const failed = e.report.actions.filter((action) => action.outcome === 'failed');
    if (failed.length > 0 && (e.report.outcome !== 'failed' || exitCodeFor(e.report) !== 1)) v.push('inv5: a rotation step failed but the run is not failed with exit 1');
    if (failed.length === 0 && e.report.outcome === 'failed') v.push('inv5: outcome failed without a failed action');
    if (e.report.counts.failed !== failed.length) v.push('inv5: counts.failed is wrong');
    for (const action of failed) if (!action.error?.message) v.push(`inv5: failed ${action.action} ${action.clientId} has no error message`);
  }

  // The oracle: the fault-free planner agrees with the rules as the scenario states them.
  const ids = (step: PlannedAction['rotationStep']) => sorted(e.expected.filter((action) => action.rotationStep === step).map((action) => action.clientId));
  const stated = (key: 'rotate' | 'retire' | 'leftover') => sorted(e.managed.flatMap((m) => (m.expect[key] ? [m.expect[key]] : [])));
  for (const [step, key] of [['rotate', 'rotate'], ['retire-predecessor', 'retire'], ['remove-leftover', 'leftover']] as const) {
    if (ids(step) !== stated(key)) v.push(`oracle: the fault-free plan has ${step} [${ids(step)}], the rules say [${stated(key)}]`);
  }
  // Successors only for names that are due, at most one create per name and run.
  const due = new Set(e.managed.filter((m) => m.expect.rotate).map((m) => m.name));
  for (const name of e.createNames) if (!due.has(name)) v.push(`inv1: a successor was created for ${name}, which is not due`);
  if (new Set(e.createNames).size !== e.createNames.length) v.push('inv1: two creates for one name in one run');

  const secrets = checkRotationSecrets(e);
  return { violations: [...v, ...secrets.violations], orphans: secrets.orphans };
}

function sorted(values: string[]): string {
  return [...values].sort().join(',');
}
