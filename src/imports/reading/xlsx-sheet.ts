import { ReadFailureCodes, ReadLimitError, ReadLimits, UNREADABLE_MESSAGE } from './read-limits';
import type { Cell, SheetRow } from './sheet-rows';
import { WorkbookPackage } from './xlsx-package';
import { detached, xmlParser, XmlTextRunError } from './xml-events';
import { inflateChunks, InflateBudget, ZipArchive, ZipEntry } from './zip-archive';

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);
/** The last row a worksheet can have. */
const MAX_SHEET_ROW = 1_048_576;

/** Column index (0-based) of a cell reference such as `AB12`; -1 when it has none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? -1 : column - 1;
}

export interface SheetCounter {
  /** Non-blank rows read so far, across sheets. */
  rows: number;
}

/**
 * The rows of one worksheet, blank rows skipped, in batches. Cells are read by their
 * reference or, where a writer leaves it out (the schema allows it), by their place; the
 * value is what the person sees: a formula's cached value, a shared or inline string, a
 * number (a Date where its style shows a date), a boolean, or an error value.
 */
export async function* worksheetRows(
  archive: ZipArchive,
  entry: ZipEntry,
  name: string,
  pkg: WorkbookPackage,
  limits: ReadLimits,
  budget: InflateBudget,
  counter: SheetCounter,
  batchRows: number,
): AsyncGenerator<SheetRow[]> {
  const epoch = pkg.date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
  let batch: SheetRow[] = [];
  let inData = false;
  let rowNumber = 0;
  let cells: Cell[] = [];
  let blank = true;
  let column = -1;
  // the cell being read
  let type = '';
  let style = 0;
  let hasFormula = false;
  let value: string | null = null;
  let inValue = false;
  let inlineText: string[] | null = null;
  let inInlineT = false;
  let phonetic = 0;
  let cellText = 0;

  const tooLong = () =>
    new ReadLimitError(
      ReadFailureCodes.CELL_TOO_LONG,
      `A cell is longer than ${limits.maxCellLength} characters`,
      name,
      rowNumber,
    );

  const cellValue = (): Cell => {
    if (type === 'inlineStr') return inlineText ? detached(inlineText.join('')) : null;
    if (value === null || value === '') return hasFormula ? { formula: true } : null;
    switch (type) {
      case 's': {
        const s = pkg.sharedStrings[Number(value)];
        if (s === undefined)
          throw new ReadLimitError(
            ReadFailureCodes.UNREADABLE_WORKBOOK,
            UNREADABLE_MESSAGE,
            name,
            rowNumber,
            'a cell names a shared string the workbook does not have',
          );
        if (s.length > limits.maxCellLength) throw tooLong();
        return s;
      }
      case 'str':
        return detached(value);
      case 'b':
        return value === '1' || value === 'true';
      case 'e':
        return { error: value.trim() };
      case 'd': {
        const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.endsWith('Z') ? value : `${value}Z`);
        return Number.isNaN(date.getTime()) ? detached(value) : date;
      }
      default: {
        const n = Number(value);
        if (!Number.isFinite(n)) return detached(value);
        if (pkg.dateStyles.has(style) && n >= 0 && n < 2958466) return new Date(epoch + Math.round(n * 86400000));
        return n;
      }
    }
  };

  const parser = xmlParser({
    open(tag, a, selfClosing) {
      if (!inData) {
        if (tag === 'sheetData') inData = !selfClosing;
        return;
      }
      switch (tag) {
        case 'row': {
          const r = a.r === undefined ? rowNumber + 1 : Number(a.r);
          if (r > MAX_SHEET_ROW)
            throw new ReadLimitError(
              ReadFailureCodes.TOO_MANY_ROWS,
              `The sheet has more than the ${MAX_SHEET_ROW} rows a worksheet can hold`,
              name,
              rowNumber,
            );
          if (!Number.isInteger(r) || r <= rowNumber)
            throw new ReadLimitError(
              ReadFailureCodes.UNREADABLE_WORKBOOK,
              UNREADABLE_MESSAGE,
              name,
              rowNumber,
              'rows out of order',
            );
          rowNumber = r;
          cells = [];
          blank = true;
          column = -1;
          return;
        }
        case 'c': {
          const c = columnOf(a.r);
          column = c < 0 ? column + 1 : c;
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : Number(a.s);
          hasFormula = false;
          value = null;
          inlineText = null;
          cellText = 0;
          return;
        }
        case 'v':
          inValue = !selfClosing;
          value = '';
          return;
        case 'f':
          hasFormula = true;
          return;
        case 'is':
          inlineText = [];
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          inInlineT = inlineText !== null && !phonetic && !selfClosing;
          return;
      }
    },
    close(tag) {
      if (!inData) return;
      switch (tag) {
        case 'v':
          inValue = false;
          return;
        case 't':
          inInlineT = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c': {
          const cell = cellValue();
          if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return;
          if (column >= limits.maxColumns) {
            throw new ReadLimitError(
              ReadFailureCodes.TOO_MANY_COLUMNS,
              `A value stands beyond column ${limits.maxColumns} of the sheet`,
              name,
              rowNumber,
            );
          }
          cells[column] = cell;
          blank = false;
          return;
        }
        case 'row': {
          if (blank) return;
          if (++counter.rows > limits.maxRows)
            throw new ReadLimitError(
              ReadFailureCodes.TOO_MANY_ROWS,
              `The file has more than ${limits.maxRows} rows`,
              name,
              rowNumber,
            );
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          batch.push({ sheet: name, rowNumber, cells });
          return;
        }
        case 'sheetData':
          inData = false;
          return;
      }
    },
    text(text) {
      if (inValue) {
        cellText += text.length;
        if (cellText > limits.maxCellLength) throw tooLong();
        value += text;
      } else if (inInlineT && inlineText) {
        cellText += text.length;
        if (cellText > limits.maxCellLength) throw tooLong();
        inlineText.push(text);
      }
    },
  });
  for await (const chunk of inflateChunks(archive, entry, budget)) {
    try {
      parser.write(chunk);
    } catch (error) {
      // a run of text too long to hold, inside a cell: that cell is too long (its sheet and row are known)
      if (error instanceof XmlTextRunError && (inValue || inInlineT)) throw tooLong();
      throw error;
    }
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  parser.end();
  if (batch.length) yield batch;
}
