import { describe, expect, it } from 'vitest';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { CredentialHealth } from '../../../lambdas/core/report/credential-health.js';
import { sampleReport } from './sample-report.js';

const health: CredentialHealth = {
  janitor: {
    clientId: 'pat-new',
    patName: 'isc-oauth-janitor-2026-10-01',
    expiresAt: '2027-03-30T00:00:00.000Z',
    daysToExpiry: 126,
    rotation: {
      secretName: 'isc-oauth-janitor/credentials/acme',
      rotationEnabled: true,
      lastRotatedAt: '2026-10-01T02:10:00.000Z',
      nextRotationAt: '2026-11-30T02:10:00.000Z',
      failure: null,
    },
    previous: { clientId: 'pat-old', outcome: 'retired', detail: 'replaced by PAT pat-new on 2026-10-01' },
  },
  managedSecrets: [
    {
      secretName: 'isc-oauth-janitor/clients/acme/ci-deploy',
      clientName: 'ci-deploy',
      clientId: 'client-2',
      rotationEnabled: true,
      lastRotatedAt: '2026-09-01T00:00:00.000Z',
      nextRotationAt: '2026-11-30T00:00:00.000Z',
      failure: { at: '2026-11-22T03:00:00.000Z', step: 'testSecret', reason: 'successor client-3 failed its test (401)' },
    },
    { secretName: 'isc-oauth-janitor/clients/acme/legacy', clientName: 'legacy', clientId: 'client-9', rotationEnabled: false, lastRotatedAt: null, nextRotationAt: null, failure: null },
  ],
};

describe('renderTextReport: credentials', () => {
  it('shows the janitor\'s PAT expiry and rotation, the previous PAT, and every managed secret with its last failure', () => {
    const text = renderTextReport(sampleReport({ credentials: health }));
    expect(text).toContain(
      [
        'Credentials',
        "  Janitor's PAT pat-new (isc-oauth-janitor-2026-10-01): expires 2027-03-30 (126 days)",
        '    isc-oauth-janitor/credentials/acme: rotated by Secrets Manager, last 2026-10-01, next 2026-11-30',
        '    previous PAT pat-old: retired (replaced by PAT pat-new on 2026-10-01)',
        '  Managed secrets (2)',
        '    ci-deploy (client-2): isc-oauth-janitor/clients/acme/ci-deploy: rotated by Secrets Manager, last 2026-09-01, next 2026-11-30; LAST ROTATION FAILED at testSecret on 2026-11-22: successor client-3 failed its test (401)',
        '    legacy (client-9): isc-oauth-janitor/clients/acme/legacy: Secrets Manager rotation is off',
      ].join('\n'),
    );
  });

  it('says nothing when the run did not look', () => {
    expect(renderTextReport(sampleReport())).not.toContain('Credentials');
  });
});
