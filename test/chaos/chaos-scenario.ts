import type { PolicyInput } from '../../lambdas/core/model/policy.js';
import type { Fault, FaultMatch, SandboxRoute } from '../../sandbox/start-sandbox.js';
import { chaosRandom, type ChaosRandom } from './chaos-random.js';

/** One scheduled disturbance. `revoke` fires before the `atCall`-th API call of the run. */
export type FaultStep =
  | { readonly kind: 'fail-next'; readonly count: number; readonly match: FaultMatch; readonly fault: Fault }
  | { readonly kind: 'latency'; readonly route: SandboxRoute | '*'; readonly ms: number }
  | { readonly kind: 'error-rate'; readonly route: SandboxRoute | '*'; readonly rate: number; readonly seed: number }
  | { readonly kind: 'ignore-filters' }
  | { readonly kind: 'revoke'; readonly atCall: number };

export interface ChaosScenario {
  readonly seed: number;
  readonly clientCount: number;
  readonly policy: PolicyInput;
  /** Index into the seeded tenant of a client posing as the janitor itself, or undefined (the PAT's own id). */
  readonly selfIndex: number | undefined;
  readonly concurrency: number;
  /** Actions the time budget allows before it reports "out of time"; undefined = unlimited. */
  readonly timeBudgetActions: number | undefined;
  readonly steps: readonly FaultStep[];
}

/** Routes with the methods that reach them, so a fault can target e.g. only the disable PATCH. */
// Weighted towards the action calls: a fault on a list aborts the run before any action, which
// is safe but proves less, so lists get one share in ten.
const TARGETS: readonly FaultMatch[] = [
  { route: 'list' },
  { route: 'get' },
  { route: 'get' },
  { route: 'patch', method: 'PATCH' },
  { route: 'patch', method: 'PATCH' },
  { route: 'patch', method: 'PATCH' },
  { route: 'delete', method: 'DELETE' },
  { route: 'delete', method: 'DELETE' },
  { route: 'token' },
];

/** A random but reproducible scenario: tenant size, policy, guard, mode and fault schedule. */
export function chaosScenario(seed: number): ChaosScenario {
  const r = chaosRandom(seed);
  const disableAfterDays = r.int(20, 150);
  const mode = r.chance(0.15) ? 'report' : 'enforce';
  // Most enforce runs raise the guard so actions really happen; some keep the defaults (and may be blocked).
  const raised = mode === 'report' ? r.chance(0.5) : r.chance(0.85);
  const policy: PolicyInput = {
    mode,
    disableAfterDays,
    deleteAfterDays: disableAfterDays + r.int(1, 300),
    neverUsedDays: r.int(0, 90),
    // At least one day: a client disabled by this run must not become deletable in the follow-up run.
    deleteGraceDays: r.int(1, 30),
    warnDays: r.int(0, 30),
    exempt: {
      internal: r.chance(0.8),
      names: r.chance(0.3) ? [r.pick(['^svc', 'sync', 'bot$', '^[a-f]'])] : [],
    },
    ...(raised ? { limits: { maxActions: 1_000, maxFraction: 1 } } : {}),
  };
  const clientCount = r.int(20, 60);
  return {
    seed,
    clientCount,
    policy,
    selfIndex: r.chance(0.2) ? r.int(0, clientCount - 1) : undefined,
    concurrency: r.int(1, 8),
    timeBudgetActions: r.chance(0.1) ? r.int(0, 6) : undefined,
    steps: Array.from({ length: r.int(1, 9) }, () => faultStep(r)),
  };
}

/** One random disturbance aimed at one of `targets`. */
export function faultStep(r: ChaosRandom, targets: readonly FaultMatch[] = TARGETS): FaultStep {
  const match = r.pick(targets);
  switch (r.int(0, 13)) {
    case 0:
    case 1: // a 429 burst with a tiny fractional Retry-After
      return { kind: 'fail-next', count: r.int(1, 4), match, fault: { kind: 'status', status: 429, retryAfterSeconds: r.pick([0.001, 0.002, 0.004]) } };
    case 2:
      return { kind: 'fail-next', count: r.int(1, 3), match, fault: { kind: 'status', status: r.pick([500, 502, 503, 504]) } };
    case 3:
      return r.chance(0.5)
        ? { kind: 'fail-next', count: r.int(1, 4), match, fault: { kind: 'delay', ms: r.int(1, 6) } }
        : { kind: 'latency', route: r.chance(0.3) ? '*' : (match.route ?? '*'), ms: r.int(1, 3) };
    case 4:
      return { kind: 'fail-next', count: r.int(1, 2), match, fault: { kind: 'drop' } };
    case 5:
      return { kind: 'fail-next', count: 1, match, fault: { kind: 'html', status: r.pick([200, 502, 503]) } };
    case 6:
      return { kind: 'fail-next', count: 1, match, fault: { kind: 'truncated' } };
    case 7:
      return r.chance(0.5) ? { kind: 'revoke', atCall: r.int(1, 30) } : { kind: 'fail-next', count: 1, match, fault: { kind: 'status', status: 401 } };
    case 8:
      return { kind: 'error-rate', route: r.chance(0.3) ? '*' : (match.route ?? '*'), rate: r.pick([0.03, 0.08, 0.15]), seed: r.int(1, 1_000_000) };
    case 9:
      return { kind: 'ignore-filters' };
    case 11: // headers, then a body that never ends; sometimes after the change took effect
      return { kind: 'fail-next', count: 1, match, fault: { kind: 'stall', processed: r.chance(0.5) } };
    case 12: // a gateway pointing somewhere else: never followed
      return { kind: 'fail-next', count: r.int(1, 2), match, fault: { kind: 'redirect', status: r.pick([301, 302, 307, 308] as const) } };
    case 13: // a 500 that quotes the PAT secret and the caller's token back
      return { kind: 'fail-next', count: r.int(1, 3), match, fault: { kind: 'echo-secret' } };
    default:
      // No 404: ISC's own 404 on a get or delete means "gone" by contract, so injecting one would
      // test the fault model, not the janitor (see the report for the HTML 404 case).
      return { kind: 'fail-next', count: r.int(1, 2), match, fault: { kind: 'status', status: r.pick([400, 403, 409]) } };
  }
}
