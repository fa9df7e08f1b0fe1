import { mulberry32 } from './mulberry32.js';
import { BUSINESS_NAMES, CLIENT_NAMES, INTERNAL_NAMES, SCOPE_SETS } from './seed-catalog.js';
import { hex32, makeSeedClient } from './make-seed-client.js';
import { UNKNOWN_ENUM_VALUES, type SandboxOAuthClient } from './sandbox-wire-types.js';

export interface SeedOptions {
  count: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Ages are relative to this instant. `startSandbox` passes its clock; default real time. */
  now?: Date;
  /**
   * How many of the clients (the first in list order) carry a value outside today's enum lists,
   * in turn a grant type `DEVICE_CODE`, a type `HYBRID` and an access type `SEMI`. Default 0.
   * Nothing else about the tenant changes.
   */
  unknownEnums?: number;
  /**
   * `startSandbox` only: how many personal access tokens the seeded identities own (see
   * seedPats; 12 covers every kind). Default 12.
   */
  pats?: number;
}

/**
 * Kinds of client a real tenant holds, with their weight in every block of 20 clients: with 20 or
 * more clients each kind is present. [minDaysAgo, maxDaysAgo] bound lastUsed (null = never used)
 * and, for disabled ones, `modified`.
 */
type Kind = 'recent' | 'idle30' | 'idle90' | 'stale' | 'neverOld' | 'neverNew' | 'disabledOld' | 'disabledNew' | 'internal';
// Interleaved so that even a handful of clients shows a spread of kinds.
const BLOCK: readonly Kind[] = [
  'recent', 'stale', 'idle30', 'neverOld', 'disabledOld', 'recent', 'idle90', 'internal', 'neverNew', 'recent',
  'idle30', 'stale', 'disabledNew', 'recent', 'neverOld', 'idle90', 'recent', 'idle30', 'stale', 'internal',
];
const LAST_USED_DAYS: Record<Kind, [number, number] | null> = {
  recent: [0, 29], idle30: [30, 89], idle90: [90, 179], stale: [181, 900], neverOld: null, neverNew: null,
  disabledOld: [200, 800], disabledNew: [60, 400], internal: [0, 10],
};

const DAY_MS = 86_400_000;

/** A deterministic, realistic tenant: same options, same clients (ids included). */
export function seedTenant({ count, seed = 1, now = new Date(), unknownEnums = 0 }: SeedOptions): SandboxOAuthClient[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const daysAgo = (min: number, max: number): number => now.getTime() - (min + random() * (max - min)) * DAY_MS;
  const used = new Map<string, number>();
  const clients = Array.from({ length: count }, (_, index): SandboxOAuthClient => {
    const kind = BLOCK[index % BLOCK.length] ?? 'recent';
    const bounds = LAST_USED_DAYS[kind];
    const lastUsed = bounds === null ? null : daysAgo(...bounds);
    const created =
      kind === 'neverNew' ? daysAgo(0, 20) :
      kind === 'neverOld' ? daysAgo(100, 900) :
      Math.min(lastUsed ?? now.getTime(), daysAgo(20, 60)) - random() * 700 * DAY_MS;
    // A disabled client cannot get tokens, so it was disabled (modified) after its last use.
    const modified =
      kind === 'disabledOld' ? Math.max(lastUsed ?? created, daysAgo(120, 600)) :
      kind === 'disabledNew' ? Math.max(lastUsed ?? created, daysAgo(1, 20)) :
      created + random() * ((lastUsed ?? now.getTime()) - created);
    const base = kind === 'internal' ? pick(INTERNAL_NAMES) : pick(CLIENT_NAMES);
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return makeSeedClient({
      id: hex32(random),
      name: seen === 1 ? base : `${base}-${seen}`,
      businessName: pick(BUSINESS_NAMES),
      internal: kind === 'internal',
      enabled: kind !== 'disabledOld' && kind !== 'disabledNew',
      scope: [...pick(SCOPE_SETS)],
      created,
      modified,
      lastUsed,
    });
  });
  // Shuffle so list order does not reveal the kinds (Fisher-Yates on the same PRNG).
  for (let i = clients.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [clients[i], clients[j]] = [clients[j] as SandboxOAuthClient, clients[i] as SandboxOAuthClient];
  }
  return clients.map((client, index) => (index < unknownEnums ? withUnknownEnum(client, index) : client));
}

function withUnknownEnum(client: SandboxOAuthClient, index: number): SandboxOAuthClient {
  if (index % 3 === 0) return { ...client, grantTypes: [...client.grantTypes, UNKNOWN_ENUM_VALUES.grantType] };
  if (index % 3 === 1) return { ...client, type: UNKNOWN_ENUM_VALUES.type };
  return { ...client, accessType: UNKNOWN_ENUM_VALUES.accessType };
}

/** `count` enabled clients, all unused for more than 200 days: the worst case for benchmarks. */
export function staleTenant({ count, seed = 1, now = new Date() }: SeedOptions): SandboxOAuthClient[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, index) => {
    const lastUsed = now.getTime() - (201 + random() * 800) * DAY_MS;
    const created = lastUsed - random() * 400 * DAY_MS;
    return makeSeedClient({
      id: hex32(random),
      name: `stale-client-${String(index + 1).padStart(5, '0')}`,
      businessName: null,
      internal: false,
      enabled: true,
      scope: ['sp:scopes:all'],
      created,
      modified: created,
      lastUsed,
    });
  });
}
