import type { OAuthClient } from '../model/oauth-client.js';
import { compileNamePattern, type NamePattern } from '../model/name-pattern.js';
import type { Policy } from '../model/policy.js';

/**
 * Why a client is exempt from every action, or undefined when it is not.
 *
 * The id list and name patterns are prepared once per policy (cached on the frozen `exempt`
 * object), not once per client: a tenant of 100,000 clients must not recompile the same regexes
 * or scan a 10,000-id list for each of them.
 */
interface PreparedExempt {
  readonly ids: ReadonlySet<string>;
  readonly patterns: readonly NamePattern[];
}

const prepared = new WeakMap<Policy['exempt'], PreparedExempt>();

function prepare(exempt: Policy['exempt']): PreparedExempt {
  let ready = prepared.get(exempt);
  if (!ready) {
    // parsePolicy already rejected invalid patterns, so this cannot throw for a parsed policy.
    ready = { ids: new Set(exempt.ids), patterns: exempt.names.map(compileNamePattern) };
    prepared.set(exempt, ready);
  }
  return ready;
}

export function findExemption(client: OAuthClient, policy: Policy, selfClientId: string): string | undefined {
  // The janitor must never disable the credential it runs with: that would lock it out.
  if (client.id === selfClientId) return "exempt: the janitor's own credential";
  const { ids, patterns } = prepare(policy.exempt);
  if (ids.has(client.id)) return 'exempt by id list';
  if (patterns.length > 0) {
    const name = client.name ?? '';
    for (const pattern of patterns) {
      if (pattern.test(name)) return `exempt by name pattern /${pattern.source}/`;
    }
  }
  if (policy.exempt.internal && client.internal) return 'exempt as an internal client (exempt.internal)';
  return undefined;
}
