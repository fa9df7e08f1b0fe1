import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import { DAY_MS } from '../../lambdas/core/dates.js';
import type { OAuthClient } from '../core/make-client.js';
import { hex32 } from '../../sandbox/make-seed-client.js';
import { makeClient } from '../core/make-client.js';
import type { ChaosRandom } from './chaos-random.js';

/**
 * The state one managed client name can be in when a run starts:
 * - `first`: no secret yet, one enabled client older than maxAgeDays (rotate it);
 * - `twins`: no secret, two enabled clients share the name (nothing, a warning);
 * - `due`: the secret holds a client older than maxAgeDays (rotate it);
 * - `overlap`: rotated less than overlapDays ago, predecessor still enabled (nothing yet);
 * - `retire`: overlap passed, predecessor unused since the rotation (disable it);
 * - `in-use`: overlap passed, a consumer still got a token with the predecessor's secret (warn).
 */
export type ManagedCase = 'first' | 'twins' | 'due' | 'overlap' | 'retire' | 'in-use';
const CASES: readonly ManagedCase[] = ['first', 'first', 'twins', 'due', 'due', 'due', 'overlap', 'retire', 'retire', 'in-use'];

/** One managed name: its clients, what the store and consumers hold, and what the rules say. */
export interface ManagedName {
  readonly name: string;
  readonly kind: ManagedCase;
  readonly clients: readonly OAuthClient[];
  /** Token-endpoint secrets by client id: known to the test, so it can look for leaks and act as a consumer. */
  readonly secrets: Readonly<Record<string, string>>;
  /** The stored secret before the run (baseUrl filled in by the runner), or undefined. */
  readonly stored: Omit<ManagedClientSecret, 'baseUrl'> | undefined;
  /** Clients a consumer gets a token for before the run (with their secret). */
  readonly consumers: readonly string[];
  /** The rules, stated independently of planRotation: the oracle the run is checked against. */
  readonly expect: { readonly rotate?: string; readonly retire?: string; readonly leftover?: string; readonly inUse?: string };
}

const SCOPES = [['idn:sources:read'], ['idn:accounts:read', 'idn:identities:read'], ['sp:scopes:default']];

export function rotationManagedName(
  r: ChaosRandom,
  index: number,
  rotation: { readonly maxAgeDays: number; readonly overlapDays: number },
  now: Date,
): ManagedName {
  const name = `rot-${index}-${r.pick(['deploy', 'payroll', 'sync', 'export'])}`;
  const kind = r.pick(CASES);
  const at = (ms: number) => new Date(Math.floor(ms)).toISOString();
  const hours = (n: number) => n * 3_600_000;
  const config = { name, scope: r.pick(SCOPES), description: `managed ${name}`, accessTokenValiditySeconds: r.pick([600, 750, 900]) };
  const secrets: Record<string, string> = {};
  const client = (created: number, lastUsed: number | null, enabled = true): OAuthClient => {
    const id = hex32(r.next);
    secrets[id] = hex32(r.next) + hex32(r.next);
    return makeClient({ ...config, id, enabled, created: at(created), modified: at(created), lastUsed: lastUsed === null ? null : at(lastUsed) });
  };
  const old = () => now.getTime() - (rotation.maxAgeDays + r.int(0, 40)) * DAY_MS - hours(r.int(1, 20));
  const recent = () => now.getTime() - hours(r.int(1, 48));

  if (kind === 'first' || kind === 'twins') {
    const current = client(old(), recent());
    const twin = kind === 'twins' ? [client(old(), recent())] : [];
    return { name, kind, clients: [current, ...twin], secrets, stored: undefined, consumers: [], expect: kind === 'first' ? { rotate: current.id } : {} };
  }

  // Rotated before: `days` whole days ago (plus some hours), the current client made just before that.
  const days =
    kind === 'due' ? rotation.maxAgeDays + r.int(0, 40) : kind === 'overlap' ? r.int(0, rotation.overlapDays - 1) : rotation.overlapDays + r.int(0, 5);
  const rotatedAt = now.getTime() - days * DAY_MS - hours(r.int(1, 20));
  const current = client(rotatedAt - 60_000, recent());
  const retiredLongAgo = kind === 'due' && r.chance(0.5);
  const predecessor =
    kind === 'due' && !retiredLongAgo
      ? undefined
      : client(rotatedAt - (rotation.maxAgeDays + r.int(0, 200)) * DAY_MS, rotatedAt - hours(r.int(1, 72)), !retiredLongAgo);
  // A successor of a run that crashed after its create: after rotatedAt, at most 11 days old.
  const leftover = r.chance(0.35) ? client(Math.max(rotatedAt + 60_000, now.getTime() - r.int(1, 10) * DAY_MS - hours(r.int(1, 20))), null) : undefined;
  const used = kind === 'in-use' || (kind === 'overlap' && r.chance(0.5));
  const stored = { clientId: current.id, clientSecret: secrets[current.id] ?? '', rotatedAt: at(rotatedAt), previousClientId: predecessor?.id ?? null };
  return {
    name,
    kind,
    clients: [current, ...(predecessor ? [predecessor] : []), ...(leftover ? [leftover] : [])],
    secrets,
    stored,
    consumers: used && predecessor ? [predecessor.id] : [],
    expect: {
      ...(kind === 'due' ? { rotate: current.id } : {}),
      ...(kind === 'retire' && predecessor ? { retire: predecessor.id } : {}),
      ...(kind === 'in-use' && predecessor ? { inUse: predecessor.id } : {}),
      ...(leftover ? { leftover: leftover.id } : {}),
    },
  };
}
