import { describe, expect, it } from 'vitest';
import type { OAuthClientRequest } from '../../../lambdas/core/model/oauth-client.js';
import { DEFAULT_POLICY, parsePolicy } from '../../../lambdas/core/model/policy.js';
import { checkCreationRequest } from '../../../lambdas/core/rules/check-creation-request.js';
import { configErrorOf } from '../../support/config-error-of.js';

const REQUEST: OAuthClientRequest = {
  name: 'ci-nightly',
  description: '',
  accessTokenValiditySeconds: 750,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
  scope: ['idn:sources:read'],
};
const fields = (request: OAuthClientRequest, creation = DEFAULT_POLICY.creation) => {
  const verdict = checkCreationRequest(request, creation);
  return verdict.allowed ? [] : verdict.problems.map((problem) => problem.field);
};

describe('checkCreationRequest', () => {
  it('allows a narrow, external, short-lived client under the defaults', () => {
    expect(checkCreationRequest(REQUEST, DEFAULT_POLICY.creation)).toEqual({ allowed: true });
    expect(checkCreationRequest({ ...REQUEST, accessTokenValiditySeconds: 43_200, internal: false }, DEFAULT_POLICY.creation)).toEqual({ allowed: true });
  });

  it('refuses by default sp:scopes:all, an internal client and a token valid for over 12 hours', () => {
    expect(fields({ ...REQUEST, scope: ['sp:scopes:all'] })).toEqual(['client.scope[0]']);
    expect(fields({ ...REQUEST, internal: true })).toEqual(['client.internal']);
    expect(fields({ ...REQUEST, accessTokenValiditySeconds: 43_201 })).toEqual(['client.accessTokenValiditySeconds']);
  });

  it('always refuses a missing or empty scope (ISC would grant sp:scopes:all), even with nothing forbidden', () => {
    const open = parsePolicy({ creation: { forbiddenScopes: [] } }).creation;
    expect(fields({ ...REQUEST, scope: [] }, open)).toEqual(['client.scope']);
    expect(fields({ ...REQUEST, scope: null }, open)).toEqual(['client.scope']);
    expect(fields({ ...REQUEST, scope: ['ok', ' '] }, open)).toEqual(['client.scope[1]']);
  });

  it('reads a forbidden scope loosely (case, spaces) and an allowed one exactly', () => {
    const creation = parsePolicy({ creation: { allowedScopes: ['idn:sources:read'] } }).creation;
    expect(fields({ ...REQUEST, scope: ['SP:SCOPES:ALL'] }, creation)).toEqual(['client.scope[0]']);
    expect(fields({ ...REQUEST, scope: ['IDN:SOURCES:READ', 'idn:sources:read'] }, creation)).toEqual(['client.scope[0]']);
  });

  it('quotes only the policy\'s own entry, never a value the policy does not hold', () => {
    const verdict = checkCreationRequest({ ...REQUEST, scope: ['Sp:Scopes:All', 's3cr3t-pasted-here'] }, parsePolicy({ creation: { allowedScopes: ['x'] } }).creation);
    const text = JSON.stringify(verdict);
    expect(text).toContain('sp:scopes:all is forbidden');
    expect(text).not.toContain('Sp:Scopes:All');
    expect(text).not.toContain('s3cr3t');
  });
});

describe('policy creation block', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_POLICY.creation).toEqual({ forbiddenScopes: ['sp:scopes:all'], allowedScopes: null, maxAccessTokenValiditySeconds: 43_200, allowInternal: false });
  });

  it.each([
    [{ allowedScopes: ['a', 'sp:scopes:all'] }, 'creation.allowedScopes[1]'],
    [{ forbiddenScopes: [''] }, 'creation.forbiddenScopes[0]'],
    [{ maxAccessTokenValiditySeconds: 0 }, 'creation.maxAccessTokenValiditySeconds'],
    [{ maxAccessTokenValiditySeconds: 1.5 }, 'creation.maxAccessTokenValiditySeconds'],
    [{ allowInternal: 'yes' }, 'creation.allowInternal'],
    [{ allowedScope: [] }, 'creation.allowedScope'],
  ])('refuses %j, naming %s', (creation, field) => {
    expect(configErrorOf(() => parsePolicy({ creation })).fields).toContain(field);
  });
});
