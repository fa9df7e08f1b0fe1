/** A valid CreateOAuthClientRequest with a narrow scope, for governed-creation tests. */
export const CREATE_CLIENT_REQUEST = {
  name: 'payroll-export',
  description: 'Nightly payroll export',
  accessTokenValiditySeconds: 750,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
  scope: ['idn:payroll:read'],
} as const;
