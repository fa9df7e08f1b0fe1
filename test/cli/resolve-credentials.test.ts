import { describe, expect, it } from 'vitest';
import { resolveApiVersion, resolveCredentials } from '../../bin/cli/resolve-credentials.js';
import { isConfigError, type ConfigError } from '../../lambdas/core/config-error.js';

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const flags = { dryRun: false, help: false, example: false, force: false };
const env = { SAIL_BASE_URL: ' https://acme.api.identitynow.com ', SAIL_CLIENT_ID: 'id-1', SAIL_CLIENT_SECRET: 'secret-value-1' };

describe('resolveCredentials', () => {
  it('reads SAIL_* (trimmed)', async () => {
    await expect(resolveCredentials(flags, env).get()).resolves.toEqual({
      baseUrl: 'https://acme.api.identitynow.com',
      clientId: 'id-1',
      clientSecret: 'secret-value-1',
    });
  });

  it('names the missing and blank variables in a ConfigError', () => {
    const error = captureError(() => resolveCredentials(flags, { SAIL_BASE_URL: env.SAIL_BASE_URL, SAIL_CLIENT_ID: '  ' }));
    expect(isConfigError(error)).toBe(true);
    expect(error.message).toContain('set SAIL_CLIENT_ID, SAIL_CLIENT_SECRET');
    expect((error as ConfigError).fields).toEqual(['SAIL_CLIENT_ID', 'SAIL_CLIENT_SECRET']);
  });

  it('never puts the secret in the error when another variable is missing', () => {
    const error = captureError(() => resolveCredentials(flags, { SAIL_CLIENT_SECRET: 'secret-value-1' }));
    expect(error.message).toContain('SAIL_BASE_URL, SAIL_CLIENT_ID');
    expect(error.message).not.toContain('secret-value-1');
  });
});

describe('resolveApiVersion', () => {
  it('prefers --api-version over ISC_API_VERSION, and has no default of its own', () => {
    expect(resolveApiVersion({ ...flags, apiVersion: 'beta' }, { ISC_API_VERSION: 'v2024' })).toBe('beta');
    expect(resolveApiVersion(flags, { ISC_API_VERSION: ' v2024 ' })).toBe('v2024');
    expect(resolveApiVersion(flags, {})).toBeUndefined();
  });

  it('accepts every version the janitor speaks, the per-service v1 and v2026 included', () => {
    for (const version of ['v3', 'beta', 'v2024', 'v2025', 'v2026', 'v1']) {
      expect(resolveApiVersion({ ...flags, apiVersion: version }, {})).toBe(version);
      expect(resolveApiVersion(flags, { ISC_API_VERSION: version })).toBe(version);
    }
  });

  it('rejects an unknown version, naming where it came from', () => {
    expect(() => resolveApiVersion(flags, { ISC_API_VERSION: 'v2' })).toThrow('Invalid ISC_API_VERSION: must be one of v3, beta, v2024, v2025, v2026, v1');
    expect(() => resolveApiVersion({ ...flags, apiVersion: 'V1' }, {})).toThrow('Invalid --api-version');
  });
});
