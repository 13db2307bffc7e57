import { saveBlob } from '../../ui/save-file';

/** The numbers behind a chart: what its table shows and its CSV holds, cell for cell. */
export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}

export type Cell = string | number | null;

export interface TableRow {
  key: string;
  cells: Record<string, Cell>;
  /** Where a number leads: the case list of exactly the cases it counts, by column key. */
  links?: Record<string, string | undefined>;
}

export interface TableData {
  columns: Column[];
  rows: TableRow[];
}

/** A text cell a spreadsheet would read as a formula is written as text. */
function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (RFC 4180, CRLF), its header the column labels, numbers unformatted. */
export function toCsv(table: TableData): string {
  const lines = [table.columns.map((c) => csvCell(c.label))];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row.cells[c.key] ?? null)));
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

export function saveCsv(table: TableData, name: string): void {
  // the byte-order mark tells spreadsheet programs the file is UTF-8
  saveBlob(new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' }), name);
}
