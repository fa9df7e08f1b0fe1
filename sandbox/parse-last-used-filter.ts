/**
 * The `filters` query of `GET /oauth-clients` and `GET /personal-access-tokens`. The spec
 * documents exactly two for both, in every version: `lastUsed le <date-time>` (inclusive,
 * compared as instants, so `+02:00` offsets work) and `lastUsed isnull`. A credential that was
 * never used does not match `le`. Anything else is a 400 whose message names the problem, so a
 * client sending a filter ISC ignores or rejects fails loudly in tests too.
 */
export interface LastUsed {
  lastUsed: string | null;
}

export type ParsedFilter =
  | { ok: true; matches: (credential: LastUsed) => boolean }
  | { ok: false; message: string };

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'co', 'sw', 'in', 'isnull', 'pr'];

export function parseLastUsedFilter(filters: string | null): ParsedFilter {
  if (filters === null || filters.trim() === '') return { ok: true, matches: () => true };
  const tokens = filters.trim().split(/\s+/);
  const [field, operator, value, ...rest] = tokens;
  if (field !== 'lastUsed') {
    return fail(`Invalid filter field '${field ?? ''}' in '${filters}': only 'lastUsed' is supported.`);
  }
  if (operator === 'isnull' && value === undefined) {
    return { ok: true, matches: (credential) => credential.lastUsed === null };
  }
  if (operator === 'le' && value !== undefined && rest.length === 0) {
    if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      return fail(`Invalid date-time '${value}' in filter '${filters}': expected ISO 8601, e.g. 2023-02-05T10:59:27.214Z.`);
    }
    const limit = Date.parse(value);
    return { ok: true, matches: (credential) => credential.lastUsed !== null && Date.parse(credential.lastUsed) <= limit };
  }
  if (operator !== undefined && OPERATORS.includes(operator) && operator !== 'le' && operator !== 'isnull') {
    return fail(`Unsupported filter operator '${operator}' for field 'lastUsed': supported are 'le' and 'isnull'.`);
  }
  return fail(`Invalid filter '${filters}': expected 'lastUsed le <date-time>' or 'lastUsed isnull'.`);
}

function fail(message: string): ParsedFilter {
  return { ok: false, message };
}
