import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { csvRows } from 'src/imports/reading/csv';
import { readZipEntry, workbookFirst } from 'src/imports/reading/file-guard';

/** A cell as the validators see it; a formula is only marked, never evaluated or trusted. */
export type Cell = string | number | boolean | Date | null | { formula: true };

export interface SheetRow {
  readonly sheet: string;
  /** The spreadsheet's own row number. */
  readonly rowNumber: number;
  readonly cells: Cell[];
}

export class ReadLimitError extends Error {
  constructor(
    readonly code: 'IMPORT.TOO_MANY_ROWS' | 'IMPORT.CELL_TOO_LONG',
    message: string,
    readonly sheet: string,
    readonly row: number,
  ) {
    super(message);
  }
}

export interface ReadLimits {
  readonly maxRows: number;
  readonly maxCellLength: number;
}

type RawValue = ExcelJS.CellValue | undefined;

function toCell(value: RawValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value);
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

function checkLength(cells: Cell[], limits: ReadLimits, sheet: string, row: number): void {
  for (const c of cells) {
    if (typeof c === 'string' && c.length > limits.maxCellLength) {
      throw new ReadLimitError('IMPORT.CELL_TOO_LONG', `A cell is longer than ${limits.maxCellLength} characters`, sheet, row);
    }
  }
}

/**
 * Streams the rows of every worksheet of an .xlsx (exceljs' streaming reader: the workbook
 * is never held whole), skipping blank rows.
 */
export async function* xlsxRows(buffer: Buffer, limits: ReadLimits): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([workbookFirst(buffer)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    const name = (worksheet as unknown as { name: string }).name;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as RawValue[];
      const cells = values.slice(1).map(toCell);
      if (isBlank(cells)) continue;
      if (++rows > limits.maxRows) throw new ReadLimitError('IMPORT.TOO_MANY_ROWS', `The file has more than ${limits.maxRows} rows`, name, row.number);
      checkLength(cells, limits, name, row.number);
      yield { sheet: name, rowNumber: row.number, cells };
    }
  }
}

/** Whether a workbook counts dates from 1904 (xl/workbook.xml's workbookPr). */
export function usesDate1904(buffer: Buffer): boolean {
  const xml = readZipEntry(buffer, 'xl/workbook.xml')?.toString('utf8') ?? '';
  return /<workbookPr[^>]*date1904="(1|true)"/.test(xml);
}

/** The rows of one CSV sheet, all cells text. */
export function* csvSheetRows(buffer: Buffer, sheet: string, limits: ReadLimits): Generator<SheetRow> {
  let rowNumber = 0;
  let rows = 0;
  for (const raw of csvRows(buffer.toString('utf8'))) {
    rowNumber++;
    const cells: Cell[] = raw.map((c) => (c.trim() === '' ? null : c));
    if (isBlank(cells)) continue;
    if (++rows > limits.maxRows) throw new ReadLimitError('IMPORT.TOO_MANY_ROWS', `The file has more than ${limits.maxRows} rows`, sheet, rowNumber);
    checkLength(cells, limits, sheet, rowNumber);
    yield { sheet, rowNumber, cells };
  }
}
