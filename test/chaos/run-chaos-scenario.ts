import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { isIscApiError, type IscClientEvent } from '../../lambdas/adapters/isc/index.js';
import { checkGuard } from '../../lambdas/core/rules/check-guard.js';
import { evaluateTenant } from '../../lambdas/core/plan/evaluate-tenant.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { isMutatingClientsRequest } from '../../sandbox/resolve-route.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { CHAOS_NOW, connect, FOLLOW_UP_TIMEOUT_MS, revoking, run, SAFETY_MARGIN_MS } from './chaos-janitor.js';
import type { ChaosScenario } from './chaos-scenario.js';
import { checkFollowUp } from './check-follow-up.js';
import { checkInvariants } from './check-invariants.js';
import { checkHostileOutputs } from './check-hostile-outputs.js';
import { recordingLogger } from './recording-logger.js';

export { CHAOS_NOW } from './chaos-janitor.js';

export interface ChaosOutcome {
  readonly violations: readonly string[];
  /** Faulted requests, revocations fired, lists served unfiltered and real 429s from the limiter. */
  readonly faults: number;
  /** The fault of each faulted request, as the sandbox logged it (`stall`, `redirect:307`, ...). */
  readonly faultNames: readonly string[];
  readonly report: RunReport | undefined;
}

/**
 * One chaos run on a shared sandbox: reset the tenant, schedule the faults, run the orchestrator
 * with tiny retry delays, check the invariants; then, for enforce runs, a fault-free follow-up run
 * must converge on what a single fault-free run would have left.
 */
export async function runChaosScenario(sb: Sandbox, scenario: ChaosScenario): Promise<ChaosOutcome> {
  sb.faults.clear();
  // The limit counts per client_id: each run starts with a full budget, as a separate night would.
  sb.resetRateLimits();
  // A quarter of the runs meet a tenant that answers as sparsely as the spec allows, with a third
  // of its clients carrying enum values SailPoint may add (a new grant type, client or access type).
  const sparse = scenario.seed % 4 === 0;
  sb.setSpecSparse(sparse);
  sb.state.clear();
  const unknownEnums = sparse ? Math.ceil(scenario.clientCount / 3) : 0;
  for (const client of seedTenant({ count: scenario.clientCount, seed: scenario.seed, now: CHAOS_NOW, unknownEnums })) sb.state.put(client);
  const initial = sb.state.all();
  const policy = parsePolicy(scenario.policy);
  const selfClientId = scenario.selfIndex === undefined ? sb.credentials.clientId : (initial[scenario.selfIndex]?.id ?? '');
  const fresh = evaluateTenant({ clients: initial, policy, now: CHAOS_NOW, selfClientId });
  const expectedAllowed = checkGuard(fresh.plan, initial.length, policy.limits).allowed;

  let revocations = 0;
  const revokeAt = new Set<number>();
  for (const step of scenario.steps) {
    if (step.kind === 'fail-next') sb.faults.failNext(step.count, step.match, step.fault);
    else if (step.kind === 'latency') sb.faults.setLatency(step.route, step.ms);
    else if (step.kind === 'error-rate') sb.faults.setErrorRate(step.route, step.rate, step.seed);
    else if (step.kind === 'ignore-filters') sb.faults.ignoreFilters(true);
    else revokeAt.add(step.atCall);
  }
  const ignoring = scenario.steps.some((step) => step.kind === 'ignore-filters');

  const logStart = sb.requests.length;
  const events: IscClientEvent[] = [];
  const logger = recordingLogger();
  let calls = 0;
  const api = revoking(connect(sb, events), () => {
    calls += 1;
    if (revokeAt.has(calls)) {
      sb.revokeTokens();
      revocations += 1;
    }
  });
  let budgetChecks = 0;
  const budget = scenario.timeBudgetActions;
  let report: RunReport | undefined;
  let error: unknown;
  try {
    report = await run(api, policy, selfClientId, scenario, logger, {
      ...(budget === undefined ? {} : { remainingTimeMs: () => (budgetChecks++ < budget ? SAFETY_MARGIN_MS * 10 : 0) }),
    });
  } catch (caught) {
    error = caught;
  }
  const slice = sb.requests.slice(logStart);
  const violations = checkInvariants({
    mode: policy.mode,
    expected: fresh.plan,
    expectedAllowed,
    initial,
    final: sb.state.all(),
    mutating: slice.filter((entry) => isMutatingClientsRequest(entry.method, entry.path)),
    report,
    error,
  });
  if (error !== undefined && !isIscApiError(error)) violations.push(`crash: the run threw ${describe(error)}`);
  if (report && (report.outcome === 'blocked') !== !expectedAllowed) violations.push(`guard: outcome ${report.outcome}, fault-free guard allowed=${expectedAllowed}`);
  const outputs = [...logger.lines, JSON.stringify(events), JSON.stringify(report ?? null)];
  if (report) outputs.push(renderTextReport(report));
  if (error !== undefined) outputs.push(describe(error), JSON.stringify(error));
  violations.push(...checkHostileOutputs(slice, outputs, [sb.credentials.clientSecret]));

  const faults =
    slice.filter((entry) => entry.fault !== undefined || (entry.status === 429 && entry.fault === undefined)).length +
    revocations +
    (ignoring ? slice.filter((entry) => entry.route === 'list').length : 0);

  if (policy.mode === 'enforce' && expectedAllowed) {
    sb.faults.clear();
    sb.resetRateLimits();
    const followUp = await run(connect(sb, [], FOLLOW_UP_TIMEOUT_MS), policy, selfClientId, scenario, recordingLogger(), {});
    violations.push(...checkFollowUp(initial, fresh.plan, sb.state.all(), followUp));
  }
  return { violations, faults, faultNames: slice.flatMap((entry) => (entry.fault === undefined ? [] : [entry.fault])), report };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
