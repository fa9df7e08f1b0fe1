import { describe, expect, it } from 'vitest';
import { legacySecretName, localTimeOfSchedule, parseLegacyTenants } from '../../lib/legacy-tenants.js';
import { configErrorOf } from '../support/config-error-of.js';

const errorOf = (document: unknown) => configErrorOf(() => parseLegacyTenants(document, 'cdk.json'));

describe('parseLegacyTenants', () => {
  it('reads the tenants of an old cdk.json, a {tenants} document or a bare list, with the old defaults', () => {
    const expected = [{ name: 'acme', schedule: 'cron(0 2 * * ? *)', timeZone: 'UTC' }];
    expect(parseLegacyTenants({ context: { tenants: [{ name: 'acme' }], reportEmails: [] } }, 'cdk.json')).toEqual(expected);
    expect(parseLegacyTenants({ tenants: [{ name: 'acme' }] }, 'tenants.json')).toEqual(expected);
    expect(parseLegacyTenants([{ name: 'acme' }], 'tenants.json')).toEqual(expected);
  });

  it('names each bad field as the stack context did', () => {
    const error = errorOf({ context: { tenants: [{ name: 'acme' }, { name: 'beta', timeZone: 'Mars/Base', schedule: 'cron(0 2 * * *)' }] } });
    expect([...error.fields].sort()).toEqual(['tenants[1].schedule', 'tenants[1].timeZone']);
    expect(error.message).toContain('tenants[1].timeZone: "Mars/Base" is not an IANA time zone');
    expect(error.message).toMatch(/tenants\[1\]\.schedule: "cron\(0 2 \* \* \*\)" has 5 fields/);
    expect(errorOf([{ name: 'a-1' }, { name: 'a1' }]).message).toContain('"a1" clashes with tenants[0].name');
    expect(errorOf({ context: {} }).message).toMatch(/^Invalid cdk.json: no tenants list/);
  });
});

describe('localTimeOfSchedule', () => {
  it('turns a daily cron into a local time and refuses one that skips days', () => {
    expect(localTimeOfSchedule('cron(0 2 * * ? *)')).toBe('02:00');
    expect(localTimeOfSchedule('cron(15 3 * * ? *)')).toBe('03:15');
    expect(localTimeOfSchedule('cron(30 1 ? * MON-FRI *)')).toBeUndefined();
    expect(localTimeOfSchedule('cron(0 */6 * * ? *)')).toBeUndefined();
  });
});

describe('legacySecretName', () => {
  it('is the secret earlier stacks created for a tenant without credentialsSecretArn', () => {
    expect(legacySecretName('acme')).toBe('isc-oauth-janitor/credentials/acme');
  });
});
