import { ReadFailureCodes, ReadLimitError, ReadLimits } from './read-limits';
import type { Cell, SheetRow } from './sheet-rows';

/**
 * CSV as people save it: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
 * Text", tab-separated), or Windows-1252 (Excel's plain "CSV" on a Western Windows); comma,
 * semicolon or tab between fields; RFC 4180 quoting, with line breaks inside quoted fields.
 * Nothing is converted — identifiers keep their leading zeros and dates are parsed later,
 * day first — and columns and cell lengths are bounded while scanning.
 */
export function decodeCsv(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return new TextDecoder('utf-8').decode(buffer.subarray(3));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  if (looksUtf16le(buffer)) return new TextDecoder('utf-16le').decode(buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** UTF-16LE without its mark: ASCII text then has a zero in every second byte. */
export function looksUtf16le(buffer: Buffer): boolean {
  const n = Math.min(buffer.length, 4096) & ~1;
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (buffer[i] === 0) zeros++;
  return zeros > n / 4 && buffer[0] !== 0;
}

const SEPARATORS = [',', ';', '\t'] as const;

/** The separator that splits the first lines (outside quotes) into the most fields. */
export function detectSeparator(text: string): string {
  const counts = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
  let quoted = false;
  let lines = 0;
  let best = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
  for (let i = 0; i < text.length && i < 64 * 1024 && lines < 10; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      for (const s of SEPARATORS) best[s] = Math.max(best[s], counts[s]);
      counts[','] = counts[';'] = counts['\t'] = 0;
      lines++;
    } else if (!quoted && ch in counts) counts[ch]++;
  }
  for (const s of SEPARATORS) best[s] = Math.max(best[s], counts[s]);
  return SEPARATORS.reduce((a, b) => (best[b] > best[a] ? b : a));
}

/** The rows of one CSV sheet, all cells text, blank rows skipped, in batches. */
export function* csvRowBatches(buffer: Buffer, sheet: string, limits: ReadLimits, batchRows: number): Generator<SheetRow[]> {
  const text = decodeCsv(buffer);
  const separator = detectSeparator(text);
  let batch: SheetRow[] = [];
  let rows = 0;
  let rowNumber = 1;
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  const n = text.length;
  const endField = () => {
    if (row.length >= limits.maxColumns) {
      if (field.trim() !== '') throw new ReadLimitError(ReadFailureCodes.TOO_MANY_COLUMNS, `A row has more than ${limits.maxColumns} columns`, sheet, rowNumber);
    } else row.push(field.trim() === '' ? null : field);
    field = '';
  };
  // a record is one row of the sheet, whatever line breaks its quoted fields hold
  const endRow = () => {
    endField();
    if (row.some((c) => c !== null)) {
      if (++rows > limits.maxRows) throw new ReadLimitError(ReadFailureCodes.TOO_MANY_ROWS, `The file has more than ${limits.maxRows} rows`, sheet, rowNumber);
      batch.push({ sheet, rowNumber, cells: row });
    }
    row = [];
    rowNumber++;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === separator) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (batch.length >= batchRows) {
        yield batch;
        batch = [];
      }
    } else field += ch;
    if (field.length > limits.maxCellLength) throw new ReadLimitError(ReadFailureCodes.CELL_TOO_LONG, `A cell is longer than ${limits.maxCellLength} characters`, sheet, rowNumber);
    i++;
  }
  if (field !== '' || row.length) endRow();
  if (batch.length) yield batch;
}
