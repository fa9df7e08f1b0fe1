import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { managedSecretName } from '../../lambdas/core/secret-name.js';

const PREFIX = 'isc-oauth-janitor/clients/';

describe('managedSecretName', () => {
  it('builds {prefix}{tenant}/{slug}', () => {
    expect(managedSecretName(PREFIX, 'acme', 'Payroll Export (prod)')).toBe('isc-oauth-janitor/clients/acme/payroll-export-prod');
  });

  it('folds accents and collapses other characters to single hyphens', () => {
    expect(managedSecretName(PREFIX, 'Acme Corp', '  Café -- Reporting!! ✓ ')).toBe('isc-oauth-janitor/clients/acme-corp/cafe-reporting');
  });

  it('falls back to "client" when nothing is left of the name', () => {
    expect(managedSecretName(PREFIX, 'acme', '✓✓✓')).toBe('isc-oauth-janitor/clients/acme/client');
  });

  it('caps the slug at 100 characters without a trailing hyphen', () => {
    const slug = managedSecretName(PREFIX, 'acme', `${'a'.repeat(99)} b`).split('/').at(-1) ?? '';
    expect(slug).toBe('a'.repeat(99));
  });

  it('refuses a prefix with characters Secrets Manager does not allow', () => {
    expect(() => managedSecretName('bad prefix/', 'acme', 'x')).toThrow(/rotation\.secretPrefix/);
  });

  it('always yields a valid Secrets Manager name with a short, non-empty slug', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 50 }), (name, tenant) => {
        const result = managedSecretName(PREFIX, tenant, name);
        const slug = result.slice(result.lastIndexOf('/') + 1);
        expect(result).toMatch(/^[A-Za-z0-9/_+=.@-]{1,512}$/);
        expect(slug).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/);
        expect(managedSecretName(PREFIX, tenant, name)).toBe(result);
      }),
    );
  });
});
