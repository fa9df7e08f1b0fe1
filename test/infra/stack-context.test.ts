import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../support/config-error-of.js';
import { parseStackContext } from '../../lib/stack-context.js';

const errorOf = (raw: Record<string, unknown>) => configErrorOf(() => parseStackContext(raw));

describe('parseStackContext', () => {
  it('fills every default from nothing: no tenant is needed to deploy', () => {
    expect(parseStackContext({})).toEqual({
      reportEmails: [],
      alarmEmails: [],
      timeoutMinutes: 5,
      fleetConcurrency: 10,
      logRetentionDays: 365,
      rotationSecretPrefix: 'isc-oauth-janitor/clients/',
      credentialsSecretPrefix: 'isc-oauth-janitor/credentials/',
      managedSecretsKmsKey: true,
      archiveRetentionDays: 400,
      archiveLockMode: 'GOVERNANCE',
      archiveComplianceConfirm: false,
      credentialsRotationDays: 60,
      janitorMemoryMb: 512,
    });
  });

  it('accepts the strings `-c key=value` produces', () => {
    const context = parseStackContext({
      reportEmails: 'a@example.com, b@example.com',
      alarmEmails: '["oncall@example.com"]',
      timeoutMinutes: '10',
      fleetConcurrency: '20',
      reservedConcurrency: 'none',
      logRetentionDays: '30',
      credentialsSecretPrefix: 'isc/',
      managedSecretsKmsKey: 'false',
      archiveRetentionDays: '730',
      archiveLockMode: 'COMPLIANCE',
    });
    expect(context).toMatchObject({
      reportEmails: ['a@example.com', 'b@example.com'],
      alarmEmails: ['oncall@example.com'],
      timeoutMinutes: 10,
      fleetConcurrency: 20,
      reservedConcurrency: 'none',
      logRetentionDays: 30,
      credentialsSecretPrefix: 'isc/',
      managedSecretsKmsKey: false,
      archiveRetentionDays: 730,
      archiveLockMode: 'COMPLIANCE',
    });
  });

  it.each([
    [{ archiveRetentionDays: 0 }, 'archiveRetentionDays: must be at least 1 day'],
    [{ archiveRetentionDays: '36501' }, 'archiveRetentionDays: must be at most 36500 days (100 years)'],
    [{ archiveRetentionDays: 1.5 }, 'archiveRetentionDays: must be whole days'],
    [{ archiveLockMode: 'governance' }, 'archiveLockMode: must be "GOVERNANCE" (a privileged principal may still remove a version) or "COMPLIANCE"'],
  ])('names a bad evidence archive setting %j', (context, message) => {
    expect(errorOf(context).message).toContain(message);
  });

  it.each([
    [{ janitorMemoryMb: 128 }, 'janitorMemoryMb: must be at least 256 MB'],
    [{ janitorMemoryMb: '20000' }, 'janitorMemoryMb: must be at most 10240 MB (the Lambda limit)'],
    [{ janitorMemoryMb: 300.5 }, 'janitorMemoryMb: must be whole megabytes'],
    [{ janitorMemoryMb: 'lots' }, 'janitorMemoryMb: must be a number of megabytes, 256-10240'],
  ])('names a bad janitorMemoryMb %j', (context, message) => {
    expect(errorOf(context).message).toContain(message);
    expect(parseStackContext({ janitorMemoryMb: '1024' }).janitorMemoryMb).toBe(1024);
  });

  it('refuses a COMPLIANCE lock over ten years unless archiveComplianceConfirm says yes, and says why', () => {
    const error = errorOf({ archiveRetentionDays: 3651, archiveLockMode: 'COMPLIANCE' });
    expect(error.fields).toEqual(['archiveRetentionDays']);
    expect(error.message).toContain('3651 days in COMPLIANCE mode is more than 3650 days (10 years)');
    expect(error.message).toContain('nobody, not even the account\'s root user, can shorten or lift a COMPLIANCE lock');
    expect(error.message).toContain('add "archiveComplianceConfirm": true to cdk.json');
    expect(errorOf({ archiveRetentionDays: '36500', archiveLockMode: 'COMPLIANCE', archiveComplianceConfirm: 'false' }).fields).toEqual(['archiveRetentionDays']);
    expect(parseStackContext({ archiveRetentionDays: 3650, archiveLockMode: 'COMPLIANCE' }).archiveRetentionDays).toBe(3650);
    expect(parseStackContext({ archiveRetentionDays: '36500', archiveLockMode: 'COMPLIANCE', archiveComplianceConfirm: 'true' }).archiveRetentionDays).toBe(36_500);
    // GOVERNANCE can be lifted by a privileged principal: no confirmation needed.
    expect(parseStackContext({ archiveRetentionDays: 36_500 }).archiveLockMode).toBe('GOVERNANCE');
    expect(errorOf({ archiveComplianceConfirm: 'yes' }).message).toContain('archiveComplianceConfirm: must be true or false');
  });

  it('refuses a tenants list left in cdk.json, pointing to tenants import, whatever the list holds', () => {
    for (const tenants of [[{ name: 'acme' }], Array.from({ length: 1000 }, (_, i) => ({ name: `t${i}` })), [], 'junk']) {
      const error = errorOf({ tenants });
      expect(error.fields).toEqual(['tenants']);
      expect(error.message).toMatch(/^Invalid CDK context: tenants: tenants are no longer deployed from cdk.json; they live in the tenant registry/);
      expect(error.message).toContain('npm run janitor -- tenants import --from cdk.json.old --registry <RegistryTableName>');
      expect(error.message).toContain('Migrating from cdk.json tenants');
    }
  });

  it('names a bad email address', () => {
    expect(errorOf({ reportEmails: ['ok@example.com', 'not-an-email'] }).message).toBe('Invalid CDK context: reportEmails[1]: "not-an-email" is not a valid email address');
    expect(errorOf({ alarmEmails: 'oops' }).fields).toEqual(['alarmEmails[0]']);
  });

  it('refuses fewer reserved executions than tenant runs in flight', () => {
    const error = errorOf({ fleetConcurrency: 20, reservedConcurrency: 10 });
    expect(error.message).toBe('Invalid CDK context: reservedConcurrency: must be at least fleetConcurrency (20), or "none"');
  });

  it('refuses bad JSON, unknown keys, bad prefixes and out-of-range numbers', () => {
    expect(errorOf({ reportEmails: '[not json' }).message).toContain('reportEmails: is text but not valid JSON');
    expect(errorOf({ tenant: 'acme' }).fields).toEqual(['tenant']);
    expect(errorOf({ credentialsSecretPrefix: 'has space' }).fields).toEqual(['credentialsSecretPrefix']);
    expect(errorOf({ timeoutMinutes: 16 }).fields).toEqual(['timeoutMinutes']);
    expect(errorOf({ fleetConcurrency: 41 }).message).toContain('fleetConcurrency: must be at most 40');
    expect(errorOf({ logRetentionDays: 100 }).fields).toEqual(['logRetentionDays']);
    expect(errorOf({ reservedConcurrency: 0 }).fields).toEqual(['reservedConcurrency']);
    expect(errorOf({ managedSecretsKmsKey: 'yes' }).fields).toEqual(['managedSecretsKmsKey']);
  });
});
