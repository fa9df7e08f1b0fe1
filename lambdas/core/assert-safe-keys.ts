import { ConfigError, formatFieldPath } from './config-error.js';

/** Keys that could reach Object.prototype through a careless copy or merge. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuse `__proto__`, `constructor` or `prototype` anywhere in raw JSON input, naming the full
 * path. Run before zod: its record parser silently drops `__proto__`, so a policy hidden under
 * that key would otherwise vanish instead of being refused.
 */
export function assertSafeKeys(value: unknown, source: string, path: readonly PropertyKey[] = []): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    const at = [...path, Array.isArray(value) ? Number(key) : key];
    if (FORBIDDEN_KEYS.has(key)) {
      const field = formatFieldPath(at);
      throw new ConfigError(`Invalid ${source}: ${field}: the key "${key}" is not allowed; remove it`, [field]);
    }
    assertSafeKeys(inner, source, at);
  }
}
