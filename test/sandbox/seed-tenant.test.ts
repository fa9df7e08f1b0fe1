import { describe, expect, it } from 'vitest';
import { sixMonthsAfter } from '../../sandbox/pat-expiration.js';
import { seedPats } from '../../sandbox/seed-pats.js';
import { seedTenant, staleTenant } from '../../sandbox/seed-tenant.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
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
    expect(new SpecValidator().response('v2026', 'listOauthClients', 200, clients)).toEqual({ valid: true });
    expect(new Set(clients.map((c) => c.id)).size).toBe(200);
    expect(new Set(clients.map((c) => c.name)).size).toBe(200);
    for (const client of clients) {
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

describe('seedPats', () => {
  const days = (iso: string | null): number => (iso === null ? Number.NaN : (Date.parse(iso) - FIXED_NOW.getTime()) / DAY);

  it('is deterministic and independent of the client stream', () => {
    expect(seedPats({ count: 24, seed: 9, now: FIXED_NOW })).toEqual(seedPats({ count: 24, seed: 9, now: FIXED_NOW }));
    expect(seedPats({ count: 24, seed: 10, now: FIXED_NOW }).pats).not.toEqual(seedPats({ count: 24, seed: 9, now: FIXED_NOW }).pats);
  });

  it('gives 12 PATs every kind the janitor governs: owners, managed, stale, never used, expiring soon, never expiring', () => {
    const { identities, pats } = seedPats({ count: 12, seed: 5, now: FIXED_NOW });
    expect(new SpecValidator().response('v2025', 'listPersonalAccessTokens', 200, pats)).toEqual({ valid: true });
    expect(new Set(pats.map((pat) => pat.owner.id)).size).toBe(6);
    expect(pats.every((pat) => identities.some((identity) => identity.id === pat.owner.id && identity.name === pat.owner.name))).toBe(true);
    expect(new Set(pats.map((pat) => pat.id)).size).toBe(12);
    expect(pats.filter((pat) => pat.managed)).toHaveLength(2);
    expect(pats.some((pat) => pat.managed && -days(pat.lastUsed) > 180)).toBe(true);
    expect(pats.filter((pat) => !pat.managed && -days(pat.lastUsed) > 90).length).toBeGreaterThanOrEqual(3);
    expect(pats.filter((pat) => pat.lastUsed === null)).toHaveLength(2);
    expect(pats.some((pat) => days(pat.expirationDate) >= 1 && days(pat.expirationDate) <= 13)).toBe(true);
    expect(pats.filter((pat) => pat.expirationDate === null && !pat.managed)).toHaveLength(2);
    expect(pats.some((pat) => pat.scope?.includes('sp:scopes:all'))).toBe(true);
    for (const pat of pats) {
      // Nothing has expired yet, and old-style tokens expire at most 6 months after creation.
      if (pat.expirationDate !== null) {
        expect(days(pat.expirationDate)).toBeGreaterThan(0);
        expect(Date.parse(pat.expirationDate)).toBeLessThanOrEqual(Date.parse(sixMonthsAfter(pat.created)));
      }
      expect(pat.userAwareTokenNeverExpires).toBe(pat.expirationDate === null);
      if (pat.lastUsed !== null) expect(Date.parse(pat.lastUsed)).toBeGreaterThanOrEqual(Date.parse(pat.created));
    }
  });
});

describe('sixMonthsAfter', () => {
  it('adds six calendar months in UTC and clamps to the end of a shorter month', () => {
    expect(sixMonthsAfter('2026-01-30T12:00:00.000Z')).toBe('2026-07-30T12:00:00.000Z');
    expect(sixMonthsAfter('2025-08-31T23:30:00.000Z')).toBe('2026-02-28T23:30:00.000Z');
    expect(sixMonthsAfter('2027-08-31T00:00:00.000Z')).toBe('2028-02-29T00:00:00.000Z');
  });
});
