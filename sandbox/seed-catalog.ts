/**
 * The vocabulary of a seeded tenant: the names, owners and scope sets real ISC tenants
 * accumulate (CI bots, connectors, one-off PoCs, personal CLI clients).
 */
export const CLIENT_NAMES = [
  'ci-deploy-bot',
  'legacy-hr-sync',
  'ServiceNow Connector',
  'Workday Integration',
  'terraform-provider-isc',
  'splunk-audit-export',
  'jenkins-nightly',
  'PowerBI Reporting',
  'sail-cli (jdoe)',
  'access-review-exporter',
  'github-actions-sync',
  'data-lake-ingest',
  'Salesforce Provisioning',
  'poc-client-2021',
  'qa-smoke-tests',
  'vault-secret-rotation',
  'ansible-automation',
  'SAP GRC Bridge',
  'helpdesk-chatbot',
  'okta-migration-temp',
  'Azure AD Bridge',
  'scim-gateway',
  'iga-metrics-collector',
  'test-client-do-not-use',
] as const;

export const BUSINESS_NAMES = ['IAM Platform', 'HR Systems', 'IT Service Management', 'Security Operations', 'Finance IT', null] as const;

export const SCOPE_SETS: readonly (readonly string[])[] = [
  ['sp:scopes:all'],
  ['sp:scopes:default'],
  ['sp:oauth-client:read'],
  ['idn:identity:read', 'idn:sources:read'],
  ['idn:accounts:manage', 'idn:sources:manage'],
  ['idn:access-request:manage', 'idn:identity:read'],
  ['sp:scopes:all'],
  ['idn:certification:read', 'idn:access-profile:read', 'idn:role-unchecked:read'],
];

export const INTERNAL_NAMES = ['sailpoint-ui-internal', 'ISC Mobile (internal)', 'idn-internal-workflows', 'internal-event-bridge'] as const;

/** The people of a seeded tenant: they own its personal access tokens. */
export const IDENTITY_NAMES = ['Alice Nguyen', 'Bob Martinez', 'Chandra Iyer', 'Dana Okafor', 'Erik Lindqvist', 'Fatima Zahra'] as const;

/** What people call the PATs they make for themselves. */
export const PAT_NAMES = [
  'sail-cli',
  'postman',
  'powershell-sdk',
  'terraform (laptop)',
  'jupyter-notebook',
  'vscode-extension',
  'nightly-report-script',
  'migration-2024',
  'access-review-export',
  'python-sdk-test',
] as const;

/** ISC Workflows create managed PATs for the workflow's author. */
export const WORKFLOW_PAT_NAMES = ['Workflow: Leaver cleanup', 'Workflow: Access request approval', 'Workflow: Daily source health'] as const;

export const PAT_SCOPE_SETS: readonly (readonly string[])[] = [
  ['sp:scopes:all'],
  ['sp:scopes:all'],
  ['idn:identity:read', 'idn:sources:read'],
  ['sp:my-personal-access-tokens:manage'],
  ['idn:access-request:manage'],
  ['idn:certification:read', 'idn:access-profile:read'],
];
