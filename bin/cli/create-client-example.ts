import { ACCESS_TYPES, CLIENT_TYPES, GRANT_TYPES } from '../../lambdas/core/model/oauth-client.js';
import type { Policy } from '../../lambdas/core/model/policy.js';

/** A request `create-client --file` accepts under the default creation rules: what `--example` prints. */
export const CREATE_CLIENT_EXAMPLE = {
  name: 'payroll-export',
  description: 'Nightly payroll export to the HR data warehouse (owner: hr-integrations@example.com)',
  accessTokenValiditySeconds: 3600,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
  scope: ['idn:identity:read'],
} as const;

const list = (values: readonly string[]): string => values.join(', ');

/**
 * What each field of a CreateOAuthClientRequest means and allows, under `creation` (the
 * policy's rules): the notes `--example` prints beside the JSON.
 */
export function createClientExampleNotes(creation: Policy['creation']): string {
  const forbidden = creation.forbiddenScopes.length > 0 ? `; refused: ${list(creation.forbiddenScopes)}` : '';
  const allowed = creation.allowedScopes === null ? '' : `; allowed: only ${list(creation.allowedScopes)}`;
  return [
    '# A CreateOAuthClientRequest (JSON) for: npm run janitor -- create-client --file request.json',
    '# Save the JSON: npm run janitor -- create-client --example > request.json',
    '# Required by ISC:',
    '#   name                        the client\'s name (also names its secret)',
    '#   description                 a string ("" is allowed); say who owns the client',
    `#   accessTokenValiditySeconds  a whole number of seconds, at most ${creation.maxAccessTokenValiditySeconds} (the policy's creation.maxAccessTokenValiditySeconds)`,
    `#   grantTypes                  a non-empty list of ${list(GRANT_TYPES)}`,
    `#   accessType                  ${list(ACCESS_TYPES)}`,
    '#   enabled                     true or false',
    '# Required by the janitor:',
    `#   scope                       a non-empty list of scopes (ISC would grant sp:scopes:all to an empty one)${forbidden}${allowed}`,
    `# Optional: businessName, homepageUrl, refreshTokenValiditySeconds, redirectUris, type (${list(CLIENT_TYPES)}),`,
    `#   internal (${creation.allowInternal ? 'allowed' : 'refused unless the policy sets creation.allowInternal'}), strongAuthSupported, claimsSupported.`,
    '',
  ].join('\n');
}
