import { assertSafeKeys } from '../assert-safe-keys.js';


/**
 * Deep-merge two raw policy documents (e.g. the deployed default and a per-run override) before
 * `parsePolicy` validates the result. Objects merge key by key, the override wins, arrays are
 * replaced whole (an override's `exempt.ids` is the list, not an addition). Neither input is
 * modified. A `__proto__`, `constructor` or `prototype` key anywhere is a ConfigError naming
 * the field, never a polluted prototype.
 */
export function mergePolicyInput(base: unknown, override: unknown): unknown {
  assertSafeKeys(base, 'base policy');
  assertSafeKeys(override, 'policy override');
  return merge(base, override);
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return copy(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return copy(override);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) out[key] = copy(base[key]);
  for (const key of Object.keys(override)) out[key] = merge(out[key], override[key]);
  return out;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isPlainObject(value)) return merge({}, value);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
