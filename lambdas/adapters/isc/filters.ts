/**
 * The only list filters ISC supports on /oauth-clients: `lastUsed le <ISO>` and `lastUsed isnull`.
 * `IscFilter` is a branded string, so an arbitrary string (an unsupported field or operator)
 * does not type-check as an argument to `list()`: the builder below is the only way to make one.
 */
import type { ListFilter } from '../../core/ports.js';

declare const iscFilterBrand: unique symbol;
export type IscFilter = string & { readonly [iscFilterBrand]: true };

export const filters = {
  /** `lastUsed le 2026-01-02T03:04:05.678Z`: UTC, millisecond ISO 8601. */
  lastUsedLe(date: Date): IscFilter {
    if (Number.isNaN(date.getTime())) throw new RangeError('filters.lastUsedLe: invalid date');
    return `lastUsed le ${date.toISOString()}` as IscFilter;
  },
  /** `lastUsed isnull`: clients that never generated an access token. */
  lastUsedIsNull(): IscFilter {
    return 'lastUsed isnull' as IscFilter;
  },
} as const;

/** The core's filter, spelled in ISC's filter syntax. */
export function iscFilterOf(filter: ListFilter): IscFilter {
  return 'lastUsedLe' in filter ? filters.lastUsedLe(filter.lastUsedLe) : filters.lastUsedIsNull();
}
