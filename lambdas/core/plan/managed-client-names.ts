import type { OAuthClient } from '../model/oauth-client.js';
import { compileNamePattern, type NamePattern } from '../model/name-pattern.js';
import type { Policy } from '../model/policy.js';

/**
 * Which client names the rotation rules manage (`rotation.names`, regular expressions). The
 * patterns are compiled once per frozen policy block, like the exemption patterns.
 */
const compiled = new WeakMap<Policy['rotation'], readonly NamePattern[]>();

export function isManagedName(name: string | null, rotation: Policy['rotation']): boolean {
  if (!name) return false;
  let patterns = compiled.get(rotation);
  if (!patterns) {
    // parsePolicy already rejected invalid patterns, so this cannot throw for a parsed policy.
    patterns = rotation.names.map(compileNamePattern);
    compiled.set(rotation, patterns);
  }
  return patterns.some((pattern) => pattern.test(name));
}

/**
 * The distinct managed names in the tenant, sorted: the orchestrator reads one secret per name
 * (read-only, also in report mode) before planning. Empty when rotation is disabled.
 */
export function managedClientNames(clients: readonly OAuthClient[], policy: Policy): string[] {
  if (!policy.rotation.enabled) return [];
  const names = new Set<string>();
  for (const client of clients) if (client.name && isManagedName(client.name, policy.rotation)) names.add(client.name);
  return [...names].sort();
}
