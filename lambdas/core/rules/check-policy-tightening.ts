import type { Policy } from '../model/policy.js';

/** One field of a candidate policy that would let the janitor do more than its ceiling allows. */
export interface PolicyLoosening {
  /** Dotted policy path, e.g. `limits.maxActions`. */
  readonly field: string;
  /** What the candidate changes, in words: `raises it from 50 to 100000`. */
  readonly reason: string;
}

export type TighteningVerdict =
  | { readonly verdict: 'tightens'; readonly loosenings: readonly [] }
  | { readonly verdict: 'loosens'; readonly loosenings: readonly PolicyLoosening[] };

/** Why `candidate` is looser than `ceiling` for one field, or undefined when it is not. */
type Compare<T> = (ceiling: T, candidate: T) => string | undefined;

/**
 * One comparison per policy field. The type makes the table total: a field added to the policy
 * without saying which way is "looser" does not compile.
 */
type Comparisons<T> = {
  readonly [K in keyof T]-?: T[K] extends readonly unknown[] | string | number | boolean | null ? Compare<T[K]> : Comparisons<T[K]>;
};

/** A waiting time or threshold: shorter means the janitor acts sooner. */
const noShorter: Compare<number> = (ceiling, candidate) => (candidate < ceiling ? `shortens it from ${ceiling} to ${candidate} days` : undefined);

/** A limit: higher means more may change at once. */
const noHigher: Compare<number> = (ceiling, candidate) => (candidate > ceiling ? `raises it from ${ceiling} to ${candidate}` : undefined);

/** A switch that lets the janitor do more when turned on. */
const staysOff: Compare<boolean> = (ceiling, candidate) => (!ceiling && candidate ? 'turns it on' : undefined);

/** A switch that protects when on (an exemption). */
const staysOn: Compare<boolean> = (ceiling, candidate) => (ceiling && !candidate ? 'turns it off' : undefined);

/**
 * A protective list (exemptions, forbidden scopes): entries may be added, none removed. The
 * values are not echoed (a pasted secret must not travel into an error); the count says enough.
 */
const keepsEvery: Compare<readonly string[]> = (ceiling, candidate) => {
  const removed = ceiling.filter((entry) => !candidate.includes(entry)).length;
  return removed === 0 ? undefined : `removes ${removed} of its ${ceiling.length} entr${ceiling.length === 1 ? 'y' : 'ies'} (a list replaces the whole list: repeat every entry and add yours)`;
};

/** A permissive list (what rotation manages, which scopes may be granted): entries may be removed, none added. */
const addsNone: Compare<readonly string[]> = (ceiling, candidate) => {
  const added = candidate.filter((entry) => !ceiling.includes(entry)).length;
  return added === 0 ? undefined : `adds ${added} entr${added === 1 ? 'y' : 'ies'}`;
};

/** A value that moves what the janitor sees as its own (where managed secrets live): no change either way. */
const unchanged: Compare<string> = (ceiling, candidate) => (candidate === ceiling ? undefined : 'changes it');

const COMPARISONS: Comparisons<Policy> = {
  mode: (ceiling, candidate) => (ceiling === 'report' && candidate === 'enforce' ? 'asks for "enforce" over report mode' : undefined),
  disableAfterDays: noShorter,
  neverUsedDays: noShorter,
  deleteAfterDays: noShorter,
  deleteGraceDays: noShorter,
  warnDays: noShorter,
  exempt: { ids: keepsEvery, names: keepsEvery, internal: staysOn },
  limits: { maxActions: noHigher, maxFraction: noHigher },
  rotation: { enabled: staysOff, maxAgeDays: noShorter, overlapDays: noShorter, secretPrefix: unchanged, names: addsNone },
  pats: {
    enabled: staysOff,
    deleteAfterDays: noShorter,
    neverUsedDays: noShorter,
    warnDays: noShorter,
    exempt: { ids: keepsEvery, names: keepsEvery, ownerIds: keepsEvery },
  },
  creation: {
    forbiddenScopes: keepsEvery,
    // null allows every scope that is not forbidden: looser than any list.
    allowedScopes: (ceiling, candidate) => {
      if (ceiling === null) return undefined;
      if (candidate === null) return 'allows every scope instead of a list';
      return addsNone(ceiling, candidate);
    },
    maxAccessTokenValiditySeconds: (ceiling, candidate) => (candidate > ceiling ? `raises it from ${ceiling} to ${candidate} seconds` : undefined),
    allowInternal: staysOff,
  },
  owners: {
    // Owners from events can make orphans, which orphanStaleDays judges sooner.
    fromAuditEvents: staysOff,
    // A map entry names an owner, so its clients are never orphans: entries may be added, none removed.
    map: (ceiling, candidate) => keepsEvery(ceiling.map((entry) => JSON.stringify(entry)), candidate.map((entry) => JSON.stringify(entry))),
    // Absent: orphans wait as long as every client; any value may only be longer.
    orphanStaleDays: ((ceiling: number | undefined, candidate: number | undefined) => {
      if (candidate === undefined) return undefined;
      if (ceiling === undefined) return `sets it to ${candidate} days where orphans had no shorter threshold`;
      return noShorter(ceiling, candidate);
    }) as never,
    // Notices only tell people: they never change a credential.
    notices: (() => undefined) as never,
  },
};

/**
 * Is `candidate` at most as permissive as `ceiling`, field by field? A policy sent with a run
 * (a cleanup event, `run --policy` on a registered tenant) may only tighten the one deployed for
 * the tenant: report over enforce, more exemptions, lower limits, longer thresholds and grace.
 * Every field that would let the janitor act sooner, on more, or on what is exempt is named.
 */
export function checkPolicyTightening(ceiling: Policy, candidate: Policy): TighteningVerdict {
  const loosenings: PolicyLoosening[] = [];
  compareAll(COMPARISONS as unknown as Record<string, unknown>, ceiling as unknown as Record<string, unknown>, candidate as unknown as Record<string, unknown>, '', loosenings);
  return loosenings.length === 0 ? { verdict: 'tightens', loosenings: [] } : { verdict: 'loosens', loosenings };
}

function compareAll(comparisons: Record<string, unknown>, ceiling: Record<string, unknown>, candidate: Record<string, unknown>, prefix: string, out: PolicyLoosening[]): void {
  for (const [key, comparison] of Object.entries(comparisons)) {
    const field = `${prefix}${key}`;
    if (typeof comparison === 'function') {
      const reason = (comparison as Compare<unknown>)(ceiling[key], candidate[key]);
      if (reason !== undefined) out.push({ field, reason });
    } else {
      compareAll(comparison as Record<string, unknown>, ceiling[key] as Record<string, unknown>, candidate[key] as Record<string, unknown>, `${field}.`, out);
    }
  }
}
