import { PassThrough } from 'node:stream';
import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { DomainError } from 'src/common/errors/domain-error';
import { ImportErrors } from 'src/common/errors/error-codes';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { escapeCell } from 'src/common/spreadsheet-safety';
import { identify } from 'src/imports/reading/file-kind';
import { READ_LIMITS, ReadFailureCodes } from 'src/imports/reading/read-limits';
import { Cell, SheetRow } from 'src/imports/reading/sheet-rows';
import { readUpload } from 'src/imports/reading/upload-reader';
import { ReadRequest } from 'src/imports/reading/upload-source';
import { cnicColumns, maskedCell, maskedSheetName } from 'src/imports/report-masking';
import { UploadVault } from 'src/imports/storage/upload-vault';
import { nameKey } from 'src/reference/name-key';
import { inferSheetKind } from 'src/imports/columns';
import { HEADER_SEARCH_ROWS } from 'src/imports/parsing/upload-parser';

const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/**
 * The uploader's own rows back, each sheet with an Errors column and the cells at fault
 * highlighted — streamed row by row, so a large rejected file is never held whole.
 */
@Injectable()
export class ReportService {
  constructor(private readonly vault: UploadVault) {}

  async build(batch: ImportBatch): Promise<Buffer> {
    if (batch.status !== 'rejected')
      throw new DomainError(ImportErrors.NO_REPORT, 'Only a rejected import has an error report');
    if (!batch.file) {
      throw new DomainError(
        ImportErrors.REPORT_EXPIRED,
        'The uploaded file has been deleted (it is kept for a limited time, and until a later upload commits); upload it again for a new report',
      );
    }
    const file = this.vault.open(batch.id, batch.file);
    const byRow = new Map<string, Map<number, RowProblems>>();
    for (const e of batch.errors) {
      const sheet = byRow.get(nameKey(e.sheet)) ?? byRow.set(nameKey(e.sheet), new Map()).get(nameKey(e.sheet))!;
      const row = sheet.get(e.row) ?? sheet.set(e.row, { messages: [], columns: new Set() }).get(e.row)!;
      row.messages.push(`${e.code}: ${e.message}`);
      if (e.column) row.columns.add(nameKey(e.column));
    }
    const fileWide = batch.errors
      .filter((e) => e.row === 0 || !e.sheet || READ_FAILURES.has(e.code))
      .map((e) => `${e.code}: ${e.message}`);
    // a file that could not be read to its end is not read again: its report is what was wrong with it
    const readAgain = !batch.errors.some((e) => READ_FAILURES.has(e.code));
    // a large file's report holds the rows at fault only, each under its own row number
    const onlyProblems = batch.rowsProcessed > ALL_ROWS_UP_TO;
    if (onlyProblems && readAgain) {
      fileWide.push(
        `The file has ${batch.rowsProcessed} rows: this report lists only the rows with problems, each with its row number in the file (column "Row").`,
      );
    }

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    if (fileWide.length) {
      const ws = wb.addWorksheet('File');
      ws.addRow(['Errors']).commit();
      for (const m of fileWide) ws.addRow([m]).commit();
      ws.commit();
    }
    let current = null as ReportSheet | null;
    for await (const row of readAgain ? uploadedRows(file, batch) : []) {
      if (current?.name !== row.sheet) {
        current?.end();
        current = new ReportSheet(row.sheet, wb.addWorksheet(maskedSheetName(row.sheet).slice(0, 31)), onlyProblems);
      }
      current.add(row, byRow.get(nameKey(row.sheet))?.get(row.rowNumber));
    }
    current?.end();
    await wb.commit();
    return Buffer.concat(chunks);
  }
}

interface RowProblems {
  readonly messages: string[];
  readonly columns: Set<string>;
}

/**
 * One sheet of the report: the uploaded rows as they were (CNICs masked), the header row
 * found as the import finds it (the first of the first rows with a sheet's required columns,
 * else the first row), and each row's problems under an Errors column after the header's
 * last column, with the cells at fault marked.
 */
class ReportSheet {
  /** The sheet's first rows, held until its header row is known. */
  private pending: Array<{ row: SheetRow; problems?: RowProblems }> | null = [];
  private headers: string[] = [];
  private cnic = new Set<number>();

  constructor(
    readonly name: string,
    private readonly ws: ExcelJS.Worksheet,
    /** Only the rows at fault, each with its row number first. */
    private readonly onlyProblems: boolean,
  ) {}

  add(row: SheetRow, problems: RowProblems | undefined): void {
    if (!this.pending) return this.write(row, problems);
    this.pending.push({ row, problems });
    if (inferSheetKind(row.cells) || this.pending.length === HEADER_SEARCH_ROWS) this.flush();
  }

  end(): void {
    if (this.pending) this.flush();
    this.ws.commit();
  }

  private flush(): void {
    const held = this.pending!;
    this.pending = null;
    const at = Math.max(
      0,
      held.findIndex((h) => inferSheetKind(h.row.cells)),
    );
    held.forEach((h, i) => {
      if (i === at) this.writeHeader(h.row);
      else if (i < at) this.ws.addRow(h.row.cells.map((c) => plain(maskedCell(c, false)))).commit();
      else this.write(h.row, h.problems);
    });
  }

  private writeHeader(row: SheetRow): void {
    this.headers = row.cells.map((c) => (typeof c === 'string' || typeof c === 'number' ? nameKey(String(c)) : ''));
    this.cnic = cnicColumns(row.cells);
    const header = this.ws.addRow([
      ...(this.onlyProblems ? ['Row'] : []),
      ...row.cells.map((c) => plain(maskedCell(c, false))),
      'Errors',
    ]);
    header.font = { bold: true };
    header.commit();
  }

  private write(row: SheetRow, problems: RowProblems | undefined): void {
    if (this.onlyProblems && !problems) return;
    const width = this.headers.length;
    const shift = this.onlyProblems ? 1 : 0;
    const cells = row.cells.map((c, i) => plain(maskedCell(c, this.cnic.has(i))));
    // the row's cells up to the header's width, its problems under Errors, and any cells beyond the header after them
    const values = [
      ...(this.onlyProblems ? [row.rowNumber] : []),
      ...cells.slice(0, width),
      ...Array<null>(Math.max(0, width - cells.length)).fill(null),
      problems ? problems.messages.join('\n') : null,
      ...cells.slice(width),
    ];
    const out = this.ws.addRow(values);
    if (problems) {
      this.headers.forEach((h, i) => {
        if (problems.columns.has(h)) out.getCell(i + 1 + shift).fill = BAD;
      });
      out.getCell(width + 1 + shift).font = { color: { argb: 'FF9C0006' } };
    }
    out.commit();
  }
}

/** Rows a report copies whole; a larger file's report holds its rows at fault only. */
const ALL_ROWS_UP_TO = 50_000;

/** Codes of a file refused before it was read to its end. */
const READ_FAILURES: ReadonlySet<string> = new Set(Object.values(ReadFailureCodes));

/** The stored upload's rows, read again by the reading worker under the import's own bounds. */
async function* uploadedRows(file: Buffer, batch: ImportBatch): AsyncGenerator<SheetRow> {
  const kind = await identify(file);
  const request: ReadRequest | null =
    kind.kind === 'xlsx'
      ? kind
      : kind.kind === 'csv'
        ? { kind: 'csv', sheet: batch.errors.find((e) => e.sheet)?.sheet ?? 'Sheet' }
        : null;
  if (!request) return;
  const source = await readUpload(file, request, READ_LIMITS);
  try {
    for await (const rows of source.batches) yield* rows;
  } finally {
    source.close();
  }
}

function plain(cell: Cell): string | number | boolean | Date | null {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date))
    return 'error' in cell ? cell.error : '(formula)';
  return typeof cell === 'string' ? escapeCell(cell) : cell;
}
