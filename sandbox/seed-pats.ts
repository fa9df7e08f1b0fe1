import { hex32 } from './make-seed-client.js';
import { mulberry32 } from './mulberry32.js';
import { sixMonthsAfter } from './pat-expiration.js';
import { IDENTITY_NAMES, PAT_NAMES, PAT_SCOPE_SETS, WORKFLOW_PAT_NAMES } from './seed-catalog.js';
import type { SandboxIdentity, SandboxPersonalAccessToken } from './sandbox-wire-types.js';

export interface SeedPatsOptions {
  count: number;
  /** PRNG seed. Default 1. The PATs use their own stream: seeding PATs never changes the seeded clients. */
  seed?: number;
  now?: Date;
}

export interface SeededPats {
  identities: SandboxIdentity[];
  pats: SandboxPersonalAccessToken[];
}

/**
 * Kinds of PAT a tenant holds, with their weight in every block of 12. Old-style tokens expire 6
 * months after creation; `neverExpires` ones are v2025-style (null expiration), `managed` ones
 * were made by Workflows. Ages are days before `now`.
 */
type Kind = 'recent' | 'stale' | 'staleLegacy' | 'neverUsedOld' | 'neverUsedNew' | 'expiringSoon' | 'neverExpires' | 'managed' | 'managedStale';
const BLOCK: readonly Kind[] = [
  'recent', 'stale', 'managed', 'neverUsedOld', 'expiringSoon', 'staleLegacy',
  'recent', 'neverExpires', 'neverUsedNew', 'managedStale', 'stale', 'recent',
];
const DAY_MS = 86_400_000;

/** A deterministic set of identities and their PATs: same options, same tokens (ids included). */
export function seedPats({ count, seed = 1, now = new Date() }: SeedPatsOptions): SeededPats {
  const random = mulberry32((seed ^ 0x5eed9a75) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const iso = (ms: number): string => new Date(Math.floor(ms)).toISOString();
  const identities = IDENTITY_NAMES.map((name) => ({ id: hex32(random), name }));
  const names = new Map<string, number>();
  const pats = Array.from({ length: count }, (_, index): SandboxPersonalAccessToken => {
    const kind = BLOCK[index % BLOCK.length] ?? 'recent';
    const owner = identities[index % identities.length] as SandboxIdentity;
    const managed = kind === 'managed' || kind === 'managedStale';
    const base = managed ? pick(WORKFLOW_PAT_NAMES) : pick(PAT_NAMES);
    const key = `${owner.id} ${base}`;
    const seen = (names.get(key) ?? 0) + 1;
    names.set(key, seen);
    const facts = patFacts(kind, random, now.getTime());
    const scope = kind === 'neverExpires' || kind === 'staleLegacy' ? ['sp:scopes:all'] : [...pick(PAT_SCOPE_SETS)];
    return {
      id: hex32(random),
      name: seen === 1 ? base : `${base} (${seen})`,
      scope,
      owner: { type: 'IDENTITY', id: owner.id, name: owner.name },
      created: iso(facts.created),
      lastUsed: facts.lastUsed === null ? null : iso(facts.lastUsed),
      managed,
      accessTokenValiditySeconds: 43200,
      expirationDate: facts.expiration === null ? null : iso(facts.expiration),
      userAwareTokenNeverExpires: facts.expiration === null,
    };
  });
  return { identities, pats };
}

interface PatFacts {
  created: number;
  lastUsed: number | null;
  /** Null: never expires. */
  expiration: number | null;
}

/** Old-style tokens expire 6 months after creation and were created less than that ago. */
function patFacts(kind: Kind, random: () => number, now: number): PatFacts {
  const daysAgo = (min: number, max: number): number => now - (min + random() * (max - min)) * DAY_MS;
  const sixMonths = (created: number): PatFacts['expiration'] => Date.parse(sixMonthsAfter(new Date(Math.floor(created)).toISOString()));
  switch (kind) {
    case 'recent': {
      const created = daysAgo(30, 170);
      return { created, lastUsed: Math.max(created, daysAgo(0, 20)), expiration: sixMonths(created) };
    }
    case 'stale': {
      const lastUsed = daysAgo(95, 160);
      const created = lastUsed - (1 + random() * 14) * DAY_MS;
      return { created, lastUsed, expiration: sixMonths(created) };
    }
    case 'staleLegacy':
      return { created: daysAgo(600, 900), lastUsed: daysAgo(200, 500), expiration: null };
    case 'neverUsedOld': {
      const created = daysAgo(45, 170);
      return { created, lastUsed: null, expiration: sixMonths(created) };
    }
    case 'neverUsedNew': {
      const created = daysAgo(0, 10);
      return { created, lastUsed: null, expiration: sixMonths(created) };
    }
    case 'expiringSoon': {
      // Expires in 1 to 13 days; created 180 days before that, inside the 6-month limit.
      const expiration = now + (1 + random() * 12) * DAY_MS;
      return { created: expiration - 180 * DAY_MS, lastUsed: daysAgo(0, 5), expiration };
    }
    case 'neverExpires':
      return { created: daysAgo(200, 500), lastUsed: daysAgo(0, 7), expiration: null };
    case 'managed':
      return { created: daysAgo(100, 600), lastUsed: daysAgo(0, 3), expiration: null };
    case 'managedStale':
      return { created: daysAgo(400, 800), lastUsed: daysAgo(200, 380), expiration: null };
  }
}
