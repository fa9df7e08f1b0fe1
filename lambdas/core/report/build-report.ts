import type { CredentialHealth } from './credential-health.js';
import type { GuardVerdict } from '../rules/check-guard.js';
import type { TenantEvaluation } from '../plan/evaluate-tenant.js';
import type { PatEvaluation } from '../plan/evaluate-pats.js';
import type { Policy } from '../model/policy.js';
import type { ActionKind, ExemptEntry, PatCounts, ReportAction, RunCounts, RunOutcome, RunReport, UpcomingAction } from './run-report.js';
import { compareStrings } from './summarize-inventory.js';

export interface BuildReportInput {
  readonly reportId: string;
  readonly tenant: string;
  readonly mode: 'report' | 'enforce';
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly evaluation: TenantEvaluation;
  /** The personal access tokens' evaluation, when the policy governs them. */
  readonly pats?: PatEvaluation | undefined;
  readonly actions: readonly ReportAction[];
  readonly guard: GuardVerdict;
  /** Run-level warnings (e.g. from execution) added after the evaluation's own. */
  readonly warnings?: readonly string[];
  readonly policy: Policy;
  /** Set when a signal stopped the run: what stopped it (`interrupted by SIGTERM`). */
  readonly interrupted?: string | undefined;
  /** Set when the run lost its tenant lease: why, in words. */
  readonly leaseLost?: string | undefined;
  /** Rotation state of the managed secrets and the janitor's PAT, when the run looked. */
  readonly credentials?: CredentialHealth | undefined;
}

/** The detail of every action an interrupted run did not start. */
export const INTERRUPTED = 'interrupted';

/** The detail of every action a run that lost its tenant lease did not start. */
export const LEASE_LOST = 'the run lost its tenant lease before this action';

/**
 * Assemble the RunReport from what the run saw (evaluation), decided (guard) and did (actions).
 * Pure data out: ISO strings instead of Dates, a plain copy of the policy. `counts` are the
 * clients'; the tokens' are in `pats.counts`. The lists (`actions`, `upcoming`, `exempt`) hold
 * both kinds, each entry naming its credential.
 */
export function buildReport(input: BuildReportInput): RunReport {
  const { evaluation, actions, guard, pats } = input;
  // Another run may be acting on the tenant now: that is the first thing the report must say.
  const outcome: RunOutcome =
    input.leaseLost !== undefined
      ? 'lease-lost'
      : input.interrupted !== undefined
      ? 'interrupted'
      : !guard.allowed
        ? 'blocked'
        : actions.some((action) => action.outcome === 'failed')
          ? 'failed'
          : 'ok';
  const clientActions = actions.filter((action) => action.credential === 'oauth-client');
  // In enforce mode an action counts once ISC confirmed it; in report mode, once it was planned.
  const counted = input.mode === 'enforce' ? 'done' : 'planned';
  const tally = (kind: ActionKind, of: readonly ReportAction[] = clientActions) =>
    of.filter((action) => action.action === kind && action.outcome === counted).length;
  const withOutcome = (outcomeName: ReportAction['outcome'], of: readonly ReportAction[] = clientActions) =>
    of.filter((action) => action.outcome === outcomeName).length;

  const counts: RunCounts = {
    total: evaluation.counts.total,
    stale: evaluation.counts.stale,
    disabled: tally('disable'),
    deleted: tally('delete'),
    rotated: tally('rotate'),
    failed: withOutcome('failed'),
    notAttempted: withOutcome('not-attempted'),
    exempt: evaluation.counts.exempt,
    upcoming: evaluation.upcoming.length,
    skipped: evaluation.counts.skipped + withOutcome('skipped'),
  };

  return {
    reportId: input.reportId,
    tenant: input.tenant,
    mode: input.mode,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    outcome,
    ...(guard.allowed ? {} : { blockedReason: guard.reason }),
    ...(input.leaseLost === undefined ? {} : { leaseLostReason: input.leaseLost }),
    counts,
    actions,
    upcoming: pats ? [...evaluation.upcoming, ...pats.upcoming].sort(byDateThenId) : [...evaluation.upcoming],
    exempt: [...clientExemptions(evaluation), ...(pats?.exempt ?? [])],
    warnings: [...evaluation.warnings, ...(pats?.warnings ?? []), ...(input.warnings ?? []), ...outOfTimeWarning(guard.allowed, actions), ...interruptedWarning(input.interrupted, actions), ...leaseLostWarning(input.leaseLost, actions)],
    inventory: evaluation.inventory,
    ...(pats ? { pats: { counts: patCounts(pats, actions.filter((action) => action.credential === 'personal-access-token'), tally, withOutcome), inventory: pats.inventory } } : {}),
    policy: JSON.parse(JSON.stringify(input.policy)) as unknown,
    ...(input.credentials ? { credentials: input.credentials } : {}),
  };
}

/** Not-attempted actions of an allowed run mean the time budget ran out: say so where people look. */
function outOfTimeWarning(allowed: boolean, actions: readonly ReportAction[]): string[] {
  const left = allowed ? actions.filter((action) => action.outcome === 'not-attempted' && action.detail !== INTERRUPTED && action.detail !== LEASE_LOST).length : 0;
  return left === 0 ? [] : [`${left} action(s) were not attempted because the run ran out of time; the next run will pick them up`];
}

function interruptedWarning(interrupted: string | undefined, actions: readonly ReportAction[]): string[] {
  if (interrupted === undefined) return [];
  const left = actions.filter((action) => action.outcome === 'not-attempted' && action.detail === INTERRUPTED).length;
  return [`the run was ${interrupted}: ${left} action(s) were not started; the next run will pick them up`];
}

/** What a run that lost its lease did and did not do, where people look first. */
function leaseLostWarning(reason: string | undefined, actions: readonly ReportAction[]): string[] {
  if (reason === undefined) return [];
  const notStarted = actions.filter((action) => action.outcome === 'not-attempted' && action.detail === LEASE_LOST).length;
  const carriedOut = actions.filter((action) => action.outcome === 'done' || action.outcome === 'failed' || action.outcome === 'skipped').length;
  return [`${reason}: ${carriedOut} action(s) were carried out before that (listed with their outcome), ${notStarted} were not started; the run that holds the tenant now, or the next one, picks them up`];
}

function patCounts(
  pats: PatEvaluation,
  actions: readonly ReportAction[],
  tally: (kind: ActionKind, of: readonly ReportAction[]) => number,
  withOutcome: (outcome: ReportAction['outcome'], of: readonly ReportAction[]) => number,
): PatCounts {
  return {
    total: pats.counts.total,
    stale: pats.counts.stale,
    deleted: tally('delete', actions),
    upcoming: pats.upcoming.length,
    exempt: pats.counts.exempt,
    skipped: pats.counts.skipped + withOutcome('skipped', actions),
    failed: withOutcome('failed', actions),
    notAttempted: withOutcome('not-attempted', actions),
  };
}

/** Exempt clients, each with the reason its exemption gave, in the evaluation's order. */
function clientExemptions(evaluation: TenantEvaluation): ExemptEntry[] {
  const entries: ExemptEntry[] = [];
  for (const finding of evaluation.findings) {
    if (finding.verdict === 'exempt') entries.push({ credential: 'oauth-client', clientId: finding.clientId, name: finding.name, reason: finding.reason, ...(finding.owner ? { owner: finding.owner } : {}) });
  }
  return entries;
}

function byDateThenId(a: UpcomingAction, b: UpcomingAction): number {
  return compareStrings(a.on, b.on) || compareStrings(a.clientId, b.clientId);
}
