import { oneLine } from '../text.js';
import type { HistoryEntry } from './build-history.js';

export interface HistorySubject {
  readonly clientId?: string;
  readonly tenant?: string;
}

/**
 * The timeline as text, one line per entry: date, mode, run, what happened and why. A client's
 * history names the client once in the title; a tenant's names it on every line. Every field
 * read from the archive passes oneLine (controls, line breaks and bidi marks removed), so no
 * archived report can print a line of its own, such as a forged "deleted". `skipped` counts the
 * reports that could not be read (the caller names them).
 */
export function renderHistory(entries: readonly HistoryEntry[], subject: HistorySubject, skipped = 0): string {
  const runs = new Set(entries.map((entry) => entry.reportId)).size;
  const first = entries.find((entry) => entry.clientId === subject.clientId);
  const who = subject.clientId === undefined
    ? `tenant ${oneLine(subject.tenant ?? '')}`
    : `${oneLine(subject.clientId)}${first ? ` "${line(first.name)}"` : ''}${subject.tenant === undefined ? '' : ` in tenant ${oneLine(subject.tenant)}`}`;
  const title = `History of ${who}: ${plural(entries.length, 'entry', 'entries')} in ${plural(runs, 'run', 'runs')}`;
  const unread = skipped === 0 ? [] : [`  ${plural(skipped, 'archived report', 'archived reports')} could not be read and ${skipped === 1 ? 'was' : 'were'} skipped (each named in a warning)`];
  if (entries.length === 0) return [title, `  nothing ${skipped === 0 ? '' : 'readable '}in the archive${subject.clientId === undefined ? '' : ' about this client'}`, ...unread, ''].join('\n');
  const tenants = new Set(entries.map((entry) => entry.tenant));
  const lines = entries.map((entry) => {
    const where = tenants.size > 1 ? `  [${line(entry.tenant)}]` : '';
    const credential = subject.clientId === undefined ? `  "${line(entry.name)}" (${line(entry.clientId)})` : '';
    // A planned action's detail only repeats, in the door's words, what its event already says.
    const detail = entry.detail && entry.outcome !== 'planned' ? ` (${line(entry.detail)})` : '';
    const error = entry.error ? ` [${line(entry.error.message)}]` : '';
    return `  ${line(entry.date)}  ${line(entry.mode).padEnd(7)}  run ${line(entry.reportId)}${where}${credential}  ${line(entry.event)}${detail}: ${line(entry.reason)}${error}`;
  });
  return [title, ...lines, ...unread, ''].join('\n');
}

/** Archived reports are read as untrusted JSON: a field that is not text still prints as one line. */
function line(value: unknown): string {
  return oneLine(typeof value === 'string' ? value : String(value ?? ''));
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
