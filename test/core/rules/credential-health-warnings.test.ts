import { describe, expect, it } from 'vitest';
import type { CredentialHealth, JanitorCredentialHealth } from '../../../lambdas/core/report/credential-health.js';
import { credentialHealthWarnings, daysUntil } from '../../../lambdas/core/rules/credential-health-warnings.js';
import { NOW } from '../make-client.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const janitor = (overrides: Partial<JanitorCredentialHealth>): CredentialHealth => ({
  janitor: { clientId: 'pat-1', patName: 'janitor', expiresAt: null, daysToExpiry: null, rotation: null, ...overrides },
  managedSecrets: [],
});
const rotation = { secretName: 'isc/acme', rotationEnabled: true, lastRotatedAt: null, nextRotationAt: inDays(30), failure: null };

describe('credentialHealthWarnings', () => {
  it('warns 30 days before the janitor\'s PAT expires, not 31', () => {
    expect(credentialHealthWarnings(janitor({ expiresAt: inDays(30), daysToExpiry: 30 }), NOW)).toEqual([
      expect.stringMatching(/^credentials: the janitor's PAT pat-1 expires in 30 days \(2026-12-23\); turn on rotation/),
    ]);
    expect(credentialHealthWarnings(janitor({ expiresAt: inDays(31), daysToExpiry: 31 }), NOW)).toEqual([]);
    expect(credentialHealthWarnings(janitor({ expiresAt: inDays(-1), daysToExpiry: -1 }), NOW)).toEqual([expect.stringMatching(/expired on 2026-11-22/)]);
  });

  it('names a failed rotation with its step and reason, and an overdue one', () => {
    const failed = { ...rotation, failure: { at: '2026-11-20T02:00:00.000Z', step: 'createSecret', reason: 'ISC answered 403' } };
    expect(credentialHealthWarnings({ managedSecrets: [{ ...failed, clientName: 'ci-deploy', clientId: 'c1' }] }, NOW)).toEqual([
      "credentials: rotation of the secret of ci-deploy (isc/acme) failed at createSecret on 2026-11-20 02:00 UTC: ISC answered 403",
    ]);
    expect(credentialHealthWarnings(janitor({ rotation: { ...rotation, nextRotationAt: inDays(-2) } }), NOW)).toEqual([
      "credentials: rotation of the janitor's credentials (isc/acme) is overdue: it was due on 2026-11-21",
    ]);
  });

  it('counts whole days to an expiry', () => {
    expect(daysUntil(inDays(10), NOW)).toBe(10);
    expect(daysUntil(new Date(NOW.getTime() + 10 * DAY - 1).toISOString(), NOW)).toBe(9);
    expect(daysUntil('not a date', NOW)).toBeNull();
  });
});
