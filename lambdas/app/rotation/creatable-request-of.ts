import type { CreateOAuthClientRequest, OAuthClient } from '../../adapters/isc/oauth-client-schemas.js';

/**
 * The CreateOAuthClientRequest that makes a successor identical to `client` in everything ISC
 * lets a create set (issue 6 rule 1). Nullish optional fields are left out rather than sent as
 * null. `scope` is copied exactly: the successor gets the same rights, never more (a client with
 * no scope list already has sp:scopes:all; rotation is not the place to change that).
 */
export function creatableRequestOf(client: OAuthClient): CreateOAuthClientRequest {
  const request: CreateOAuthClientRequest = {
    name: client.name ?? '',
    description: client.description ?? '',
    accessTokenValiditySeconds: client.accessTokenValiditySeconds ?? 750,
    grantTypes: client.grantTypes && client.grantTypes.length > 0 ? [...client.grantTypes] : ['CLIENT_CREDENTIALS'],
    accessType: client.accessType ?? 'OFFLINE',
    enabled: client.enabled,
  };
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
