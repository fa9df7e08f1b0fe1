import { compileNamePattern, type NamePattern } from '../model/name-pattern.js';
import type { PersonalAccessToken } from '../model/personal-access-token.js';
import type { Policy } from '../model/policy.js';

type PatExempt = Policy['pats']['exempt'];

interface PreparedPatExempt {
  readonly ids: ReadonlySet<string>;
  readonly ownerIds: ReadonlySet<string>;
  readonly patterns: readonly NamePattern[];
}

/** Prepared once per policy (cached on the frozen `exempt` object), not once per token. */
const prepared = new WeakMap<PatExempt, PreparedPatExempt>();

function prepare(exempt: PatExempt): PreparedPatExempt {
  let ready = prepared.get(exempt);
  if (!ready) {
    // parsePolicy already refused patterns RE2 cannot compile.
    ready = { ids: new Set(exempt.ids), ownerIds: new Set(exempt.ownerIds), patterns: exempt.names.map(compileNamePattern) };
    prepared.set(exempt, ready);
  }
  return ready;
}

/**
 * Why a personal access token is never touched, or undefined when the rules may act on it.
 * The janitor's own token comes first (deleting it would lock the janitor out), then tokens the
 * platform manages (Workflows stop working without them), then the policy's lists.
 */
export function findPatExemption(token: PersonalAccessToken, exempt: PatExempt, selfClientId: string): string | undefined {
  if (token.id === selfClientId) return "exempt: the janitor's own credential";
  if (token.managed) return 'exempt: managed by ISC (Workflows depend on it)';
  const { ids, ownerIds, patterns } = prepare(exempt);
  if (ids.has(token.id)) return 'exempt by pats.exempt.ids';
  if (ownerIds.has(token.owner.id)) return 'exempt by pats.exempt.ownerIds (its owner)';
  if (patterns.length > 0) {
    const name = token.name ?? '';
    for (const pattern of patterns) {
      if (pattern.test(name)) return `exempt by name pattern /${pattern.source}/ (pats.exempt.names)`;
    }
  }
  return undefined;
}
