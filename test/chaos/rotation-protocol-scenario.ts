import type { Fault, FaultMatch } from '../../sandbox/start-sandbox.js';
import { ROTATION_STEPS, type RotationStep } from '../../lambdas/core/model/secret-versions.js';
import { chaosRandom } from './chaos-random.js';

/** What a Secrets Manager call does under a fault: fail before it applies, or apply and lose its answer. */
export type SecretsManagerFault = { readonly command: string; readonly applied: boolean };

/** The faults of one step attempt: ISC's (sandbox), Secrets Manager's, a crash, a sabotaged successor. */
export interface StepFaults {
  readonly isc: readonly { readonly count: number; readonly match: FaultMatch; readonly fault: Fault }[];
  readonly secretsManager: readonly SecretsManagerFault[];
  /**
   * The Lambda container dies at this Secrets Manager call of the attempt (1-based), or at its
   * first call of this command: the step stops there, mid-way.
   */
  readonly crashAt?: number | string;
}

/** One seeded protocol chaos run. */
export interface ProtocolScenario {
  readonly seed: number;
  /** Which secret is rotated: a managed client's, or the janitor's own PAT. */
  readonly kind: 'managed-client' | 'janitor-credentials';
  /** Faults per step, per attempt (Secrets Manager calls a failed step again, up to `attempts` times). */
  readonly faults: Readonly<Record<RotationStep, readonly StepFaults[]>>;
  readonly attempts: number;
  /** Before testSecret: someone changes the successor's secret in ISC, so ISC refuses it. */
  readonly sabotage: boolean;
  /** Steps called twice in a row (a duplicate invocation). */
  readonly repeated: readonly RotationStep[];
}

const SM_COMMANDS = ['DescribeSecretCommand', 'GetSecretValueCommand', 'PutSecretValueCommand', 'UpdateSecretVersionStageCommand', 'TagResourceCommand'] as const;

/** The ISC routes each step uses, and the faults they may meet. */
const ISC_FAULTS: Record<RotationStep, readonly FaultMatch[]> = {
  createSecret: [{ route: 'list' }, { route: 'get' }, { route: 'create' }, { route: 'pat-list' }, { route: 'pat-create' }, { route: 'token' }],
  setSecret: [],
  testSecret: [{ route: 'get' }, { route: 'token' }, { route: 'list' }, { route: 'delete' }, { route: 'pat-delete' }],
  finishSecret: [],
};
const FAULT_KINDS: readonly Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'truncated' },
  { kind: 'drop' },
  { kind: 'status', status: 429, retryAfterSeconds: 0 },
];

export function protocolScenario(seed: number): ProtocolScenario {
  const r = chaosRandom(seed + 4_241);
  const attempts = r.int(1, 3);
  const faults = {} as Record<RotationStep, StepFaults[]>;
  for (const step of ROTATION_STEPS) {
    faults[step] = Array.from({ length: attempts }, () => {
      const calm = r.chance(0.3);
      if (calm) return { isc: [], secretsManager: [] };
      const routes = ISC_FAULTS[step];
      const isc = routes.length > 0 && r.chance(0.6) ? [{ count: r.int(1, 4), match: r.pick(routes), fault: r.pick(FAULT_KINDS) }] : [];
      const secretsManager = r.chance(0.5) ? [{ command: r.pick(SM_COMMANDS), applied: r.chance(0.4) }] : [];
      const crash = r.chance(0.25) ? { crashAt: r.chance(0.5) ? r.int(1, 8) : r.pick(SM_COMMANDS) } : {};
      return { isc, secretsManager, ...crash };
    });
  }
  return {
    seed,
    kind: r.chance(0.35) ? 'janitor-credentials' : 'managed-client',
    faults,
    attempts,
    sabotage: r.chance(0.15),
    repeated: ROTATION_STEPS.filter(() => r.chance(0.2)),
  };
}
