import type { PolicyInput } from '../../lambdas/core/model/policy.js';
import { chaosRandom } from './chaos-random.js';
import { chaosScenario, type FaultStep } from './chaos-scenario.js';
import { rotationManagedName, type ManagedName } from './rotation-managed-name.js';
import type { StoreFaultPlan } from './rotation-faulty-store.js';

/** One seeded rotation chaos run: a small seeded tenant plus managed names, a policy, faults. */
export interface RotationScenario {
  readonly seed: number;
  readonly clientCount: number;
  readonly policy: PolicyInput;
  readonly managed: readonly ManagedName[];
  readonly concurrency: number;
  /** ISC faults: the cleanup chaos schedule of the same seed, plus faults on the create POST. */
  readonly steps: readonly FaultStep[];
  readonly store: StoreFaultPlan;
}

export const ROTATION_NAMES = '^rot-';
/** Seeds of the cleanup schedules borrowed for create faults, apart from the run's own. */
const CREATE_FAULT_SEEDS = 100_000;
const CREATE = { route: 'create', method: 'POST' } as const;

export function rotationScenario(seed: number, now: Date): RotationScenario {
  const r = chaosRandom(seed + 7_919);
  const maxAgeDays = r.int(30, 120);
  const overlapDays = r.int(1, 14);
  const mode = r.chance(0.2) ? 'report' : 'enforce';
  const disableAfterDays = r.int(30, 150);
  const policy: PolicyInput = {
    mode,
    disableAfterDays,
    deleteAfterDays: disableAfterDays + r.int(1, 300),
    // Over 11 days: a left-over successor (never used, at most 11 days old) is not also "stale".
    neverUsedDays: r.int(30, 90),
    deleteGraceDays: r.int(1, 30),
    warnDays: r.int(0, 30),
    exempt: { internal: true },
    rotation: { enabled: true, maxAgeDays, overlapDays, names: [ROTATION_NAMES] },
    ...(mode === 'enforce' || r.chance(0.5) ? { limits: { maxActions: 1_000, maxFraction: 1 } } : {}),
  };
  const managed = Array.from({ length: r.int(1, 4) }, (_, index) => rotationManagedName(r, index + 1, { maxAgeDays, overlapDays }, now));
  // The create POST is not retried on 5xx, drops or cut bodies: its faults are where secrets get lost.
  const onCreate = chaosScenario(seed + CREATE_FAULT_SEEDS)
    .steps.filter((step) => step.kind === 'fail-next')
    .slice(0, r.int(0, 2))
    .map((step) => ({ ...step, match: CREATE }));
  // A create ISC processed but whose answer was cut off: the successor exists, nobody has its secret.
  const cutOff: FaultStep[] = r.chance(0.25) ? [{ kind: 'fail-next', count: 1, match: CREATE, fault: { kind: 'truncated' } }] : [];
  return {
    seed,
    clientCount: r.int(12, 30),
    policy,
    managed,
    concurrency: r.int(1, 4),
    steps: [...cutOff, ...chaosScenario(seed).steps, ...onCreate],
    store: {
      seed: r.int(1, 1_000_000),
      writeFailRate: r.pick([0, 0, 0.3, 0.6, 1]),
      readFailRate: r.pick([0, 0, 0, 0.1, 0.3]),
      appliedShare: r.pick([0, 0.3, 0.6]),
    },
  };
}
