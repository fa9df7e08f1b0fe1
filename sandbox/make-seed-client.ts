import type { SandboxOAuthClient } from './sandbox-wire-types.js';

/** Turns the facts a seed generator chose into a full GetOAuthClientResponse-shaped client. */
export interface ClientFacts {
  id: string;
  name: string;
  businessName: string | null;
  internal: boolean;
  enabled: boolean;
  scope: string[];
  created: number;
  modified: number;
  lastUsed: number | null;
}

export function makeSeedClient(facts: ClientFacts): SandboxOAuthClient {
  const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString();
  return {
    id: facts.id,
    businessName: facts.businessName,
    homepageUrl: null,
    name: facts.name,
    description: `${facts.name} (seeded sandbox client)`,
    accessTokenValiditySeconds: 750,
    refreshTokenValiditySeconds: 86400,
    redirectUris: [],
    grantTypes: ['CLIENT_CREDENTIALS'],
    accessType: 'OFFLINE',
    type: 'CONFIDENTIAL',
    internal: facts.internal,
    enabled: facts.enabled,
    strongAuthSupported: false,
    claimsSupported: false,
    created: iso(facts.created),
    modified: iso(facts.modified),
    lastUsed: facts.lastUsed === null ? null : iso(facts.lastUsed),
    scope: facts.scope,
    metadata: null,
    secret: null,
  };
}

/** ISC ids are 32 lower-case hex characters. */
export function hex32(random: () => number): string {
  let out = '';
  for (let i = 0; i < 4; i += 1) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out;
}
