import { secretsManagerError } from '../../lambdas/adapters/secret-store/secrets-manager-error.js';
import type { ManagedClientSecret, SecretStore } from '../../lambdas/core/ports.js';
import { chaosRandom } from './chaos-random.js';

/** When the wrapped store fails: seeded rates per call, decided per secret name and call number. */
export interface StoreFaultPlan {
  readonly seed: number;
  /** Chance that a write throws. */
  readonly writeFailRate: number;
  /** Chance that a read throws. */
  readonly readFailRate: number;
  /** Of the failing writes, the share that reach the store before the answer is lost. */
  readonly appliedShare: number;
}

export interface FaultyStore extends SecretStore {
  /** Write attempts that reached the wrapper (report mode must leave this at 0). */
  readonly writes: () => number;
  /** Reads and writes that threw. */
  readonly faults: () => number;
}

/** What Secrets Manager (through the SDK) answers when it fails; AccessDenied becomes a ConfigError. */
const SDK_ERRORS = [
  ['ThrottlingException', 'Rate exceeded'],
  ['InternalServiceError', 'An error occurred on the server side.'],
  ['TimeoutError', 'Connection timed out after 1000 ms'],
  ['AccessDeniedException', 'User is not authorized to perform this action'],
] as const;

/**
 * A SecretStore that fails like Secrets Manager on a seeded schedule. Each decision depends only
 * on (seed, operation, secret name, n-th call for that name), never on how concurrent rotations
 * interleave, so a seed replays the same store faults. An "applied" failure writes through and
 * then throws, like a PutSecretValue whose response was lost; one kind in eight is an adapter
 * that quotes the request (secret included) in its message, which the janitor must scrub.
 */
export function rotationFaultyStore(inner: SecretStore, plan: StoreFaultPlan): FaultyStore {
  const calls = new Map<string, number>();
  let writes = 0;
  let faults = 0;
  const roll = (operation: string, name: string) => {
    const key = `${operation}\u0000${name}`;
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    return chaosRandom(plan.seed ^ hash(`${key}\u0000${n}`));
  };
  const sdkError = (r: ReturnType<typeof chaosRandom>, name: string, operation: string, scrub: string[]) => {
    const [errorName, message] = r.pick(SDK_ERRORS);
    const raw = Object.assign(new Error(message), { name: errorName, $metadata: { requestId: `req-${r.int(1000, 9999)}` } });
    return secretsManagerError(raw, name, operation, scrub);
  };
  return {
    writes: () => writes,
    faults: () => faults,
    async read(name: string): Promise<ManagedClientSecret | undefined> {
      const r = roll('read', name);
      if (!r.chance(plan.readFailRate)) return inner.read(name);
      faults += 1;
      throw sdkError(r, name, 'GetSecretValue', []);
    },
    async write(name, value, options) {
      writes += 1;
      const r = roll('write', name);
      if (!r.chance(plan.writeFailRate)) return inner.write(name, value, options);
      faults += 1;
      if (r.chance(plan.appliedShare)) await inner.write(name, value, options);
      if (r.chance(1 / 8)) throw new Error(`InvalidRequestException: bad SecretString ${JSON.stringify({ ...value })}`);
      throw sdkError(r, name, 'PutSecretValue', [value.clientSecret]);
    },
  };
}

/** FNV-1a: a stable 32-bit number for a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
