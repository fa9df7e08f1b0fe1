import { describe, expect, it } from 'vitest';
import type { OAuthClientRequest } from '../../../lambdas/core/model/oauth-client.js';
import { decodeList, type IscResponse } from '../../../lambdas/adapters/isc/decode-response.js';
import {
  createdOAuthClientSchema,
  createOAuthClientRequestSchema,
  createRequestBodyOf,
  oauthClientSchema,
} from '../../../lambdas/adapters/isc/oauth-client-schemas.js';

/** Only the keys GetOAuthClientResponse requires, as a server that answers sparsely sends them. */
const MINIMAL = {
  id: '2c9180835d2e5168015d32f890ca1581',
  businessName: null,
  homepageUrl: null,
  name: 'reporting',
  description: null,
  accessTokenValiditySeconds: 750,
  refreshTokenValiditySeconds: 86_400,
  redirectUris: null,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  type: 'CONFIDENTIAL',
  internal: false,
  enabled: true,
  strongAuthSupported: false,
  claimsSupported: false,
  created: '2026-01-02T03:04:05.678Z',
  modified: '2026-01-02T03:04:05.678Z',
  scope: ['sp:oauth-client:read'],
};

const list = (body: unknown): IscResponse => ({ status: 200, statusText: 'OK', contentType: 'application/json', retryAfter: null, location: null, text: JSON.stringify(body) });
const ctx = { method: 'GET', path: '/v3/oauth-clients' };

describe('oauthClientSchema (GetOAuthClientResponse -> the core model)', () => {
  it('reads a client without lastUsed, metadata and secret as never used', () => {
    expect(oauthClientSchema.parse(MINIMAL)).toMatchObject({ id: MINIMAL.id, lastUsed: null, enabled: true, internal: false });
  });

  it('keeps enum values it does not know as plain strings', () => {
    const client = oauthClientSchema.parse({ ...MINIMAL, grantTypes: ['DEVICE_CODE'], accessType: 'SOMETIMES', type: 'HYBRID' });
    expect(client).toMatchObject({ grantTypes: ['DEVICE_CODE'], accessType: 'SOMETIMES', type: 'HYBRID' });
  });

  it('maps only the fields the model names: unknown fields and an echoed secret stay behind', () => {
    const client = oauthClientSchema.parse({ ...MINIMAL, secret: 'echoed-secret', tenant: 'acme', brandNew: { a: 1 }, metadata: 7 });
    expect(Object.keys(client).sort()).toEqual([...Object.keys(MINIMAL), 'lastUsed'].sort());
  });
});

describe('createdOAuthClientSchema (CreateOAuthClientResponse)', () => {
  it('reads a create answer without lastUsed and metadata, and keeps the secret', () => {
    expect(createdOAuthClientSchema.parse({ ...MINIMAL, secret: 'new-secret' })).toMatchObject({ id: MINIMAL.id, lastUsed: null, secret: 'new-secret' });
  });

  it('refuses an answer without a secret: the client would be useless', () => {
    expect(createdOAuthClientSchema.safeParse(MINIMAL).success).toBe(false);
  });
});

describe('decodeList', () => {
  it('skips an entry it cannot read, naming it and the field, and returns the others', () => {
    const { items, unreadable } = decodeList(oauthClientSchema, list([MINIMAL, { ...MINIMAL, id: 'b2', enabled: 'yes' }, { ...MINIMAL, id: 5 }]), ctx);
    expect(items.map((client) => client.id)).toEqual([MINIMAL.id]);
    expect(unreadable).toEqual([
      { id: 'b2', position: 1, problems: ['enabled: expected boolean, got string "yes"'] },
      { id: null, position: 2, problems: ['id: expected string, got number 5'] },
    ]);
  });

  it('names a missing field as missing', () => {
    const { internal: _internal, ...withoutInternal } = MINIMAL;
    expect(decodeList(oauthClientSchema, list([withoutInternal]), ctx).unreadable[0]?.problems).toEqual(['internal: missing']);
  });

  it('refuses a missing scope list: a successor would get sp:scopes:all', () => {
    const { scope: _scope, ...withoutScope } = MINIMAL;
    expect(decodeList(oauthClientSchema, list([withoutScope]), ctx).unreadable[0]?.problems).toEqual(['scope: missing']);
  });

  it('still fails when the body is not a list at all', () => {
    expect(() => decodeList(oauthClientSchema, list({ clients: [] }), ctx)).toThrow('(root): expected an array, got an object');
  });
});

describe('createOAuthClientRequestSchema (the strict writer)', () => {
  const request: OAuthClientRequest = { name: 'n', description: 'd', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true };

  it('leaves out a null the spec does not allow instead of sending it', () => {
    const body = createRequestBodyOf({ ...request, refreshTokenValiditySeconds: null, type: null, internal: null, strongAuthSupported: null, claimsSupported: null, scope: null, businessName: null });
    expect(body).toEqual({ ...request, scope: null, businessName: null });
    expect(createOAuthClientRequestSchema.safeParse(body).success).toBe(true);
  });

  it('refuses enum values the spec does not list, and integers beyond int32', () => {
    expect(createOAuthClientRequestSchema.safeParse({ ...request, grantTypes: ['DEVICE_CODE'] }).success).toBe(false);
    expect(createOAuthClientRequestSchema.safeParse({ ...request, accessTokenValiditySeconds: 2 ** 31 }).success).toBe(false);
  });
});
