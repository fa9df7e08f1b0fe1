import { describe, expect, it } from 'vitest';
import { clientRequestToken } from '../../../lambdas/adapters/secret-store/client-request-token.js';

describe('clientRequestToken', () => {
  it('derives the same UUID-shaped token from the same idempotency token', () => {
    const token = clientRequestToken('2c9180835d2e5168015d32f890ca1581');
    expect(token).toBe(clientRequestToken('2c9180835d2e5168015d32f890ca1581'));
    expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(token.length).toBeLessThanOrEqual(64);
  });

  it('derives different tokens from different idempotency tokens', () => {
    expect(clientRequestToken('a')).not.toBe(clientRequestToken('b'));
  });

  it('refuses an empty idempotency token', () => {
    expect(() => clientRequestToken('')).toThrow(/idempotency token is required/);
  });
});
