import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
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
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return new TextDecoder('utf-8').decode(buffer.subarray(3));
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
  const best = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
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

/** Characters one record may hold while it is read (csv-parse stops there, before the row is held). */
const MAX_RECORD_CHARS = 1_000_000;

/** Fields a record may have at all (Excel's last column is the 16,384th); blank ones past `maxColumns` are dropped. */
const MAX_FIELDS = 16_384;

/**
 * The text in pieces, each let through only once its records are known to hold at most
 * MAX_FIELDS fields: csv-parse gathers a record whole before handing it on, so a line of
 * millions of separators is refused here, before it is held.
 */
function* boundedPieces(text: string, separator: string, sheet: string, size = 1 << 16): Generator<string> {
  const sep = separator.charCodeAt(0);
  let quoted = false;
  let fields = 1;
  let record = 1;
  for (let start = 0; start < text.length; start += size) {
    const end = Math.min(text.length, start + size);
    for (let i = start; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) quoted = !quoted;
      else if (quoted) continue;
      else if (ch === sep) {
        if (++fields > MAX_FIELDS)
          throw new ReadLimitError(
            ReadFailureCodes.TOO_MANY_COLUMNS,
            `A row has more than ${MAX_FIELDS} columns`,
            sheet,
            record,
          );
      } else if (ch === 10 || ch === 13) {
        if (fields > 1 || ch === 10) record++;
        fields = 1;
      }
    }
    yield text.slice(start, end);
  }
}

/**
 * The rows of one CSV sheet, all cells text, blank rows skipped, in batches (csv-parse: RFC
 * 4180 quoting; a record is one row of the sheet whatever line breaks its quoted fields hold).
 */
export async function* csvRowBatches(
  buffer: Buffer,
  sheet: string,
  limits: ReadLimits,
  batchRows: number,
): AsyncGenerator<SheetRow[]> {
  const text = decodeCsv(buffer);
  const separator = detectSeparator(text);
  const parser = parse({
    delimiter: separator,
    record_delimiter: ['\r\n', '\n', '\r'],
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // an error of the text's source (a bound) ends the parser with it
  pipeline(Readable.from(boundedPieces(text, separator, sheet)), parser, () => undefined);
  let batch: SheetRow[] = [];
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      const rowNumber = info.records;
      const cells: Cell[] = [];
      for (let i = 0; i < record.length; i++) {
        const field = record[i];
        if (field.length > limits.maxCellLength)
          throw new ReadLimitError(
            ReadFailureCodes.CELL_TOO_LONG,
            `A cell is longer than ${limits.maxCellLength} characters`,
            sheet,
            rowNumber,
          );
        const blank = field.trim() === '';
        if (i >= limits.maxColumns) {
          if (!blank)
            throw new ReadLimitError(
              ReadFailureCodes.TOO_MANY_COLUMNS,
              `A row has more than ${limits.maxColumns} columns`,
              sheet,
              rowNumber,
            );
        } else cells.push(blank ? null : field);
      }
      if (cells.every((c) => c === null)) continue;
      if (++rows > limits.maxRows)
        throw new ReadLimitError(
          ReadFailureCodes.TOO_MANY_ROWS,
          `The file has more than ${limits.maxRows} rows`,
          sheet,
          rowNumber,
        );
      batch.push({ sheet, rowNumber, cells });
      if (batch.length >= batchRows) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new ReadLimitError(
        ReadFailureCodes.READ_LIMITS,
        `A row of the file is longer than ${MAX_RECORD_CHARS} characters`,
        sheet,
        (error as { records?: number }).records ?? 0,
      );
    }
    if (error instanceof ReadLimitError) throw error;
    if ((error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') {
      // the quote swallowed every line after it: say where it opened
      const row = ((error as { records?: number }).records ?? 0) + 1;
      throw new ReadLimitError(
        ReadFailureCodes.UNREADABLE_WORKBOOK,
        `Row ${row} opens a quoted value (") that is never closed, so the rest of the file is read as one cell: ` +
          'close the quote or remove it, or save the sheet again from Excel or LibreOffice as "CSV UTF-8 (Comma delimited)".',
        sheet,
        row,
        'a quote is never closed',
      );
    }
    throw new ReadLimitError(
      ReadFailureCodes.UNREADABLE_WORKBOOK,
      UNREADABLE_CSV,
      sheet,
      0,
      error instanceof Error ? error.message.slice(0, 200) : String(error),
    );
  } finally {
    parser.destroy();
  }
  if (batch.length) yield batch;
}

const UNREADABLE_CSV =
  'The CSV file could not be read: save it again from Excel or LibreOffice as "CSV UTF-8 (Comma delimited)" and upload the saved file.';
