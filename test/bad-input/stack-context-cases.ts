import { parseTenantEntry } from '../../lambdas/core/model/tenant-entry.js';
import { parseLegacyTenants } from '../../lib/legacy-tenants.js';
import { parseStackContext } from '../../lib/stack-context.js';
import { label, WRONG, HUGE, type BadInputCase } from './bad-input-case.js';

/** CDK context (cdk.json or `-c key=value`): every key. */
const TOP: Record<string, readonly unknown[]> = {
  reportEmails: ['not-an-email', 'a@b.com,nope', ['x'], [1], Array.from({ length: 51 }, (_, i) => `u${i}@example.com`)],
  alarmEmails: ['@', [null]],
  timeoutMinutes: ['16', 16, 0, 'five', 1.5, null, true],
  fleetConcurrency: [0, 41, '41', 'many', 1.5, null],
  reservedConcurrency: [0, -1, 'all', null, 1.5, 5],
  logRetentionDays: [2, '2', 0, 'forever', null],
  rotationSecretPrefix: ['', 'bad prefix', HUGE, 1],
  credentialsSecretPrefix: ['', 'bad prefix', HUGE, 1],
  managedSecretsKmsKey: ['yes', 1, null],
  // Tenants are data in the registry now: a list left in cdk.json is refused, whatever it holds.
  tenants: ['', '[not json', '[]', [], [{ name: 'acme' }], 'acme', 1, null, {}],
};

/**
 * One tenant's fields, as `tenants import` reads them from an old cdk.json and as `tenants add`
 * and `set` write them to the registry: checked the same way, each error naming the field.
 */
const LEGACY_TENANT: Record<string, readonly unknown[]> = {
  name: [undefined, '', '-acme', 'acme-', 'has space', 'x'.repeat(41), ...WRONG.string],
  credentialsSecretArn: ['secret', 'arn:aws:s3:::bucket', '', 1],
  schedule: ['whenever', '25:00', 'cron(', 1, null],
  timeZone: ['Mars/Base', '+01:00', 'UTC+1', '', 1],
  policy: ['enforce', [], 1, null, { mode: 'delete' }, { limits: { maxActions: -1 } }, { unknown: 1 }],
};
const ENTRY: Record<string, readonly unknown[]> = {
  name: LEGACY_TENANT.name!,
  credentialsSecretArn: [undefined, ...LEGACY_TENANT.credentialsSecretArn!],
  localTime: ['25:00', '2am', '02:60', '', 1, null],
  timeZone: LEGACY_TENANT.timeZone!,
  policy: LEGACY_TENANT.policy!,
  enabled: ['yes', 1, null],
  reportEmails: ['a@b.com', ['nope'], [1], Array.from({ length: 51 }, (_, i) => `u${i}@example.com`)],
};

const ACME = { name: 'acme' };
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/credentials/acme';
const generated: BadInputCase[] = [
  ...Object.entries(TOP).flatMap(([field, values]) =>
    values.map((value) => ({ name: `context ${field} = ${label(value)}`, field, run: () => parseStackContext({ [field]: value }) })),
  ),
  ...Object.entries(LEGACY_TENANT).flatMap(([field, values]) =>
    values.map((value) => ({
      name: `cdk.json tenants[0].${field} = ${label(value)}`,
      field: `tenants[0].${field}`,
      run: () => parseLegacyTenants({ context: { tenants: [{ ...ACME, [field]: value }] } }, 'cdk.json'),
    })),
  ),
  ...Object.entries(ENTRY).flatMap(([field, values]) =>
    values.map((value) => ({
      name: `registry entry ${field} = ${label(value)}`,
      field,
      run: () => parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN, [field]: value }, 'tenant acme'),
    })),
  ),
];

const handWritten: BadInputCase[] = [
  { name: 'context unknown key', field: 'tenant', run: () => parseStackContext({ tenant: 'acme' }) },
  { name: 'context reserved below fleet concurrency', field: 'reservedConcurrency', run: () => parseStackContext({ fleetConcurrency: 20, reservedConcurrency: 10 }) },
  { name: 'cdk.json duplicate tenant names', field: 'tenants[1].name', run: () => parseLegacyTenants([ACME, { name: 'ACME' }], 'cdk.json') },
  { name: 'cdk.json hyphen clash', field: 'tenants[1].name', run: () => parseLegacyTenants([{ name: 'a-1' }, { name: 'a1' }], 'cdk.json') },
  { name: 'cdk.json tenant typo', field: 'tenants[0].timezone', run: () => parseLegacyTenants([{ ...ACME, timezone: 'UTC' }], 'cdk.json') },
  { name: 'cdk.json without a tenants list', field: 'tenants', run: () => parseLegacyTenants({ context: {} }, 'cdk.json') },
  { name: 'cdk.json tenant __proto__', field: 'tenants[0].__proto__', run: () => parseLegacyTenants(JSON.parse('{"tenants":[{"name":"a","__proto__":{"polluted":true}}]}'), 'cdk.json') },
  { name: 'registry entry typo', field: 'timezone', run: () => parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN, timezone: 'UTC' }) },
  { name: 'registry entry policy __proto__', field: 'policy.__proto__', run: () => parseTenantEntry(JSON.parse(`{"name":"a","credentialsSecretArn":"${ARN}","policy":{"__proto__":{"polluted":true}}}`)) },
];

export const stackContextCases: readonly BadInputCase[] = [...generated, ...handWritten];
