import { csvRowBatches } from './csv';
import { ReadFailureCodes, ReadLimitError, ReadLimits, UNREADABLE_MESSAGE } from './read-limits';
import type { SheetRow } from './sheet-rows';
import { openWorkbook } from './xlsx-package';
import { XmlTextRunError } from './xml-events';
import { SheetCounter, worksheetRows } from './xlsx-sheet';
import {
  DeclaredSizeError,
  findEntry,
  InflateBudget,
  InflateBudgetError,
  listZip,
  ZipFormatError,
} from './zip-archive';

/** What to read: an identified workbook (by its main part) or a CSV sheet. */
export type ReadRequest =
  { readonly kind: 'xlsx'; readonly workbookPart: string } | { readonly kind: 'csv'; readonly sheet: string };

export interface UploadInfo {
  readonly date1904: boolean;
}

/** Rows handed on at a time: few enough to keep memory flat, enough that a row costs no message of its own. */
export const BATCH_ROWS = 2_000;

/**
 * The rows of an upload, every worksheet in the workbook's order (hidden and extra ones
 * too: the parser picks its sheets by name), in batches. Runs inside the reading worker;
 * every bound of `limits` is checked as the file is read.
 */
export async function openSource(
  buffer: Buffer,
  request: ReadRequest,
  limits: ReadLimits,
): Promise<{ info: UploadInfo; batches: AsyncGenerator<SheetRow[]> }> {
  if (request.kind === 'csv')
    return { info: { date1904: false }, batches: csvRowBatches(buffer, request.sheet, limits, BATCH_ROWS) };
  const listing = await listZip(buffer, limits.maxZipEntries);
  if (!listing.ok)
    throw new ReadLimitError(
      ReadFailureCodes.UNREADABLE_WORKBOOK,
      UNREADABLE_MESSAGE,
      '',
      0,
      `zip directory: ${listing.reason}`,
    );
  const archive = listing;
  const budget = new InflateBudget(limits.maxInflatedBytes);
  const pkg = await openWorkbook(archive, request.workbookPart, limits, budget);
  async function* batches(): AsyncGenerator<SheetRow[]> {
    const counter: SheetCounter = { rows: 0 };
    for (const sheet of pkg.sheets) {
      yield* worksheetRows(
        archive,
        findEntry(archive.entries, sheet.part)!,
        sheet.name,
        pkg,
        limits,
        budget,
        counter,
        BATCH_ROWS,
      );
    }
  }
  return { info: { date1904: pkg.date1904 }, batches: batches() };
}

/** A reading failure as the import reports it: the code, where, and (for the log only) its cause. */
export interface ReadFailure {
  readonly code: ReadLimitError['code'];
  readonly message: string;
  readonly sheet: string;
  readonly row: number;
  /** What the reader said, for the service's log: never shown to the user. */
  readonly cause: string | null;
}

export function readFailure(error: unknown, limits: ReadLimits): ReadFailure {
  if (error instanceof ReadLimitError)
    return { code: error.code, message: error.message, sheet: error.sheet, row: error.row, cause: error.reason };
  if (error instanceof InflateBudgetError) {
    return {
      code: ReadFailureCodes.ZIP_LIMITS,
      message: `The workbook expands beyond ${Math.round(limits.maxInflatedBytes / 1048576)} MB`,
      sheet: '',
      row: 0,
      cause: null,
    };
  }
  if (error instanceof DeclaredSizeError) {
    return {
      code: ReadFailureCodes.ZIP_LIMITS,
      message:
        'A part of the workbook expands beyond the size its zip directory declares: the file is damaged or crafted',
      sheet: '',
      row: 0,
      cause: null,
    };
  }
  if (error instanceof XmlTextRunError) {
    return {
      code: ReadFailureCodes.READ_LIMITS,
      message: 'A part of the workbook holds a run of text longer than any cell may hold',
      sheet: '',
      row: 0,
      cause: null,
    };
  }
  const cause =
    error instanceof ZipFormatError
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return { code: ReadFailureCodes.UNREADABLE_WORKBOOK, message: '', sheet: '', row: 0, cause: cause.slice(0, 300) };
}
