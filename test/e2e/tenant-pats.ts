import type { PolicyInput } from '../../lambdas/core/model/policy.js';
import type { SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';
import { daysAgo } from '../core/make-client.js';

/**
 * A hand-built set of personal access tokens with one token per rule outcome under the default
 * `pats` thresholds (delete after 90 days unused, 30 if never used, announced 14 days ahead),
 * evaluated at make-client's NOW. Ids are fixed so tests can name what must and must not go.
 */
export const OWNERS = {
  ada: { type: 'IDENTITY', id: 'e2e0000000000000000000000000ada1', name: 'Ada Lovelace' },
  grace: { type: 'IDENTITY', id: 'e2e000000000000000000000000064ac', name: 'Grace Hopper' },
  breakGlass: { type: 'IDENTITY', id: 'e2e00000000000000000000000b4ea61', name: 'Break Glass' },
} as const;

export const PAT_IDS = {
  stale: 'e2ep0000000000000000000000000001',
  comeback: 'e2ep0000000000000000000000000002',
  neverUsedOld: 'e2ep0000000000000000000000000003',
  workflow: 'e2ep0000000000000000000000000004',
  ownerExempt: 'e2ep0000000000000000000000000005',
  expiringSoon: 'e2ep0000000000000000000000000006',
} as const;

/** The tokens both nights must announce (night 1) and may delete (night 2, 14 days later). */
export const DUE_PATS = [PAT_IDS.stale, PAT_IDS.comeback, PAT_IDS.neverUsedOld].sort();

/** The policy the token tests run: tokens governed, Break Glass's tokens never touched. */
export const PAT_POLICY: PolicyInput = { pats: { enabled: true, exempt: { ownerIds: [OWNERS.breakGlass.id] } } };

/** A token as the sandbox stores it: Ada's, used yesterday, expiring in 100 days. */
export function storedPat(overrides: Partial<SandboxPersonalAccessToken> & { id: string }): SandboxPersonalAccessToken {
  return {
    name: `token-${overrides.id.slice(-4)}`,
    scope: ['sp:oauth-client:read'],
    owner: { ...OWNERS.ada },
    created: daysAgo(365),
    lastUsed: daysAgo(1),
    managed: false,
    accessTokenValiditySeconds: 43_200,
    expirationDate: daysAgo(-100),
    userAwareTokenNeverExpires: false,
    ...overrides,
  };
}

export function tenantPats(): SandboxPersonalAccessToken[] {
  return [
    storedPat({ id: PAT_IDS.stale, name: 'NodeJS Integration', lastUsed: daysAgo(200), scope: ['sp:scopes:all'], expirationDate: null, userAwareTokenNeverExpires: true }),
    storedPat({ id: PAT_IDS.comeback, name: 'quarterly report', owner: { ...OWNERS.grace }, lastUsed: daysAgo(150) }),
    storedPat({ id: PAT_IDS.neverUsedOld, name: 'tried once', owner: { ...OWNERS.grace }, lastUsed: null, created: daysAgo(45) }),
    storedPat({ id: PAT_IDS.workflow, name: 'Workflow: onboarding', managed: true, lastUsed: daysAgo(300), expirationDate: null, userAwareTokenNeverExpires: true }),
    storedPat({ id: PAT_IDS.ownerExempt, name: 'emergency', owner: { ...OWNERS.breakGlass }, lastUsed: daysAgo(400) }),
    storedPat({ id: PAT_IDS.expiringSoon, name: 'laptop', owner: { ...OWNERS.grace }, expirationDate: daysAgo(-5) }),
    // Enough tokens in use that three deletions stay within the default maxFraction (25%).
    ...Array.from({ length: 8 }, (_, i) => storedPat({ id: `e2ep00000000000000000000000001${String(i).padStart(2, '0')}`, name: `in use ${i}` })),
  ];
}
