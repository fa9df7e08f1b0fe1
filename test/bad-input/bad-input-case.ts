import { isConfigError } from '../../lambdas/core/config-error.js';
import { isIscApiError } from '../../lambdas/adapters/isc/index.js';

/**
 * One bad input: `run` feeds it to the code under test and must throw a ConfigError or an
 * IscApiError whose message names `field`. `secret`, when set, must not be echoed.
 */
export interface BadInputCase {
  readonly name: string;
  readonly field: string;
  readonly run: () => unknown;
  readonly secret?: string;
}

export interface CaseResult {
  readonly ok: boolean;
  /** A crash: anything but our own error types (TypeError, RangeError, ...) or no error at all. */
  readonly crashed: boolean;
  readonly problem?: string;
}

export async function tryCase(c: BadInputCase): Promise<CaseResult> {
  let error: unknown;
  try {
    await c.run();
    return { ok: false, crashed: false, problem: `${c.name}: accepted` };
  } catch (caught) {
    error = caught;
  }
  if (!isConfigError(error) && !isIscApiError(error)) {
    return { ok: false, crashed: true, problem: `${c.name}: crashed with ${String(error)}` };
  }
  if (!error.message.includes(c.field)) return { ok: false, crashed: false, problem: `${c.name}: "${error.message}" does not name ${c.field}` };
  if (c.secret !== undefined && error.message.includes(c.secret)) return { ok: false, crashed: false, problem: `${c.name}: echoes the secret` };
  return { ok: true, crashed: false };
}

/** Values of every wrong kind for a field of the given type; `huge` is a 100 kB string. */
export const HUGE = 'x'.repeat(100_000);
export const WRONG = {
  number: ['90', true, null, [], {}, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e12, HUGE],
  boolean: ['true', 1, 0, null, [], {}, HUGE],
  string: [1, true, null, [], {}],
  stringArray: ['a', 1, null, {}, [1], [null], [{}], [true]],
  object: ['x', 1, true, [], null],
} as const;

/** `{ a: { b: value } }` for the path 'a.b'. */
export function at(path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let out: unknown = value;
  for (const key of keys.reverse()) out = { [key]: out };
  return out as Record<string, unknown>;
}

/** Tag of a value for case names: `string(100000)`, `array`, `NaN`. */
export function label(value: unknown): string {
  if (typeof value === 'string') return value.length > 20 ? `string(${value.length})` : JSON.stringify(value);
  if (Array.isArray(value)) return `array ${JSON.stringify(value)}`;
  return String(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
}
