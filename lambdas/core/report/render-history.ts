import { oneLine } from '../text.js';
import type { HistoryEntry } from './build-history.js';

export interface HistorySubject {
  readonly clientId?: string;
  readonly tenant?: string;
}

/**
 * The timeline as text, one line per entry: date, mode, run, what happened and why. A client's
 * history names the client once in the title; a tenant's names it on every line.
 */
export function renderHistory(entries: readonly HistoryEntry[], subject: HistorySubject): string {
  const runs = new Set(entries.map((entry) => entry.reportId)).size;
  const first = entries.find((entry) => entry.clientId === subject.clientId);
  const who = subject.clientId === undefined
    ? `tenant ${oneLine(subject.tenant ?? '')}`
    : `${oneLine(subject.clientId)}${first ? ` "${oneLine(first.name)}"` : ''}${subject.tenant === undefined ? '' : ` in tenant ${oneLine(subject.tenant)}`}`;
  const title = `History of ${who}: ${plural(entries.length, 'entry', 'entries')} in ${plural(runs, 'run', 'runs')}`;
  if (entries.length === 0) return `${title}\n  nothing in the archive${subject.clientId === undefined ? '' : ' about this client'}\n`;
  const tenants = new Set(entries.map((entry) => entry.tenant));
  const lines = entries.map((entry) => {
    const where = tenants.size > 1 ? `  [${oneLine(entry.tenant)}]` : '';
    const credential = subject.clientId === undefined ? `  "${oneLine(entry.name)}" (${oneLine(entry.clientId)})` : '';
    const detail = entry.detail ? ` (${oneLine(entry.detail)})` : '';
    const error = entry.error ? ` [${oneLine(entry.error.message)}]` : '';
    return `  ${entry.date}  ${entry.mode.padEnd(7)}  run ${oneLine(entry.reportId)}${where}${credential}  ${entry.event}${detail}: ${oneLine(entry.reason)}${error}`;
  });
  return [title, ...lines, ''].join('\n');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
