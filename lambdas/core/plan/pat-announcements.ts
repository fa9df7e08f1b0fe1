import { parseIsoTime } from '../parse-iso-date.js';

/**
 * When earlier runs announced the deletion of each personal access token: token id -> the start
 * times (epoch ms) of those runs, in no particular order. The report archive is the record; with
 * no archive there is no map, and no token counts as announced.
 */
export type PatAnnouncements = ReadonlyMap<string, readonly number[]>;

/**
 * The announcements archived reports hold: a token listed under `upcoming` as a deletion, or
 * under `actions` as one (a run only plans a deletion it had announced before).
 *
 * Only reports of enforcing runs count. A report-only email tells its readers that nothing will
 * change, so switching a tenant to enforce must not delete on the strength of one; and report
 * mode then previews exactly what an enforcing run would do. Reports are read as untrusted JSON
 * (another version of the janitor may have written them): anything not of the expected shape,
 * or of another tenant, is passed over.
 */
export function announcementsIn(reports: Iterable<unknown>, tenant: string): PatAnnouncements {
  const found = new Map<string, number[]>();
  for (const report of reports) {
    if (!isRecord(report) || report['mode'] !== 'enforce' || report['tenant'] !== tenant) continue;
    const startedAt = typeof report['startedAt'] === 'string' ? parseIsoTime(report['startedAt']) : undefined;
    if (startedAt === undefined) continue;
    for (const list of [report['upcoming'], report['actions']]) {
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (!isRecord(entry) || entry['credential'] !== 'personal-access-token' || entry['action'] !== 'delete') continue;
        const id = entry['clientId'];
        if (typeof id !== 'string' || id === '') continue;
        const times = found.get(id);
        if (times === undefined) found.set(id, [startedAt]);
        else times.push(startedAt);
      }
    }
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
