import { loadSpec } from './spec/load-spec.js';
import type { SpecVersion } from './spec/spec-types.js';

/**
 * When a PAT expires, by version. Up to v2024 (and beta) a PAT expires at most 6 months after
 * its creation, 6 months when not told otherwise. From v2025 (and on v1) any future date goes,
 * and no date at all means never, which the caller must acknowledge with
 * `userAwareTokenNeverExpires: true`. Which rule a version follows is read from the spec: the
 * versions whose create request has `userAwareTokenNeverExpires`.
 */
export function allowsNeverExpiring(version: SpecVersion): boolean {
  const properties = loadSpec().operation(version, 'createPersonalAccessToken').requestBody?.schema.properties ?? {};
  return Object.hasOwn(properties, 'userAwareTokenNeverExpires');
}

/** Six calendar months later in UTC, on the last day of the month when that day does not exist. */
export function sixMonthsAfter(iso: string): string {
  const date = new Date(iso);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 6, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString();
}

export type ExpirationChoice = { ok: true; expirationDate: string | null } | { ok: false; message: string };

/** The expiration a create request asks for, checked against the version's rule; `created` is now. */
export function chooseExpiration(version: SpecVersion, requested: string | null | undefined, neverAcknowledged: boolean, created: string): ExpirationChoice {
  if (allowsNeverExpiring(version)) {
    if (requested === null || requested === undefined) {
      return neverAcknowledged
        ? { ok: true, expirationDate: null }
        : { ok: false, message: 'expirationDate is missing or null: a token that never expires needs userAwareTokenNeverExpires: true.' };
    }
    return Date.parse(requested) > Date.parse(created) ? { ok: true, expirationDate: requested } : { ok: false, message: `expirationDate ${requested} is not in the future.` };
  }
  const limit = sixMonthsAfter(created);
  const chosen = requested ?? limit;
  if (Date.parse(chosen) <= Date.parse(created) || Date.parse(chosen) > Date.parse(limit)) {
    return { ok: false, message: `expirationDate ${chosen} must be after now and at most 6 months after creation (${limit}).` };
  }
  return { ok: true, expirationDate: chosen };
}
