import { describe, expect, it } from 'vitest';
import { oauthClientSchema } from '../../lambdas/adapters/isc/oauth-client-schemas.js';
import { seedTenant, staleTenant } from '../../sandbox/seed-tenant.js';
import { FIXED_NOW } from './sandbox-http-client.js';

const DAY = 86_400_000;
const age = (iso: string): number => (FIXED_NOW.getTime() - Date.parse(iso)) / DAY;

describe('seedTenant', () => {
  it('is deterministic for the same inputs and differs for another seed', () => {
    const a = seedTenant({ count: 40, seed: 9, now: FIXED_NOW });
    expect(seedTenant({ count: 40, seed: 9, now: FIXED_NOW })).toEqual(a);
    expect(seedTenant({ count: 40, seed: 10, now: FIXED_NOW })).not.toEqual(a);
  });

  it('produces valid clients with unique 32-hex ids and consistent timestamps', () => {
    const clients = seedTenant({ count: 200, seed: 1, now: FIXED_NOW });
    expect(new Set(clients.map((c) => c.id)).size).toBe(200);
    expect(new Set(clients.map((c) => c.name)).size).toBe(200);
    for (const client of clients) {
      oauthClientSchema.parse(client);
      expect(client.id).toMatch(/^[0-9a-f]{32}$/);
      expect(client.secret).toBeNull();
      expect(Date.parse(client.created)).toBeLessThanOrEqual(Date.parse(client.modified));
      expect(Date.parse(client.modified)).toBeLessThanOrEqual(FIXED_NOW.getTime());
      if (client.lastUsed !== null) expect(Date.parse(client.lastUsed)).toBeGreaterThanOrEqual(Date.parse(client.created));
      if (!client.enabled && client.lastUsed !== null) expect(Date.parse(client.lastUsed)).toBeLessThanOrEqual(Date.parse(client.modified));
    }
  });

  it('spreads 20 clients over every kind a real tenant has', () => {
    const clients = seedTenant({ count: 20, seed: 5, now: FIXED_NOW });
    const used = clients.filter((c) => c.enabled && !c.internal && c.lastUsed !== null).map((c) => age(c.lastUsed as string));
    expect(used.some((d) => d < 30)).toBe(true);
    expect(used.some((d) => d >= 30 && d < 90)).toBe(true);
    expect(used.some((d) => d >= 90 && d < 180)).toBe(true);
    expect(used.some((d) => d > 180)).toBe(true);
    const never = clients.filter((c) => c.lastUsed === null);
    expect(never.some((c) => age(c.created) > 90)).toBe(true);
    expect(never.some((c) => age(c.created) < 30)).toBe(true);
    const disabled = clients.filter((c) => !c.enabled);
    expect(disabled.some((c) => age(c.modified) > 100)).toBe(true);
    expect(disabled.some((c) => age(c.modified) < 30)).toBe(true);
    expect(clients.some((c) => c.internal)).toBe(true);
    expect(clients.some((c) => c.scope?.includes('sp:scopes:all'))).toBe(true);
  });
});

describe('staleTenant', () => {
  it('makes count enabled clients all unused for more than 200 days, deterministically', () => {
    const clients = staleTenant({ count: 500, seed: 3, now: FIXED_NOW });
    expect(clients).toHaveLength(500);
    expect(staleTenant({ count: 500, seed: 3, now: FIXED_NOW })).toEqual(clients);
    for (const client of clients) {
      expect(client.enabled).toBe(true);
      expect(age(client.lastUsed as string)).toBeGreaterThan(200);
    }
  });
});
