import type { ImportFieldCode } from 'src/common/errors/field-codes';

/**
 * What reading one upload may hold or produce. Every bound is checked while reading, so a
 * file past one fails as soon as it passes it, before it costs more.
 */
export interface ReadLimits {
  /** Non-blank rows, all sheets together. */
  readonly maxRows: number;
  /** Characters of one cell. */
  readonly maxCellLength: number;
  /** The last column a value may stand in (256 = IV). */
  readonly maxColumns: number;
  /** Entries of the workbook's shared-string table, and their characters together. */
  readonly maxSharedStrings: number;
  readonly maxSharedStringChars: number;
  /** Bytes actually inflated from the workbook's parts, whatever sizes they declare. */
  readonly maxInflatedBytes: number;
  /** Parts of the zip container. */
  readonly maxZipEntries: number;
}

export const READ_LIMITS: ReadLimits = {
  maxRows: 1_000_000,
  maxCellLength: 4000,
  maxColumns: 256,
  maxSharedStrings: 2_000_000,
  maxSharedStringChars: 64_000_000,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxZipEntries: 500,
};

/**
 * The codes a file that cannot be read to its end is refused with: import codes of
 * src/common/errors/field-codes.ts, spelt out here because the reading worker loads only
 * this folder (the type import checks each against the list).
 */
export const ReadFailureCodes = {
  TOO_MANY_ROWS: 'IMPORT.TOO_MANY_ROWS',
  TOO_MANY_COLUMNS: 'IMPORT.TOO_MANY_COLUMNS',
  CELL_TOO_LONG: 'IMPORT.CELL_TOO_LONG',
  READ_LIMITS: 'IMPORT.READ_LIMITS',
  ZIP_LIMITS: 'IMPORT.ZIP_LIMITS',
  UNREADABLE_WORKBOOK: 'IMPORT.UNREADABLE_WORKBOOK',
} as const satisfies Record<string, ImportFieldCode>;
export type ReadFailureCode = (typeof ReadFailureCodes)[keyof typeof ReadFailureCodes];

/** Reading stopped: the file is refused whole with this problem (sheet and row where known). */
export class ReadLimitError extends Error {
  constructor(
    readonly code: ReadFailureCode,
    message: string,
    readonly sheet: string = '',
    readonly row: number = 0,
    /** What the reader library said, for the service's log only (it may describe the file, never shown). */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}

export const UNREADABLE_MESSAGE =
  'The file could not be read as a workbook: it may be damaged, or written by a program that does not follow the .xlsx standard. ' +
  'Open it in Excel or LibreOffice Calc, save it again as "Excel Workbook (.xlsx)" and upload the saved file.';
