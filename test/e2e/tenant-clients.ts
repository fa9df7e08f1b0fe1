import type { OAuthClient } from '../core/make-client.js';
import { daysAgo, makeClient } from '../core/make-client.js';

/**
 * A hand-built tenant with one client per rule outcome under the default thresholds
 * (disable 90, never used 30, delete 180, grace 14), evaluated at make-client's NOW.
 * Ids are fixed so tests can name exactly what must and must not be touched.
 */

/** The janitor's own PAT: also a stale client in the tenant, which must stay untouched. */
export const SELF_ID = 'e2e00000000000000000000000005e1f';
/** The PAT secret: it must never appear in any output. */
export const SECRET = 'e2e-pat-secret-7f3a9c1d5b2e4f60a8';

export const IDS = {
  active: 'e2e00000000000000000000000000001',
  activeToo: 'e2e00000000000000000000000000002',
  day89: 'e2e00000000000000000000000000003',
  day90: 'e2e00000000000000000000000000004',
  neverUsedOld: 'e2e00000000000000000000000000005',
  neverUsedNew: 'e2e00000000000000000000000000006',
  disabledOld: 'e2e00000000000000000000000000007',
  disabledInGrace: 'e2e00000000000000000000000000008',
  disabledNotYet: 'e2e00000000000000000000000000009',
  internal: 'e2e0000000000000000000000000000a',
  breakGlass: 'e2e0000000000000000000000000000b',
  exemptById: 'e2e0000000000000000000000000000c',
  activeThree: 'e2e0000000000000000000000000000d',
} as const;

/** What enforce must do to this tenant, with `exempt: { ids: [IDS.exemptById], names: ['^break-glass'] }`. */
export const EXPECTED = {
  disabled: [IDS.day90, IDS.neverUsedOld].sort(),
  deleted: [IDS.disabledOld],
} as const;

/** The policy the tests enforce: defaults plus the exemptions the tenant exercises. */
export const ENFORCE_POLICY = { mode: 'enforce', exempt: { ids: [IDS.exemptById], names: ['^break-glass'] } } as const;

/** A client as the sandbox stores and returns it (`secret` is always null there, as on ISC). */
export function storedClient(overrides: Partial<OAuthClient>): OAuthClient {
  return makeClient({ secret: null, ...overrides });
}

export function tenantClients(): OAuthClient[] {
  const stale = { lastUsed: daysAgo(300), modified: daysAgo(300) };
  const makeClient = storedClient;
  return [
    makeClient({ id: IDS.active, name: 'payroll-sync' }),
    makeClient({ id: IDS.activeToo, name: 'ci-deploy', lastUsed: daysAgo(20) }),
    makeClient({ id: IDS.activeThree, name: 'reporting', lastUsed: daysAgo(45) }),
    makeClient({ id: IDS.day89, name: 'quarterly-export', lastUsed: daysAgo(89) }),
    makeClient({ id: IDS.day90, name: 'old-connector', lastUsed: daysAgo(90) }),
    makeClient({ id: IDS.neverUsedOld, name: 'poc-never-used', lastUsed: null, created: daysAgo(45) }),
    makeClient({ id: IDS.neverUsedNew, name: 'new-integration', lastUsed: null, created: daysAgo(10), modified: daysAgo(10) }),
    makeClient({ id: IDS.disabledOld, name: 'retired-hr-feed', enabled: false, lastUsed: daysAgo(200), modified: daysAgo(30) }),
    makeClient({ id: IDS.disabledInGrace, name: 'just-disabled', enabled: false, lastUsed: daysAgo(200), modified: daysAgo(5) }),
    makeClient({ id: IDS.disabledNotYet, name: 'paused-feed', enabled: false, lastUsed: daysAgo(100), modified: daysAgo(100) }),
    makeClient({ id: IDS.internal, name: 'sailpoint-internal', internal: true, ...stale }),
    makeClient({ id: IDS.breakGlass, name: 'break-glass-admin', ...stale, scope: ['sp:scopes:all'] }),
    makeClient({ id: IDS.exemptById, name: 'audited-exception', ...stale }),
    makeClient({ id: SELF_ID, name: 'isc-oauth-janitor', ...stale }),
  ];
}
