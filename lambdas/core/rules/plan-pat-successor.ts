import type { PersonalAccessToken, PersonalAccessTokenRequest } from '../model/personal-access-token.js';
import { addWholeDays, formatUtcDate } from '../dates.js';

/** Every PAT the janitor makes for itself is named `isc-oauth-janitor-<date>`. */
export const JANITOR_PAT_PREFIX = 'isc-oauth-janitor-';

/**
 * How long a PAT the janitor makes for itself lives: SailPoint's default since 2025 (6 months),
 * counted in whole days so it is inside "at most 6 months" on every API version. The stack
 * rotates every 60 days by default, so a PAT is replaced long before it expires.
 */
export const JANITOR_PAT_LIFETIME_DAYS = 180;

/**
 * The request for the janitor's next PAT: the same identity (ISC creates a PAT for the caller),
 * the same scopes and token lifetime as the current one, a name that says who made it and when,
 * and an explicit expiry (required from API version v2025 on, allowed before). A PAT name must be
 * unique per owner, so a second rotation on the same day gets `-2`, `-3`, ...
 */
export function planPatSuccessor(current: PersonalAccessToken, now: Date, takenNames: ReadonlySet<string>): PersonalAccessTokenRequest {
  const base = `${JANITOR_PAT_PREFIX}${formatUtcDate(now)}`;
  let name = base;
  for (let n = 2; takenNames.has(name); n += 1) name = `${base}-${n}`;
  return {
    name,
    // Null or empty means sp:scopes:all on ISC's side, and so does an omitted scope: same rights.
    ...(current.scope && current.scope.length > 0 ? { scope: [...current.scope] } : {}),
    ...(current.accessTokenValiditySeconds ? { accessTokenValiditySeconds: current.accessTokenValiditySeconds } : {}),
    expirationDate: addWholeDays(now, JANITOR_PAT_LIFETIME_DAYS).toISOString(),
  };
}
