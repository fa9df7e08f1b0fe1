import { describe, expect, it } from 'vitest';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { planPatSuccessor } from '../../../lambdas/core/rules/plan-pat-successor.js';
import { NOW } from '../make-client.js';

const current: PersonalAccessToken = {
  id: 'pat-current',
  name: 'janitor',
  owner: { id: 'identity-1', name: 'IAM Automation' },
  scope: ['sp:oauth-client:read', 'sp:oauth-client:manage', 'sp:my-personal-access-tokens:manage'],
  created: '2026-06-01T00:00:00.000Z',
  lastUsed: null,
  managed: false,
  expirationDate: '2026-12-01T00:00:00.000Z',
  accessTokenValiditySeconds: 900,
};

describe('planPatSuccessor', () => {
  it('asks for the same scopes and token lifetime, a dated name and an explicit expiry 180 days out', () => {
    expect(planPatSuccessor(current, NOW, new Set(['janitor']))).toEqual({
      name: 'isc-oauth-janitor-2026-11-23',
      scope: current.scope,
      accessTokenValiditySeconds: 900,
      expirationDate: '2027-05-22T02:00:00.000Z',
    });
  });

  it('numbers a second rotation on the same day, names being unique per owner', () => {
    const taken = new Set(['isc-oauth-janitor-2026-11-23', 'isc-oauth-janitor-2026-11-23-2']);
    expect(planPatSuccessor(current, NOW, taken).name).toBe('isc-oauth-janitor-2026-11-23-3');
  });

  it('leaves the scope out for a PAT holding every right, which is what an omitted scope means', () => {
    for (const scope of [null, []]) expect(planPatSuccessor({ ...current, scope }, NOW, new Set())).not.toHaveProperty('scope');
  });
});
