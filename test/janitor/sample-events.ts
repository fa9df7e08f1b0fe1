/** Events the function receives, as the AWS services send them. */

/** A rule-based EventBridge schedule's event: no input of ours in it. */
export const CLASSIC_SCHEDULED_EVENT = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-03-01T12:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly-janitor'],
  detail: {},
};

/** What the stack's EventBridge Scheduler schedule passes as its JSON input. */
export const SCHEDULER_INPUT = {
  tenant: 'acme-prod',
  credentialsSecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/acme-prod-AbCdEf',
  policy: { mode: 'report' },
};
