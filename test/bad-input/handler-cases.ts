import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { createHandler } from '../../lambdas/janitor/create-handler.js';
import { HUGE, label, WRONG, type BadInputCase } from './bad-input-case.js';

/**
 * Events and environments, fed to the real Lambda handler. The SDK clients are real objects
 * whose `send` is counted and refused: a bad input must be rejected before any AWS call
 * (no secret read, no report published).
 */
export const awsCalls: string[] = [];
function countingClient<T extends SecretsManagerClient | SNSClient>(client: T): T {
  client.send = ((command: { constructor: { name: string } }) => {
    awsCalls.push(command.constructor.name);
    return Promise.reject(new Error('no AWS call is expected for bad input'));
  }) as T['send'];
  return client;
}

const GOOD_ENV = {
  REPORT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:janitor-reports',
  ISC_CREDENTIALS_SECRET_ID: 'isc/acme',
  JANITOR_POLICY: '{"mode":"report"}',
};
const context = { getRemainingTimeInMillis: () => 60_000, awsRequestId: 'bad-input' };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function handlerWith(env: Record<string, string | undefined>) {
  return createHandler({
    env,
    secretsManager: countingClient(new SecretsManagerClient({ region: 'eu-west-1' })),
    sns: countingClient(new SNSClient({ region: 'eu-west-1' })),
    logger: silent,
    metrics: new Metrics({ namespace: 'BadInput', serviceName: 'bad-input' }),
  });
}

const GOVERNED = { name: 'n', description: '', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true, scope: ['idn:sources:read'] };

const EVENT_FIELDS: Record<string, readonly unknown[]> = {
  action: ['delete', 'CLEANUP', 1, null, true],
  tenant: ['', 'has space', 'semi;colon', 'x'.repeat(65), ...WRONG.string],
  credentialsSecretId: ['', HUGE, ...WRONG.string],
  dryRun: WRONG.boolean,
  policy: ['enforce', 1, true, [], null],
  clientIds: [[], 'abc', [''], ['x'.repeat(201)], Array.from({ length: 1_001 }, (_, i) => `c${i}`), ...WRONG.stringArray.slice(1)],
};

const eventCases: BadInputCase[] = [
  ...Object.entries(EVENT_FIELDS).flatMap(([field, values]) =>
    values.map((value) => ({ name: `event ${field} = ${label(value)}`, field, run: () => handlerWith(GOOD_ENV)({ [field]: value }, context) })),
  ),
  ...[
    ['dryrun', { dryrun: true }],
    ['clientids', { clientids: ['a'] }],
    ['__proto__', JSON.parse('{"__proto__":{"polluted":true}}')],
    ['policy.__proto__', JSON.parse('{"policy":{"__proto__":{"polluted":true}}}')],
    ['policy.limits.constructor', JSON.parse('{"policy":{"limits":{"constructor":{"prototype":{"polluted":true}}}}}')],
    // The merged policy is named as such in the message; its fields keep their policy paths.
    ['mode', { policy: { mode: 'delete-everything' } }],
    ['limits.maxFraction', { policy: { limits: { maxFraction: 5 } } }],
    ['deleteAfterDays', { policy: { disableAfterDays: 400 } }],
    ['exempt.names[0]', { policy: { exempt: { names: ['(unclosed'] } } }],
    ['client.grantTypes[0]', { action: 'create-client', client: { name: 'n', description: '', accessTokenValiditySeconds: 750, grantTypes: ['PASSWORD'], accessType: 'OFFLINE', enabled: true } }],
    ['client.accessType', { action: 'create-client', client: { name: 'n', description: '', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'SOMETIMES', enabled: true } }],
    ['client.name', { action: 'create-client', client: { name: 5 } }],
    // Inside the schema but outside the default creation policy: refused before any AWS call too.
    ['client.scope[0]', { action: 'create-client', client: { ...GOVERNED, scope: ['sp:scopes:all'] } }],
    ['client.scope', { action: 'create-client', client: { ...GOVERNED, scope: [] } }],
    ['client.internal', { action: 'create-client', client: { ...GOVERNED, internal: true } }],
    ['client.accessTokenValiditySeconds', { action: 'create-client', client: { ...GOVERNED, accessTokenValiditySeconds: 2_147_483_647 } }],
  ].map(([field, event]) => ({ name: `event ${String(field)} (hand-written)`, field: String(field), run: () => handlerWith(GOOD_ENV)(event, context) })),
];

const ENV_VALUES: Record<string, readonly (string | undefined)[]> = {
  REPORT_TOPIC_ARN: [undefined, '', 'topic', 'arn:aws:sqs:eu-west-1:123456789012:q', 'arn:aws:sns:eu-west-1:12345:t', HUGE],
  JANITOR_POLICY: ['not json', '[]', '"enforce"', 'null', '{"mode":"delete"}', '{"limits":{"maxFraction":2}}', '{"__proto__":{"polluted":true}}', HUGE],
  TENANT_NAME: ['', 'x'.repeat(65)],
  ISC_CREDENTIALS_SECRET_ID: [''],
};

const envCases: BadInputCase[] = Object.entries(ENV_VALUES).flatMap(([name, values]) =>
  values.map((value) => ({
    name: `environment ${name} = ${label(value)}`,
    field: name,
    run: () => handlerWith({ ...GOOD_ENV, [name]: value })({}, context),
  })),
);

export const handlerCases: readonly BadInputCase[] = [...eventCases, ...envCases];
