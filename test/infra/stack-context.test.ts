import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../support/config-error-of.js';
import { parseStackContext } from '../../lib/stack-context.js';

const errorOf = (raw: Record<string, unknown>) => configErrorOf(() => parseStackContext(raw));

describe('parseStackContext', () => {
  it('fills every default from a single tenant name', () => {
    expect(parseStackContext({ tenants: [{ name: 'acme' }] })).toEqual({
      tenants: [{ name: 'acme', schedule: 'cron(0 2 * * ? *)', timeZone: 'UTC' }],
      reportEmails: [],
      alarmEmails: [],
      timeoutMinutes: 5,
      reservedConcurrency: 1,
      logRetentionDays: 90,
      rotationSecretPrefix: 'isc-oauth-janitor/clients/',
      managedSecretsKmsKey: false,
    });
  });

  it('accepts the strings `-c key=value` produces', () => {
    const context = parseStackContext({
      tenants: '[{"name":"acme","schedule":"03:15","timeZone":"Europe/Berlin","policy":{"mode":"enforce"}}]',
      reportEmails: 'a@example.com, b@example.com',
      alarmEmails: '["oncall@example.com"]',
      timeoutMinutes: '10',
      reservedConcurrency: 'none',
      logRetentionDays: '30',
      managedSecretsKmsKey: 'true',
    });
    expect(context).toMatchObject({
      tenants: [{ name: 'acme', schedule: 'cron(15 3 * * ? *)', timeZone: 'Europe/Berlin', policy: { mode: 'enforce' } }],
      reportEmails: ['a@example.com', 'b@example.com'],
      alarmEmails: ['oncall@example.com'],
      timeoutMinutes: 10,
      reservedConcurrency: 'none',
      logRetentionDays: 30,
      managedSecretsKmsKey: true,
    });
  });

  it('passes the tenant policy through raw, without defaults', () => {
    const context = parseStackContext({ tenants: [{ name: 'acme', policy: { rotation: { enabled: true } } }] });
    expect(context.tenants[0]?.policy).toEqual({ rotation: { enabled: true } });
  });

  it('names an unknown tenant field', () => {
    const error = errorOf({ tenants: [{ name: 'acme' }, { name: 'beta', timezone: 'UTC' }] });
    expect(error.fields).toEqual(['tenants[1].timezone']);
    expect(error.message).toBe('Invalid CDK context: tenants[1].timezone: unknown field; remove it or check its spelling');
  });

  it('names a bad cron expression', () => {
    const error = errorOf({ tenants: [{ name: 'acme', schedule: 'cron(0 2 * * *)' }] });
    expect(error.fields).toEqual(['tenants[0].schedule']);
    expect(error.message).toMatch(/tenants\[0\]\.schedule: "cron\(0 2 \* \* \*\)" has 5 fields/);
  });

  it('names a time zone that is not IANA', () => {
    const error = errorOf({ tenants: [{ name: 'acme' }, { name: 'beta', timeZone: 'Mars/Base' }] });
    expect(error.message).toContain('tenants[1].timeZone: "Mars/Base" is not an IANA time zone');
    expect(errorOf({ tenants: [{ name: 'acme', timeZone: '+01:00' }] }).fields).toEqual(['tenants[0].timeZone']);
  });

  it('names a bad email address', () => {
    const error = errorOf({ tenants: [{ name: 'acme' }], reportEmails: ['ok@example.com', 'not-an-email'] });
    expect(error.message).toBe('Invalid CDK context: reportEmails[1]: "not-an-email" is not a valid email address');
    expect(errorOf({ tenants: [{ name: 'acme' }], alarmEmails: 'oops' }).fields).toEqual(['alarmEmails[0]']);
  });

  it('names invalid policy fields inside a tenant', () => {
    const error = errorOf({ tenants: [{ name: 'acme', policy: { mode: 'delete-all', limits: { maxFractio: 1 } } }] });
    expect([...error.fields].sort()).toEqual(['tenants[0].policy.limits.maxFractio', 'tenants[0].policy.mode']);
  });

  it('refuses duplicate tenant names, including ones equal without hyphens', () => {
    expect(errorOf({ tenants: [{ name: 'acme' }, { name: 'acme' }] }).fields).toEqual(['tenants[1].name']);
    expect(errorOf({ tenants: [{ name: 'a-1' }, { name: 'a1' }] }).message).toContain('"a1" clashes with tenants[0].name');
  });

  it('refuses a tenant rotation prefix outside the stack prefix the function may write', () => {
    const error = errorOf({ tenants: [{ name: 'acme', policy: { rotation: { secretPrefix: 'elsewhere/' } } }] });
    expect(error.fields).toEqual(['tenants[0].policy.rotation.secretPrefix']);
  });

  it('refuses missing tenants, bad JSON, unsafe names, bad ARNs and out-of-range numbers', () => {
    expect(errorOf({}).fields).toEqual(['tenants']);
    expect(errorOf({ tenants: '[{"name":' }).message).toContain('tenants: is text but not valid JSON');
    expect(errorOf({ tenants: [] }).message).toContain('tenants: needs at least one tenant');
    expect(errorOf({ tenants: [{ name: 'acme corp' }] }).fields).toEqual(['tenants[0].name']);
    expect(errorOf({ tenants: [{ name: 'acme', credentialsSecretArn: 'isc/acme' }] }).fields).toEqual(['tenants[0].credentialsSecretArn']);
    expect(errorOf({ tenants: [{ name: 'acme' }], timeoutMinutes: 16 }).fields).toEqual(['timeoutMinutes']);
    expect(errorOf({ tenants: [{ name: 'acme' }], logRetentionDays: 100 }).fields).toEqual(['logRetentionDays']);
    expect(errorOf({ tenants: [{ name: 'acme' }], reservedConcurrency: 0 }).fields).toEqual(['reservedConcurrency']);
    expect(errorOf({ tenants: [{ name: 'acme' }], managedSecretsKmsKey: 'yes' }).fields).toEqual(['managedSecretsKmsKey']);
  });
});
