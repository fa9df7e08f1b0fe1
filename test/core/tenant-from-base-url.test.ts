import { describe, expect, it } from 'vitest';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';

/** The CLI's default `--tenant` label. */
describe('tenantFromBaseUrl', () => {
  it.each([
    ['https://acme.api.identitynow.com', 'acme'],
    ['https://ACME.api.identitynow.com/', 'acme'],
    ['https://acme-sb.api.identitynow-demo.com', 'acme-sb'],
    ['http://127.0.0.1:4010', '127.0.0.1'],
    ['https://isc.example.org/proxy', 'isc.example.org'],
    ['not a url', 'unknown'],
  ])('labels %s as %s', (url, label) => {
    expect(tenantFromBaseUrl(url)).toBe(label);
  });
});
