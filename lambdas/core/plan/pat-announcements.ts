import { DAY_MS } from '../dates.js';
import { parseIsoTime } from '../parse-iso-date.js';

/**
 * When earlier runs announced the deletion of each personal access token: token id -> the
 * instants of those announcements (epoch ms), in no particular order. The report archive is the
 * record; with no archive there is no map, and no token counts as announced.
 */
export type PatAnnouncements = ReadonlyMap<string, readonly number[]>;

/**
 * The announcements in archived report lines: a token listed under `upcoming` as a deletion, or
 * under `actions` as one (a run only plans a token's deletion it had announced before, so an
 * action line keeps the announcement on record while a report-only tenant plans it night after
 * night). Every run counts, whatever its mode: its report named the token and the day.
 *
 * An announcement counts from the start of its run's UTC day (the archive's partition), not its
 * time: ISC updates `lastUsed` at most once a day, so a token used on the day it was announced
 * may have been used after the announcement without a later `lastUsed` to show it. A use that day
 * therefore voids the announcement (the safe side).
 *
 * Lines are read as untrusted JSON (another version of the janitor may have written them):
 * anything not of the expected shape, or of another tenant, is passed over.
 */
export function announcementsIn(lines: Iterable<unknown>, tenant: string): PatAnnouncements {
  const found = new Map<string, number[]>();
  for (const line of lines) {
    if (!isRecord(line) || line['tenant'] !== tenant) continue;
    if (line['credential'] !== 'personal-access-token' || line['action'] !== 'delete') continue;
    const id = line['clientId'];
    const date = line['date'];
    if (typeof id !== 'string' || id === '' || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const day = parseIsoTime(date);
    if (day === undefined || day % DAY_MS !== 0) continue;
    const times = found.get(id);
    if (times === undefined) found.set(id, [day]);
    else times.push(day);
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
