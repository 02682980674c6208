// Renders rows as an aligned plain-text table, or as JSON when the user asks for it.
import type { OutputStream } from './terminal.js';
import { colorsFor, writeLine } from './terminal.js';

/** A column: its heading and how to read the cell from a row. */
export interface Column<Row> {
  readonly heading: string;
  readonly value: (row: Row) => string | number | boolean | null | undefined;
}

/** Prints `rows` as a table with a bold header (bold only on a terminal). */
export function printTable<Row>(
  stream: OutputStream,
  rows: readonly Row[],
  columns: readonly Column<Row>[],
): void {
  const colors = colorsFor(stream);
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...cells.map((line) => line[index]!.length)),
  );
  const pad = (text: string, index: number) =>
    index === columns.length - 1 ? text : text.padEnd(widths[index]!);
  writeLine(stream, colors.bold(columns.map((column, index) => pad(column.heading, index)).join('  ')));
  for (const line of cells) writeLine(stream, line.map(pad).join('  '));
  if (rows.length === 0) writeLine(stream, colors.dim('(none)'));
}

/** Prints any value as indented JSON. */
export function printJson(stream: OutputStream, value: unknown): void {
  writeLine(stream, JSON.stringify(value, null, 2));
}

function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '-';
  // Cells come from the API and may hold attacker-chosen text (certificate DNs): no control characters.
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\x00-\x1f\x7f]/g, '?');
}
