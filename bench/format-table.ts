/** A column: its header and how to show one row's value. Numbers are right-aligned. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number;
}

/**
 * A plain-text table with a title line, padded so it reads in a terminal and in a Markdown code
 * block alike (the bench prints these, docs/performance.md embeds them).
 */
export function formatTable<Row>(title: string, columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => String(r[i]).length)));
  const line = (values: readonly (string | number)[]) =>
    values
      .map((v, i) => (typeof v === 'number' ? String(v).padStart(widths[i] ?? 0) : String(v).padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, line(columns.map((c) => c.header)), rule, ...cells.map(line)].join('\n');
}
