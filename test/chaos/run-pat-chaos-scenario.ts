import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { isIscApiError, type IscClientEvent } from '../../lambdas/adapters/isc/index.js';
import { DAY_MS, formatUtcDay } from '../../lambdas/core/dates.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { evaluatePats } from '../../lambdas/core/plan/evaluate-pats.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import type { RunReport, UpcomingAction } from '../../lambdas/core/report/run-report.js';
import { checkGuard } from '../../lambdas/core/rules/check-guard.js';
import { isMutatingPatRequest } from '../../sandbox/resolve-route.js';
import type { Sandbox, SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';
import { fixtureReport } from '../adapters/report/fixture-report.js';
import { memoryObjectStore } from '../support/memory-object-store.js';
import { CHAOS_NOW, connect, FOLLOW_UP_TIMEOUT_MS, revoking, revokingPats, run, SAFETY_MARGIN_MS } from './chaos-janitor.js';
import { checkPatInvariants } from './check-pat-invariants.js';
import { checkHostileOutputs } from './check-hostile-outputs.js';
import type { PatChaosScenario } from './pat-chaos-scenario.js';
import { recordingLogger } from './recording-logger.js';
import type { ChaosOutcome } from './run-chaos-scenario.js';

/**
 * One token chaos run on a shared sandbox: reset the tenant's tokens (keeping the janitor's own),
 * put the earlier announcements in a fresh archive, schedule the faults, run the orchestrator, check
 * the invariants; then a fault-free follow-up run must finish exactly the fault-free plan.
 */
export async function runPatChaosScenario(sb: Sandbox, scenario: PatChaosScenario): Promise<ChaosOutcome> {
  sb.faults.clear();
  sb.resetRateLimits();
  sb.setSpecSparse(scenario.seed % 4 === 0);
  sb.state.clear();
  const own = sb.pats.get(sb.credentials.clientId);
  sb.pats.clear();
  if (own) sb.pats.put(own, sb.credentials.clientSecret);
  for (const token of scenario.tokens) sb.pats.put(token);
  const initial = sb.pats.all();
  const policy = parsePolicy(scenario.policy);
  const selfClientId = scenario.selfIndex === undefined ? sb.credentials.clientId : (scenario.tokens[scenario.selfIndex]?.id ?? '');
  const announced = scenario.archiveFails ? new Map<string, number[]>() : scenario.announcements;
  const fresh = evaluatePats({ tokens: initial, policy, now: CHAOS_NOW, selfClientId, announcements: announced });
  const expectedAllowed = checkGuard(fresh.plan, 0, policy.limits, initial.length).allowed;
  const archive = new StoredReportArchive(memoryObjectStore({ unreadable: scenario.archiveFails }));
  await writeAnnouncements(archive, scenario);

  let calls = 0;
  let revocations = 0;
  const revokeAt = new Set<number>();
  for (const step of scenario.steps) {
    if (step.kind === 'fail-next') sb.faults.failNext(step.count, step.match, step.fault);
    else if (step.kind === 'latency') sb.faults.setLatency(step.route, step.ms);
    else if (step.kind === 'error-rate') sb.faults.setErrorRate(step.route, step.rate, step.seed);
    else if (step.kind === 'ignore-filters') sb.faults.ignoreFilters(true);
    else revokeAt.add(step.atCall);
  }
  const before = () => {
    calls += 1;
    if (revokeAt.has(calls)) {
      sb.revokeTokens();
      revocations += 1;
    }
  };
  const logStart = sb.requests.length;
  const events: IscClientEvent[] = [];
  const logger = recordingLogger();
  const connection = connect(sb, events);
  const budget = scenario.timeBudgetActions;
  let checks = 0;
  const chaosRun = { ...scenario, clientCount: 0, steps: scenario.steps };
  let report: RunReport | undefined;
  let error: unknown;
  try {
    report = await run(revoking(connection, before), policy, selfClientId, chaosRun, logger, {
      pats: { api: revokingPats(connection.personalAccessTokens, before), archive },
      archive,
      ...(budget === undefined ? {} : { remainingTimeMs: () => (checks++ < budget ? SAFETY_MARGIN_MS * 10 : 0) }),
    });
  } catch (caught) {
    error = caught;
  }
  const slice = sb.requests.slice(logStart);
  const violations = checkPatInvariants({
    mode: policy.mode,
    expected: fresh.plan,
    expectedAllowed,
    initial,
    final: sb.pats.all(),
    mutating: slice.filter((entry) => isMutatingPatRequest(entry.method, entry.path)),
    report,
    error,
    untouchable: (token) => fresh.exempt.some((entry) => entry.clientId === token.id) || token.managed || token.id === selfClientId,
    announcedInTime: (token) => announcedInTime(token, announced, policy.pats.warnDays),
  });
  if (error !== undefined && !isIscApiError(error)) violations.push(`crash: the run threw ${describe(error)}`);
  if (report && (report.outcome === 'blocked') !== !expectedAllowed) violations.push(`guard: outcome ${report.outcome}, fault-free guard allowed=${expectedAllowed}`);
  const outputs = [...logger.lines, JSON.stringify(events), JSON.stringify(report ?? null), ...(report ? [renderTextReport(report)] : [])];
  if (error !== undefined) outputs.push(describe(error), JSON.stringify(error));
  violations.push(...checkHostileOutputs(slice, outputs, [sb.credentials.clientSecret]));

  if (policy.mode === 'enforce' && expectedAllowed) {
    sb.faults.clear();
    sb.resetRateLimits();
    const followUp = await run(connect(sb, [], FOLLOW_UP_TIMEOUT_MS), policy, selfClientId, chaosRun, recordingLogger(), {
      pats: { api: connect(sb, [], FOLLOW_UP_TIMEOUT_MS).personalAccessTokens, archive },
    });
    const finals = new Set(sb.pats.all().map((token) => token.id));
    const planned = new Set(fresh.plan.map((action) => action.clientId));
    for (const token of initial) {
      if (planned.has(token.id) && finals.has(token.id)) violations.push(`converge: token ${token.id} should be deleted after the follow-up run`);
      if (!planned.has(token.id) && !finals.has(token.id)) violations.push(`converge: token ${token.id} is gone but the policy keeps it`);
    }
    if (followUp.outcome !== 'ok') violations.push(`converge: the fault-free follow-up run ended ${followUp.outcome}`);
  }
  const faults = slice.filter((entry) => entry.fault !== undefined || entry.status === 429).length + revocations;
  return { violations, faults, faultNames: slice.flatMap((entry) => (entry.fault === undefined ? [] : [entry.fault])), report };
}

/** The oracle of the announcement rule, written apart from the core: a UTC day at least warnDays back, after the last use. */
function announcedInTime(token: SandboxPersonalAccessToken, announced: ReadonlyMap<string, readonly number[]>, warnDays: number): boolean {
  const since = Date.parse(token.lastUsed ?? token.created);
  const today = Math.floor(CHAOS_NOW.getTime() / DAY_MS);
  return (announced.get(token.id) ?? []).some((day) => day > since && today - day / DAY_MS >= warnDays);
}

/** One archived report per announcing day, listing the tokens it announced as upcoming deletions. */
async function writeAnnouncements(archive: StoredReportArchive, scenario: PatChaosScenario): Promise<void> {
  const byDay = new Map<number, UpcomingAction[]>();
  for (const [id, days] of scenario.announcements) {
    const token = scenario.tokens.find((candidate) => candidate.id === id);
    for (const day of days) {
      const entry: UpcomingAction = { credential: 'personal-access-token', clientId: id, name: token?.name ?? id, action: 'delete', on: formatUtcDay(day), reason: 'announced' };
      byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    }
  }
  for (const [day, upcoming] of byDay) {
    const startedAt = new Date(day + 2 * 3_600_000).toISOString();
    const report = fixtureReport({ reportId: `earlier-${formatUtcDay(day)}`, tenant: 'chaos', startedAt, finishedAt: startedAt, actions: [], upcoming });
    await archive.write(report);
    // Each earlier night's report reached people: the record that makes its announcements count.
    await archive.recordDelivery(report, { via: 'sns', deliveredAt: startedAt });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
