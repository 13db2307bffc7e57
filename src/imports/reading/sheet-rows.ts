import { Readable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { csvRows } from 'src/imports/reading/csv';
import { readZipEntry, workbookFirst } from 'src/imports/reading/file-guard';

/**
 * A cell as the validators see it. A formula is never evaluated: its cached value (what the
 * person sees in Excel) is the cell; one with no cached value is `{ formula: true }`. An Excel
 * error value (`#N/A`, `#REF!`…), cached or typed, is `{ error }`.
 */
export type Cell = string | number | boolean | Date | null | FormulaWithoutValue | ErrorValue;
export interface FormulaWithoutValue {
  readonly formula: true;
}
export interface ErrorValue {
  readonly error: string;
}

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

/** V8 cuts strings this long out of the parser's chunk without copying them (a "sliced" string). */
const SLICED = 13;

/**
 * The same text in a string of its own: a cell value sliced from the XML parser's 64 KB
 * chunk would otherwise keep the whole chunk alive (and moved from heap to heap by the
 * garbage collector) for as long as the row — or a parsed value keyed by it — lives.
 */
function detached(value: string): string {
  return (' ' + value).slice(1);
}

function toCell(value: RawValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length >= SLICED ? detached(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
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

interface RowEvent {
  readonly eventType: string;
  readonly value: unknown;
}

/** What exceljs' streaming worksheet reader offers besides its per-row iterator. */
interface WorksheetEvents {
  readonly name: string;
  parse(): AsyncIterable<RowEvent[]>;
}

/** Rows handed on at a time: enough that a row costs no promise of its own. */
const BATCH_ROWS = 2_000;

/**
 * Streams the rows of every worksheet of an .xlsx (exceljs' streaming reader: the workbook
 * is never held whole), skipping blank rows, in batches of about BATCH_ROWS: exceljs' own
 * per-chunk event lists are read directly rather than through its one-promise-per-row
 * iterator.
 */
export async function* xlsxRowBatches(buffer: Buffer, limits: ReadLimits): AsyncGenerator<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([workbookFirst(buffer)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  let batch: SheetRow[] = [];
  for await (const worksheet of reader) {
    const sheet = worksheet as unknown as WorksheetEvents;
    const name = sheet.name;
    for await (const events of sheet.parse()) {
      for (const event of events) {
        if (event.eventType !== 'row') continue;
        const row = event.value as ExcelJS.Row;
        const values = row.values as RawValue[];
        const cells: Cell[] = new Array<Cell>(Math.max(values.length - 1, 0));
        let blank = true;
        for (let i = 1; i < values.length; i++) {
          const cell = toCell(values[i]);
          cells[i - 1] = cell;
          if (blank && cell !== null && !(typeof cell === 'string' && cell.trim() === '')) blank = false;
        }
        if (blank) continue;
        if (++rows > limits.maxRows) throw new ReadLimitError('IMPORT.TOO_MANY_ROWS', `The file has more than ${limits.maxRows} rows`, name, row.number);
        checkLength(cells, limits, name, row.number);
        batch.push({ sheet: name, rowNumber: row.number, cells });
      }
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/** The rows of an .xlsx one by one (see xlsxRowBatches). */
export async function* xlsxRows(buffer: Buffer, limits: ReadLimits): AsyncGenerator<SheetRow> {
  for await (const batch of xlsxRowBatches(buffer, limits)) yield* batch;
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

/** The rows of one CSV sheet in batches of `size`. */
export function* csvSheetRowBatches(buffer: Buffer, sheet: string, limits: ReadLimits, size = 1000): Generator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for (const row of csvSheetRows(buffer, sheet, limits)) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
