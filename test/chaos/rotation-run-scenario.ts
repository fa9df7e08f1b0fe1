import { join } from 'node:path';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { managedSecretName } from '../../lambdas/core/secret-name.js';
import { checkGuard } from '../../lambdas/core/rules/check-guard.js';
import { evaluateTenant } from '../../lambdas/core/plan/evaluate-tenant.js';
import { mergeRotationPlan } from '../../lambdas/core/plan/merge-rotation-plan.js';
import { planRotation } from '../../lambdas/core/plan/plan-rotation.js';
import { parsePolicy, type Policy } from '../../lambdas/core/model/policy.js';
import type { OAuthClientsApi, SecretStore } from '../../lambdas/core/ports.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { isIscApiError, type IscClientEvent } from '../../lambdas/adapters/isc/index.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { isMutatingClientsRequest } from '../../sandbox/resolve-route.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { CHAOS_NOW, connect, FOLLOW_UP_TIMEOUT_MS, SAFETY_MARGIN_MS } from './chaos-janitor.js';
import { checkHostileOutputs } from './check-hostile-outputs.js';
import { recordingLogger } from './recording-logger.js';
import { rotationChaosApi } from './rotation-chaos-api.js';
import { rotationFaultyStore } from './rotation-faulty-store.js';
import { checkRotationFollowUp } from './rotation-follow-up.js';
import { checkRotationInvariants } from './rotation-invariants.js';
import type { RotationScenario } from './rotation-scenario.js';
import { readManagedSecrets, setUpRotationTenant } from './rotation-set-up.js';
import { iscWithDoor } from '../support/isc-with-door.js';

const TENANT = 'chaos';

export interface RotationChaosOutcome {
  readonly violations: readonly string[];
  /** Sandbox faults, revocations, unfiltered lists, real 429s and secret store failures. */
  readonly faults: number;
  readonly orphans: number;
  /** Create POSTs ISC processed whose answer was cut off: each client must be gone again. */
  readonly lostCreates: number;
  readonly report: RunReport | undefined;
}

/**
 * One rotation chaos run on a shared sandbox: reset the tenant and a fresh secrets directory,
 * let consumers use their predecessors, run with ISC and store faults, check the invariants;
 * then, for enforce runs, a fault-free follow-up must converge.
 */
export async function runRotationScenario(sb: Sandbox, directory: string, scenario: RotationScenario): Promise<RotationChaosOutcome> {
  const policy = parsePolicy(scenario.policy);
  const secretNameOf = (name: string) => managedSecretName(policy.rotation.secretPrefix, TENANT, name);
  const plain = new DirectorySecretStore({ directory: join(directory, `seed-${scenario.seed}`) });
  const violations = await setUpRotationTenant(sb, plain, scenario, secretNameOf);
  const initial = sb.state.all();
  const before = await readManagedSecrets(plain, scenario.managed, secretNameOf);
  const selfClientId = sb.credentials.clientId;
  const stale = evaluateTenant({ clients: initial, policy, now: CHAOS_NOW, selfClientId });
  const rotation = planRotation({ clients: initial, policy, now: CHAOS_NOW, selfClientId, secrets: before, secretNameOf });
  const expected = mergeRotationPlan(stale.plan, rotation.plan).plan;
  const expectedAllowed = checkGuard(expected, initial.length, policy.limits).allowed;

  const store = rotationFaultyStore(plain, scenario.store);
  const logStart = sb.requests.length;
  const events: IscClientEvent[] = [];
  const logger = recordingLogger();
  const chaos = rotationChaosApi(sb, scenario.steps, events);
  let report: RunReport | undefined;
  let error: unknown;
  try {
    report = await run(sb, chaos.api, policy, store, scenario, logger);
  } catch (caught) {
    error = caught;
  }
  const slice = sb.requests.slice(logStart);
  const final = sb.state.all();
  const verdict = checkRotationInvariants({
    mode: policy.mode,
    managed: scenario.managed,
    secretNameOf,
    expected,
    expectedAllowed,
    initial,
    final,
    secretOf: (id) => sb.state.secretOf(id),
    before,
    after: await readManagedSecrets(plain, scenario.managed, secretNameOf),
    mutating: slice.filter((entry) => isMutatingClientsRequest(entry.method, entry.path)),
    createNames: chaos.createNames,
    writes: store.writes(),
    now: CHAOS_NOW,
    baseUrl: sb.url,
    report,
    error,
  });
  violations.push(...verdict.violations);
  if (error !== undefined && !isIscApiError(error)) violations.push(`crash: the run threw ${describe(error)}`);
  const outputs = [...logger.lines, JSON.stringify(events), JSON.stringify(report ?? null)];
  if (report) outputs.push(renderTextReport(report));
  if (error !== undefined) outputs.push(describe(error), JSON.stringify(error));
  const known = scenario.managed.flatMap((m) => Object.values(m.secrets));
  const live = final.map((client) => sb.state.secretOf(client.id) ?? '');
  violations.push(...checkHostileOutputs(slice, outputs, [sb.credentials.clientSecret, ...known, ...chaos.createdSecrets, ...live]));

  const ignoring = scenario.steps.some((step) => step.kind === 'ignore-filters');
  const faults =
    slice.filter((entry) => entry.fault !== undefined || entry.status === 429).length +
    chaos.revocations() +
    (ignoring ? slice.filter((entry) => entry.route === 'list').length : 0) +
    store.faults();

  if (policy.mode === 'enforce' && expectedAllowed) {
    sb.faults.clear();
    // The limit counts per client_id: the follow-up starts with a full budget, as a separate night would.
    sb.resetRateLimits();
    const followUp = await run(sb, connect(sb, [], FOLLOW_UP_TIMEOUT_MS), policy, plain, scenario, recordingLogger());
    const after = await readManagedSecrets(plain, scenario.managed, secretNameOf);
    const common = { managed: scenario.managed, secretNameOf, initial, expected, secretOf: (id: string) => sb.state.secretOf(id) };
    violations.push(...checkRotationFollowUp({ ...common, final: sb.state.all(), after, followUp, orphans: verdict.orphans }));
  }
  const lostCreates = slice.filter((entry) => entry.route === 'create' && entry.fault === 'truncated').length;
  return { violations, faults, orphans: verdict.orphans.length, lostCreates, report };
}

function run(sb: Sandbox, api: OAuthClientsApi, policy: Policy, store: SecretStore, scenario: RotationScenario, logger: ReturnType<typeof recordingLogger>) {
  return runJanitor({
    ...iscWithDoor(api),
    policy,
    tenant: TENANT,
    selfClientId: sb.credentials.clientId,
    clock: () => CHAOS_NOW,
    reportId: `rotation-chaos-${scenario.seed}`,
    concurrency: scenario.concurrency,
    safetyMarginMs: SAFETY_MARGIN_MS,
    logger,
    rotation: { store, baseUrl: sb.url, attempts: 3, retryDelayMs: 1 },
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
