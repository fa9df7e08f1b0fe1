import type { GuardVerdict } from '../core/rules/check-guard.js';
import { checkGuard } from '../core/rules/check-guard.js';
import { buildReport } from '../core/report/build-report.js';
import { knownSecrets } from '../core/known-secrets.js';
import type { EvaluationContext } from '../core/plan/evaluate-client.js';
import type { PlannedAction } from '../core/plan/evaluate-tenant.js';
import { evaluateTenant } from '../core/plan/evaluate-tenant.js';
import { mergeRotationPlan } from '../core/plan/merge-rotation-plan.js';
import type { RotationPlan } from '../core/plan/plan-rotation.js';
import type { Policy } from '../core/model/policy.js';
import { sendOwnerNotices } from './owners/send-owner-notices.js';
import { lookUpOwners } from './owners/look-up-owners.js';
import type { AuditSearchApi, OAuthClientsApi, OwnerNotifier, PersonalAccessTokensApi, ReportArchive, SecretStore } from '../core/ports.js';
import type { Door, DoorKey, DoorLine } from './door/door.js';
import { heldBySecretStages } from './door/held-by-secret-stages.js';
import { allMayStillAct, alwaysMayAct, deadlineMayStillAct, type MayStillAct } from './door/may-still-act.js';
import { passPlanned } from './door/pass-planned.js';
import type { RunLogger } from '../core/run-logger.js';
import { silentLogger } from '../core/run-logger.js';
import type { ReportAction, RunReport, UpcomingAction } from '../core/report/run-report.js';
import { compareStrings } from '../core/report/summarize-inventory.js';
import { confirmCandidates, listClients, unknownIdWarnings } from './confirm-candidates.js';
import { planPatStep, type RunPatOptions } from './pats/plan-pat-step.js';
import { evaluateClient } from '../core/plan/evaluate-client.js';
import { createActionRegistry } from './actions/action-registry.js';
import { archiveReport } from './archive-report.js';
import { previousPatOutcomeOf, reviewJanitorCredential, type JanitorCredentialReview } from './credentials/review-janitor-credential.js';
import type { CredentialHealth } from '../core/report/credential-health.js';
import { credentialHealthWarnings } from '../core/rules/credential-health-warnings.js';
import { executePlan } from './execute-plan.js';
import type { HeldLease } from './keep-tenant-lease.js';
import { plannedFieldsOf } from './actions/executor.js';
import type { OAuthClient } from '../core/model/oauth-client.js';
import { planTenantRotation } from './in-run-rotation/plan-tenant-rotation.js';
import type { RotationDeps } from './in-run-rotation/rotation-deps.js';
import { normalizeStoreRetry, type StoreRetryOptions } from './in-run-rotation/store-retry.js';

/** Time kept in hand at the end of a run: enough to finish in-flight actions and publish the report. */
export const DEFAULT_SAFETY_MARGIN_MS = 20_000;

export interface RunJanitorInput {
  /** Reads and creates; it cannot disable or delete. */
  readonly api: OAuthClientsApi;
  /** Opens the run's door, the only way to disable or delete (the composition root made it from the ISC client). */
  readonly door: DoorKey;
  /**
   * Asked before every destructive call, besides the run's deadline: the tenant lease's fencing
   * check plugs in here. @default always yes
   */
  readonly mayStillAct?: MayStillAct;
  readonly policy: Policy;
  /** Label used in the report (`acme`). */
  readonly tenant: string;
  /** The janitor's own client id: always exempt. */
  readonly selfClientId: string;
  readonly clock: () => Date;
  readonly reportId: string;
  /** Restrict actions to these client ids (an on-demand run for a few clients). */
  readonly clientIds?: readonly string[];
  /** Milliseconds left for the whole run; actions stop being started when it nears zero. */
  readonly remainingTimeMs?: () => number;
  /** Stop starting actions when fewer than this many ms remain. @default 20_000 */
  readonly safetyMarginMs?: number;
  /**
   * Aborted when the run is interrupted (SIGINT, SIGTERM): no action starts after that, those in
   * flight finish, and the report's outcome is `interrupted`. Its reason (an Error) says what
   * stopped the run. Ending requests in flight is the ISC client's own signal's job.
   */
  readonly interruption?: AbortSignal;
  /**
   * The tenant lease the run holds (withTenantLease): asked before every action; once lost, no
   * action starts and the report's outcome is `lease-lost`. @default none: a run without a lease
   */
  readonly lease?: HeldLease;
  /** Actions in flight at once (the ISC client paces requests). @default 8 */
  readonly concurrency?: number;
  readonly logger?: RunLogger;
  /**
   * Secret rotation: where managed client secrets live and the tenant's API base URL
   * stored beside them. Without it, `policy.rotation.enabled` only produces a warning.
   */
  readonly rotation?: RunRotationOptions;
  /**
   * The janitor's own credential, for the report's credential health (expiry, rotation, previous
   * PAT). Read once the tenant was listed with it. @default none: the report says nothing about it
   */
  readonly credentials?: JanitorCredentialReview;
  /** The evidence archive every finished report goes to, whatever its outcome. @default none */
  readonly archive?: ReportArchive;
  /** Personal access tokens: the API and the record of earlier announcements. Used when `policy.pats.enabled`. */
  readonly pats?: RunPatOptions;
  /** ISC's search, for `owners.fromAuditEvents`. @default none: owners come from `owners.map` only, with a warning if events were asked for */
  readonly search?: AuditSearchApi;
  /** Sends `owners.notices` (Amazon SES). @default none: a warning when the policy asks for notices */
  readonly notifier?: OwnerNotifier;
}

export interface RunRotationOptions extends StoreRetryOptions {
  readonly store: SecretStore;
  readonly baseUrl: string;
}

/**
 * The one orchestrator (STYLE.md): list -> evaluate -> guard -> execute -> report -> archive. The Lambda
 * handler and the CLI both call it, so they cannot drift apart. Report mode is decided here and
 * only here: in report mode no adapter that changes anything is ever called (finishing the
 * janitor's own PAT rotation aside, when asked: see credentialHealthStep).
 */
export async function runJanitor(input: RunJanitorInput): Promise<RunReport> {
  const logger = input.logger ?? silentLogger;
  const startedAt = input.clock();
  const { policy } = input;
  const restrict = input.clientIds ? new Set(input.clientIds) : undefined;
  const [{ all, unreadable, candidates }, pats] = await Promise.all([
    listClients(input.api, policy, startedAt),
    planPatStep({ options: input.pats, policy, tenant: input.tenant, now: startedAt, selfClientId: input.selfClientId, onlyIds: restrict, logger }),
  ]);
  const owners = await lookUpOwners({ clients: all, policy, search: input.search, logger });
  if (policy.owners.fromAuditEvents) logger.info('owner lookups', { tenant: input.tenant, clients: all.length, eventQueries: owners.queries.events, identityQueries: owners.queries.identities });
  const ctx: EvaluationContext = { policy, now: startedAt, selfClientId: input.selfClientId, owners: owners.owners };
  const evaluation = evaluateTenant({ clients: all, unreadable, policy, now: startedAt, selfClientId: input.selfClientId, owners: owners.owners });
  const confirmed = confirmCandidates(evaluation.plan, candidates, (client) => evaluateClient(client, ctx).verdict, restrict);
  const rotation = await planRotationStep(input, all, startedAt);
  const review = await credentialHealthStep(input, rotation, startedAt, logger);
  const merged = mergeRotationPlan(confirmed.plan, rotation.plan.filter((action) => !restrict || restrict.has(action.clientId)));
  const retirement = review.retirement && (!restrict || restrict.has(review.retirement.clientId)) ? [review.retirement] : [];
  // Token deletions come last: after every client change, in the delete phase.
  const plan = [...merged.plan, ...pats.plan, ...retirement];
  const known = new Set([...all.map((client) => client.id), ...pats.tokenIds]);
  const warnings = [
    ...owners.warnings,
    ...confirmed.warnings,
    ...unknownIdWarnings(restrict, known),
    ...pats.warnings,
    ...rotation.warnings,
    ...merged.warnings,
    ...(review.credentials ? credentialHealthWarnings(review.credentials, startedAt) : []),
  ];
  // Without token governance the run did not list every token: the janitor's own retirement then
  // counts towards maxActions only.
  const tokens = pats.evaluation?.counts.total;
  // The evaluation's count, not the list's length: a client ISC listed twice is one client, and
  // counting it twice would loosen maxFraction.
  const total = evaluation.counts.total;
  const guard: GuardVerdict = checkGuard(plan, total, policy.limits, tokens ?? 'unlisted');
  logger.info('plan', { tenant: input.tenant, mode: policy.mode, total, tokens, planned: plan.length, guard: guard.allowed ? 'allowed' : 'blocked' });

  const margin = input.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  const remaining = input.remainingTimeMs;
  const outOfTime = () => (remaining ? remaining() < margin : false);
  const interrupted = () => input.interruption?.aborted === true;
  const lines: DoorLine[] = [];
  const door = input.door.open({
    mode: policy.mode,
    clock: input.clock,
    budget: { limits: policy.limits, totals: { 'oauth-client': total, ...(tokens === undefined ? {} : { 'personal-access-token': tokens }) } },
    windowDays: { clients: policy.disableAfterDays, pats: policy.pats.deleteAfterDays },
    mayStillAct: allMayStillAct(deadlineMayStillAct({ remainingMs: remaining, marginMs: margin, interrupted }), input.lease?.mayStillAct ?? alwaysMayAct, input.mayStillAct ?? alwaysMayAct),
    read: { clients: input.api, pats: input.pats?.api ?? input.credentials?.pats ?? NO_TOKENS },
    ...(input.rotation && rotation.secretNames ? { heldBySecrets: heldBySecretStages(input.rotation.store, rotation.secretNames) } : {}),
    evidence: (line) => lines.push(line),
    logger,
  });

  let actions: ReportAction[];
  if (!guard.allowed) {
    logger.warn('run blocked by the guard', { tenant: input.tenant, reason: guard.reason });
    actions = plan.map((action) => toReportAction(action, 'not-attempted', 'blocked by the guard'));
  } else if (policy.mode === 'report') {
    // Report mode stops here, for rotation too: no POST, no secret written. Disables and deletes
    // ask the door, which sends nothing in report mode and says what it would do and why.
    actions = await Promise.all(plan.map(async (action) => (isRemoval(action) ? { ...plannedFieldsOf(action), ...(await passPlanned(door, action)) } : toReportAction(action, 'planned'))));
  } else {
    const { lease } = input;
    const registry = createActionRegistry({
      door,
      evaluation: ctx,
      ...rotationDeps(input, door, logger),
      ...(pats.context ? { pats: { evaluation: pats.context } } : {}),
    });
    actions = await executePlan(plan, registry, logger, { concurrency: input.concurrency ?? 8, outOfTime, interrupted, ...(lease ? { mayStillAct: lease.mayStillAct } : {}) });
  }
  // Every call the door let through or refused outside the plan (roll-backs) is evidence too.
  actions = [...actions, ...unplannedLines(lines)];
  warnings.push(...lines.flatMap((line) => (line.result.warning ? [line.result.warning] : [])));
  const retired = retirement[0] && actions.find((action) => action.clientId === retirement[0]!.clientId && action.credential === 'personal-access-token');
  const credentials =
    review.credentials?.janitor && retired ? { ...review.credentials, janitor: { ...review.credentials.janitor, previous: previousPatOutcomeOf(retired) } } : review.credentials;

  // The report's birth is one of its boundaries: an action error that quoted a secret echoed by
  // a server leaves here scrubbed, whoever prints, logs or publishes it next.
  const report = knownSecrets.redactDeep(buildReport({
    reportId: input.reportId,
    tenant: input.tenant,
    mode: policy.mode,
    startedAt,
    finishedAt: input.clock(),
    evaluation: { ...evaluation, upcoming: [...evaluation.upcoming, ...rotation.upcoming].sort(byDateThenId) },
    pats: pats.evaluation,
    actions,
    guard,
    warnings,
    policy,
    interrupted: interruptionOf(input.interruption),
    leaseLost: input.lease?.lostReason(),
    credentials,
  }));
  // Notices go out once the report is whole, and are archived with it.
  const noticed = await sendOwnerNotices(report, policy, input.notifier, logger);
  return input.archive ? archiveReport(input.archive, noticed, logger) : noticed;
}

/** `interrupted by SIGTERM`: the words the interruption's reason carries, once it happened. */
function interruptionOf(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined;
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'interrupted';
}

function toReportAction(action: PlannedAction, outcome: ReportAction['outcome'], detail?: string): ReportAction {
  return { ...plannedFieldsOf(action), outcome, ...(detail ? { detail } : {}) };
}

const NO_ROTATION: RotationPlan = { plan: [], upcoming: [], warnings: [] };

/** Rotation planning reads the managed secrets (read-only), so it needs the store even in report mode. */
async function planRotationStep(input: RunJanitorInput, all: readonly OAuthClient[], now: Date): Promise<RotationPlan> {
  const { policy } = input;
  if (!policy.rotation.enabled) return NO_ROTATION;
  if (!input.rotation) {
    return { ...NO_ROTATION, warnings: ['rotation.enabled is set but no secret store is configured for this run; nothing was rotated'] };
  }
  const { store } = input.rotation;
  return planTenantRotation({ clients: all, policy, now, selfClientId: input.selfClientId, tenant: input.tenant, store });
}

function rotationDeps(input: RunJanitorInput, door: Door, logger: RunLogger): { rotation?: RotationDeps } {
  if (!input.rotation) return {};
  const { store, baseUrl } = input.rotation;
  const rotationAfterDays = input.policy.rotation.maxAgeDays;
  return { rotation: { api: input.api, door, store, baseUrl, clock: input.clock, logger, retry: normalizeStoreRetry(input.rotation), rotationAfterDays } };
}

/** A planned disable or delete: what the door carries out (rotations create, they remove nothing). */
function isRemoval(action: PlannedAction): boolean {
  return action.kind === 'disable' || action.kind === 'delete';
}

/** The door's lines for calls no planned action reports (roll-backs of the run's own creations). */
function unplannedLines(lines: readonly DoorLine[]): ReportAction[] {
  return lines
    .filter((line) => !line.planned)
    .map(({ request, result }) => ({
      credential: request.credential,
      clientId: request.id,
      name: request.name,
      action: request.operation,
      reason: request.because,
      reasonCode: request.reason,
      outcome: result.outcome,
      ...(result.detail ? { detail: result.detail } : {}),
      ...(result.error ? { error: result.error } : {}),
      ...(result.before ? { before: result.before } : {}),
      ...(request.secretName ? { secretId: request.secretName } : {}),
    }));
}

/** Reads for a run without a tokens API: no token is ever listed, so none is ever removed. */
const NO_TOKENS: Pick<PersonalAccessTokensApi, 'list'> = { list: () => Promise.resolve({ tokens: [], unreadable: [] }) };

/**
 * The credential health section: the managed secrets' rotation (read while planning) and the
 * janitor's own PAT. Reviewing the PAT may plan the retirement of the previous one when the
 * composition root asked for it; the run carries it out through the door like every action, so
 * report mode and dry runs only list it.
 */
async function credentialHealthStep(
  input: RunJanitorInput,
  rotation: RotationPlan,
  now: Date,
  logger: RunLogger,
): Promise<{ readonly credentials?: CredentialHealth; readonly retirement?: PlannedAction }> {
  const managedSecrets = rotation.health ?? [];
  const review = input.credentials ? await reviewJanitorCredential(input.credentials, now, logger) : undefined;
  if (!review && managedSecrets.length === 0) return {};
  const credentials = { ...(review ? { janitor: review.health } : {}), managedSecrets };
  return { credentials, ...(review?.retirement ? { retirement: review.retirement } : {}) };
}

function byDateThenId(a: UpcomingAction, b: UpcomingAction): number {
  return compareStrings(a.on, b.on) || compareStrings(a.clientId, b.clientId);
}
