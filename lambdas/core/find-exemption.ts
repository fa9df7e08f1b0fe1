import type { OAuthClient } from '../isc/oauth-client-schemas.js';
import type { Policy } from './policy.js';

/**
 * Why a client is exempt from every action, or undefined when it is not.
 *
 * Name patterns are compiled once per policy (cached on the frozen `exempt` object), not once
 * per client: a tenant of thousands of clients must not recompile the same regexes each time.
 */
const compiled = new WeakMap<Policy['exempt'], readonly RegExp[]>();

function namePatterns(exempt: Policy['exempt']): readonly RegExp[] {
  let patterns = compiled.get(exempt);
  if (!patterns) {
    // parsePolicy already rejected invalid patterns, so this cannot throw for a parsed policy.
    patterns = exempt.names.map((source) => new RegExp(source));
    compiled.set(exempt, patterns);
  }
  return patterns;
}

export function findExemption(client: OAuthClient, policy: Policy, selfClientId: string): string | undefined {
  // The janitor must never disable the credential it runs with: that would lock it out.
  if (client.id === selfClientId) return "exempt: the janitor's own credential";
  if (policy.exempt.ids.includes(client.id)) return 'exempt by id list';
  const name = client.name ?? '';
  const pattern = namePatterns(policy.exempt).find((regex) => regex.test(name));
  if (pattern) return `exempt by name pattern /${pattern.source}/`;
  if (policy.exempt.internal && client.internal) return 'exempt as an internal client (exempt.internal)';
  return undefined;
}
