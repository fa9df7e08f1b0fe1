import { parseStackContext } from '../../lib/stack-context.js';
import { label, WRONG, HUGE, type BadInputCase } from './bad-input-case.js';

/** CDK context (cdk.json or `-c key=value`): top-level keys and per-tenant fields. */
const TOP: Record<string, readonly unknown[]> = {
  tenants: [undefined, '', '[not json', '[]', [], 'acme', 1, null, {}],
  reportEmails: ['not-an-email', 'a@b.com,nope', ['x'], [1], Array.from({ length: 51 }, (_, i) => `u${i}@example.com`)],
  alarmEmails: ['@', [null]],
  timeoutMinutes: ['16', 16, 0, 'five', 1.5, null, true],
  reservedConcurrency: [0, -1, 'all', null, 1.5],
  logRetentionDays: [2, '2', 0, 'forever', null],
  rotationSecretPrefix: ['', 'bad prefix', HUGE, 1],
  managedSecretsKmsKey: ['yes', 1, null],
};
const TENANT: Record<string, readonly unknown[]> = {
  name: [undefined, '', '-acme', 'acme-', 'has space', 'x'.repeat(41), ...WRONG.string],
  credentialsSecretArn: ['secret', 'arn:aws:s3:::bucket', '', 1],
  schedule: ['whenever', '25:00', 'cron(', 1, null],
  timeZone: ['Mars/Base', '+01:00', 'UTC+1', '', 1],
  policy: ['enforce', [], 1, null, { mode: 'delete' }, { limits: { maxActions: -1 } }, { unknown: 1 }],
};
const NESTED_FIELD: Record<string, string> = { policy: 'tenants[0].policy' };

const ACME = { name: 'acme' };
const generated: BadInputCase[] = [
  ...Object.entries(TOP).flatMap(([field, values]) =>
    values.map((value) => ({
      name: `context ${field} = ${label(value)}`,
      field,
      run: () => parseStackContext(value === undefined ? {} : { tenants: [ACME], [field]: value }),
    })),
  ),
  ...Object.entries(TENANT).flatMap(([field, values]) =>
    values.map((value) => ({
      name: `context tenants[0].${field} = ${label(value)}`,
      field: NESTED_FIELD[field] ?? `tenants[0].${field}`,
      run: () => parseStackContext({ tenants: [{ ...ACME, [field]: value }] }),
    })),
  ),
];

const handWritten: BadInputCase[] = [
  { name: 'context duplicate tenant names', field: 'tenants[1].name', run: () => parseStackContext({ tenants: [ACME, { name: 'ACME' }] }) },
  { name: 'context hyphen clash', field: 'tenants[1].name', run: () => parseStackContext({ tenants: [{ name: 'a-1' }, { name: 'a1' }] }) },
  { name: 'context tenant typo', field: 'tenants[0].timezone', run: () => parseStackContext({ tenants: [{ ...ACME, timezone: 'UTC' }] }) },
  { name: 'context unknown key', field: 'tenant', run: () => parseStackContext({ tenants: [ACME], tenant: 'acme' }) },
  {
    name: 'context secretPrefix outside the stack prefix',
    field: 'tenants[0].policy.rotation.secretPrefix',
    run: () => parseStackContext({ tenants: [{ ...ACME, policy: { rotation: { secretPrefix: 'other/' } } }] }),
  },
  { name: 'context tenant __proto__', field: 'tenants[0].__proto__', run: () => parseStackContext(JSON.parse('{"tenants":[{"name":"a","__proto__":{"polluted":true}}]}')) },
  { name: 'context tenants JSON text with __proto__', field: 'tenants[0].__proto__', run: () => parseStackContext({ tenants: '[{"name":"a","__proto__":{"polluted":true}}]' }) },
];

export const stackContextCases: readonly BadInputCase[] = [...generated, ...handWritten];
