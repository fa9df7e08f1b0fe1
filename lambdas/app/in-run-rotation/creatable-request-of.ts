import type { OAuthClientRequest, OAuthClient } from '../../core/model/oauth-client.js';

/**
 * The OAuthClientRequest that makes a successor identical to `client` in everything ISC
 * lets a create set, so consumers switch to it without noticing a difference. Nullish optional fields are left out rather than sent as
 * null. `scope` is copied exactly: the successor gets the same rights, never more (a client with
 * no scope list already has sp:scopes:all; rotation is not the place to change that).
 *
 * The policy's `creation` rules are deliberately not applied here: they govern new rights, and a
 * successor grants none. Refusing it would leave an over-privileged client on its old secret, and
 * trimming it would break its consumers; the report's inventory names clients with sp:scopes:all.
 */
export function creatableRequestOf(client: OAuthClient): OAuthClientRequest {
  // Values are copied as ISC sent them, even ones this version does not know (a grant type added
  // next year): the ISC adapter validates every request before sending, so such a successor is
  // refused there with the field named, and nothing is created.
  const request = {
    name: client.name ?? '',
    description: client.description ?? '',
    accessTokenValiditySeconds: client.accessTokenValiditySeconds ?? 750,
    grantTypes: client.grantTypes && client.grantTypes.length > 0 ? [...client.grantTypes] : ['CLIENT_CREDENTIALS'],
    accessType: client.accessType ?? 'OFFLINE',
    enabled: client.enabled,
  } as OAuthClientRequest;
  const optional = {
    businessName: client.businessName,
    homepageUrl: client.homepageUrl,
    refreshTokenValiditySeconds: client.refreshTokenValiditySeconds,
    redirectUris: client.redirectUris ? [...client.redirectUris] : client.redirectUris,
    type: client.type,
    internal: client.internal,
    strongAuthSupported: client.strongAuthSupported,
    claimsSupported: client.claimsSupported,
    scope: client.scope ? [...client.scope] : client.scope,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null && value !== undefined) (request as Record<string, unknown>)[key] = value;
  }
  return request;
}
