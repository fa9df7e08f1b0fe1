import { oneLine } from '../../../lambdas/core/text.js';

/**
 * Rows as RFC 4180 CSV: a header row, CRLF line ends, every field that holds a comma, a quote or
 * a line break quoted (quotes doubled). Text is flattened to one safe line first (control
 * characters out, bidi and other hidden characters shown as `<U+202E>`), so a hostile name
 * cannot forge a row or hide what it says. A cell a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`: it reads as text.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.map((cell) => field(cell)).join(',')}\r\n`).join('');
}

/** One cell, neutralised and quoted as needed. Numbers are written as they are. */
export function field(cell: string | number): string {
  if (typeof cell === 'number') return String(cell);
  const flat = oneLine(cell);
  // Checked before and after flattening: a leading tab or CR is flattened away, and flattening
  // trims, so " =1+1" would start with "=" only afterwards.
  const text = /^[=+\-@\t\r]/.test(cell) || /^[=+\-@]/.test(flat) ? `'${flat}` : flat;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
