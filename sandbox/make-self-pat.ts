import { sixMonthsAfter } from './pat-expiration.js';
import type { SandboxIdentity, SandboxPersonalAccessToken } from './sandbox-wire-types.js';

/** The identity that owns the janitor's PAT unless a test names another. */
export const SELF_IDENTITY: SandboxIdentity = Object.freeze({ id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f', name: 'IAM Automation' });

const DAY_MS = 86_400_000;

/**
 * The janitor's own PAT as the tenant lists it: a token of `owner` with full scope, created 30
 * days before `now` and expiring 6 months after that (SailPoint's default since 2025), unless
 * `facts` say otherwise.
 */
export function makeSelfPat(id: string, owner: SandboxIdentity, now: Date, facts: Partial<Omit<SandboxPersonalAccessToken, 'id' | 'owner'>> = {}): SandboxPersonalAccessToken {
  const created = facts.created ?? new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const expirationDate = facts.expirationDate === undefined ? sixMonthsAfter(created) : facts.expirationDate;
  return {
    id,
    name: facts.name ?? 'isc-oauth-janitor',
    scope: facts.scope === undefined ? ['sp:scopes:all'] : facts.scope,
    owner: { type: 'IDENTITY', id: owner.id, name: owner.name },
    created,
    lastUsed: facts.lastUsed ?? null,
    managed: facts.managed ?? false,
    accessTokenValiditySeconds: facts.accessTokenValiditySeconds ?? 43200,
    expirationDate,
    userAwareTokenNeverExpires: facts.userAwareTokenNeverExpires ?? expirationDate === null,
  };
}
