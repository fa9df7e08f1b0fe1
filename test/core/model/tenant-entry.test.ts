import { describe, expect, it } from 'vitest';
import { parseTenantEntry } from '../../../lambdas/core/model/tenant-entry.js';
import { configErrorOf } from '../../support/config-error-of.js';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';
const errorOf = (raw: unknown) => configErrorOf(() => parseTenantEntry(raw, 'tenant acme'));

describe('parseTenantEntry', () => {
  it('fills the defaults: 02:00 UTC, no policy, enabled, no report emails', () => {
    expect(parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN })).toEqual({
      name: 'acme',
      credentialsSecretArn: ARN,
      localTime: '02:00',
      timeZone: 'UTC',
      policy: {},
      enabled: true,
      reportEmails: [],
    });
  });

  it('keeps a partial policy raw, without the policy defaults', () => {
    expect(parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN, policy: { mode: 'enforce' } }).policy).toEqual({ mode: 'enforce' });
  });

  it('names each bad field with what to do, as the stack context did', () => {
    const error = errorOf({ name: 'acme corp', credentialsSecretArn: 'isc/acme', localTime: '25:00', timeZone: 'Mars/Base', enabled: 'yes', reportEmails: ['x'] });
    expect([...error.fields].sort()).toEqual(['credentialsSecretArn', 'enabled', 'localTime', 'name', 'reportEmails[0]', 'timeZone']);
    expect(error.message).toContain('timeZone: "Mars/Base" is not an IANA time zone');
    expect(error.message).toContain('localTime: "25:00" is not a time of day; use HH:MM between 00:00 and 23:59');
    expect(error.message).toMatch(/^Invalid tenant acme: /);
  });

  it('names invalid and unknown policy fields inside the entry', () => {
    const error = errorOf({ name: 'acme', credentialsSecretArn: ARN, policy: { mode: 'delete-all', limits: { maxFractio: 1 } } });
    expect([...error.fields].sort()).toEqual(['policy.limits.maxFractio', 'policy.mode']);
  });

  it('refuses an unknown field, a missing ARN and a forbidden key', () => {
    expect(errorOf({ name: 'acme', credentialsSecretArn: ARN, timezone: 'UTC' }).fields).toEqual(['timezone']);
    expect(errorOf({ name: 'acme' }).message).toContain('credentialsSecretArn: is required');
    expect(errorOf(JSON.parse('{"name":"acme","credentialsSecretArn":"x","policy":{"__proto__":{}}}')).fields).toEqual(['policy.__proto__']);
  });
});
