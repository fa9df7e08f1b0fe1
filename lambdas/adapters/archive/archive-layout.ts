import type { ArchivedRun } from '../../core/ports.js';
import type { RunReport } from '../../core/report/run-report.js';

/**
 * The archive's key layout, a contract with the Glue tables (lib/audit-query.ts) and with anyone
 * reading the bucket:
 *
 *   reports/tenant=<tenant>/date=<YYYY-MM-DD>/<reportId>.json      the full RunReport, one line
 *   actions/tenant=<tenant>/date=<YYYY-MM-DD>/<reportId>.ndjson    one RunReport action a line
 *   upcoming/tenant=<tenant>/date=<YYYY-MM-DD>/<reportId>.ndjson   one upcoming (announced) action a line
 *   delivered/tenant=<tenant>/date=<YYYY-MM-DD>/<reportId>.json    the report reached people: how, when
 *
 * Every object is written once and never replaced (S3: `If-None-Match: *`, which the bucket
 * policy requires of the janitor; a directory: a hard link that fails on an existing name). The
 * `delivered` record is written only after the report was published (SNS accepted it), so it
 * exists only for a report people were sent: the announcements a token deletion relies on are
 * read from delivered reports alone (lambdas/app/pats/read-pat-announcements.ts).
 *
 * `date` is the UTC date of the report's `startedAt`. Each line is the report's entry with its
 * own field names plus `reportId` and `tenant`; an upcoming line also carries the run's `mode`
 * and `startedAt`, so "was credential X announced by an enforcing run, and when" is answered
 * from the lines alone. The NDJSON files are written even when empty, so a run with nothing to
 * do still leaves its proof.
 *
 * Tenant labels and report ids come from events and flags, so they are encoded before they become
 * a key segment: ASCII letters, digits, `-` and `_` stay as they are, every other byte is written
 * `%XX` (UTF-8, uppercase hex), as in a URL. No label can add a path level (`/`), climb out of its
 * folder (`..`), forge a partition (`=`) or hide a file (a leading `.`). The stack's tenant names
 * (letters, digits, inner hyphens) never need encoding, so in Athena `tenant` reads as written.
 */

export const ARCHIVE_KINDS = ['reports', 'actions', 'upcoming', 'delivered'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

const EXTENSION: Record<ArchiveKind, string> = { reports: '.json', actions: '.ndjson', upcoming: '.ndjson', delivered: '.json' };
export const CONTENT_TYPE: Record<ArchiveKind, string> = {
  reports: 'application/json',
  actions: 'application/x-ndjson',
  upcoming: 'application/x-ndjson',
  delivered: 'application/json',
};

/** Long enough for any label people use; short enough for a file name (255 bytes) and an S3 key (1,024). */
const MAX_SEGMENT = 200;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ENCODED = /^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/;

/** Thrown for a report whose tenant, id or start time cannot become a key. */
export class ArchiveKeyError extends Error {
  override readonly name = 'ArchiveKeyError';
}

/** `acme` -> `acme`; `../x=1` -> `%2E%2E%2Fx%3D1`. */
export function encodeKeySegment(value: string, what: string): string {
  if (value.length === 0) throw new ArchiveKeyError(`cannot archive a report with an empty ${what}`);
  let encoded = '';
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9_-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (encoded.length > MAX_SEGMENT) {
    throw new ArchiveKeyError(`cannot archive a report whose ${what} is ${encoded.length} characters once encoded (at most ${MAX_SEGMENT})`);
  }
  return encoded;
}

/** The inverse of encodeKeySegment; undefined for a segment it could not have written. */
export function decodeKeySegment(segment: string): string | undefined {
  if (!ENCODED.test(segment)) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The UTC date of an ISO timestamp: the report's `date=` partition. */
export function archiveDateOf(startedAt: string): string {
  const time = Date.parse(startedAt);
  if (Number.isNaN(time)) throw new ArchiveKeyError(`cannot archive a report whose startedAt is not a timestamp`);
  return new Date(time).toISOString().slice(0, 10);
}

/** `reports/` or, for one tenant, `reports/tenant=acme/`. */
export function kindPrefix(kind: ArchiveKind, tenant?: string): string {
  return tenant === undefined ? `${kind}/` : `${kind}/tenant=${encodeKeySegment(tenant, 'tenant')}/`;
}

/** The key of one run's file of the given kind. */
export function archiveKey(kind: ArchiveKind, run: ArchivedRun): string {
  if (!ISO_DATE.test(run.date)) throw new ArchiveKeyError(`not a YYYY-MM-DD date: ${run.date}`);
  return `${kindPrefix(kind, run.tenant)}date=${run.date}/${encodeKeySegment(run.reportId, 'reportId')}${EXTENSION[kind]}`;
}

export function archivedRunOf(report: RunReport): ArchivedRun {
  return { tenant: report.tenant, date: archiveDateOf(report.startedAt), reportId: report.reportId };
}

/** The run a key belongs to, or undefined for anything this layout did not write (a README, `.DS_Store`). */
export function parseArchiveKey(key: string): (ArchivedRun & { readonly kind: ArchiveKind }) | undefined {
  const match = /^(reports|actions|upcoming|delivered)\/tenant=([^/]+)\/date=(\d{4}-\d{2}-\d{2})\/([^/]+)\.(json|ndjson)$/.exec(key);
  if (!match) return undefined;
  const [, kind, tenantSegment, date, idSegment, extension] = match as unknown as [string, ArchiveKind, string, string, string, string];
  if (EXTENSION[kind] !== `.${extension}`) return undefined;
  const tenant = decodeKeySegment(tenantSegment);
  const reportId = decodeKeySegment(idSegment);
  return tenant === undefined || reportId === undefined ? undefined : { kind, tenant, date, reportId };
}

/** The three files of a run: the report on one line (Athena's JSON SerDe reads a record a line), and the lines. */
export function archiveBodies(report: RunReport): Record<Exclude<ArchiveKind, 'delivered'>, string> {
  const stamp = { reportId: report.reportId, tenant: report.tenant };
  return {
    reports: `${JSON.stringify(report)}\n`,
    actions: ndjson(report.actions.map((action) => ({ ...action, ...stamp }))),
    upcoming: ndjson(report.upcoming.map((entry) => ({ ...entry, ...stamp, mode: report.mode, startedAt: report.startedAt }))),
  };
}

function ndjson(lines: readonly object[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

/** The non-empty lines of an NDJSON file, parsed. */
export function parseNdjson(body: string): unknown[] {
  return body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
