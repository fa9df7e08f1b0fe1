import type { OAuthClient as ClientModel } from '../../lambdas/core/model/oauth-client.js';

/**
 * A client as ISC lists it, for tests: the core's model, plus the `secret` the sandbox can be
 * seeded with. Tests build odd ones on purpose (a null name, an unreadable date).
 */
export type OAuthClient = ClientModel & { readonly secret?: string | null };

/** The fixed "now" the core tests evaluate against: a Monday, 02:00 UTC. */
export const NOW = new Date('2026-11-23T02:00:00.000Z');

const DAY_MS = 86_400_000;

/** ISO timestamp `days` whole days (plus `extraMs`) before `from`; negative days lie in the future. */
export function daysAgo(days: number, from: Date = NOW, extraMs = 0): string {
  return new Date(from.getTime() - days * DAY_MS - extraMs).toISOString();
}

let counter = 0;

/**
 * A valid OAuthClient as ISC's list returns it: enabled, not internal, used yesterday, created a
 * year ago, unchanged for 200 days. Override what the test is about.
 */
export function makeClient(overrides: Partial<OAuthClient> = {}): OAuthClient {
  counter += 1;
  const id = overrides.id ?? `2c9180835d2e5168015d32f8${String(counter).padStart(8, '0')}`;
  return {
    id,
    name: `client-${id.slice(-4)}`,
    businessName: null,
    homepageUrl: null,
    description: 'made by makeClient',
    accessTokenValiditySeconds: 750,
    refreshTokenValiditySeconds: 86_400,
    redirectUris: [],
    grantTypes: ['CLIENT_CREDENTIALS'],
    accessType: 'OFFLINE',
    type: 'CONFIDENTIAL',
    internal: false,
    enabled: true,
    strongAuthSupported: false,
    claimsSupported: false,
    created: daysAgo(365),
    modified: daysAgo(200),
    lastUsed: daysAgo(1),
    scope: ['sp:oauth-client:read'],
    metadata: null,
    ...overrides,
  };
}
