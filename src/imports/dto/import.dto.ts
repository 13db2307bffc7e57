import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from 'src/common/dto/pagination.dto';
import { ImportErrors } from 'src/common/errors/error-codes';
import { ImportFieldCode, ImportFieldCodes } from 'src/common/errors/field-codes';
import {
  IMPORT_PHASES,
  IMPORT_STATUSES,
  ImportBatch,
  ImportPhase,
  ImportStatus,
} from 'src/imports/import-batch.entity';
import { SHEETS, SheetKind } from 'src/imports/columns';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ImportQueryDto {
  /** Validate and report without writing (the batch record is kept). */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  dryRun = false;
  /** Answer 202 at once; follow GET /imports/:id for the phase and rows processed. */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  async = false;
}

export class ImportBodyDto {
  /** For a CSV upload: which sheet it holds (else inferred from its headers). */
  @IsOptional() @IsIn(SHEETS) sheet?: SheetKind;
}

export class ImportListQuery extends PaginationQuery {}

/** What an upload did (or, for a dry run, would do) to one kind of record. */
export class EntityCountsResponse {
  created!: number;
  updated!: number;
  unchanged!: number;
}

export class ImportCountsResponse {
  cases!: EntityCountsResponse;
  victims!: EntityCountsResponse;
  defendants!: EntityCountsResponse;
  prosecutions!: EntityCountsResponse;
}

const IMPORT_PROBLEM_CODES: readonly ImportFieldCode[] = [...Object.values(ImportFieldCodes), ImportErrors.ZIP_LIMITS];

/** One problem of an upload: of a cell, a row, a sheet or the whole file. */
export class ImportErrorResponse {
  /** The sheet (`Cases`, `Victims`, `Defendants`, `Prosecutions`); empty for a whole-file problem. */
  sheet!: string;
  /** The spreadsheet's own row number (1 = header row); 0 for a sheet's or the whole file's problem. */
  row!: number;
  /** The column header; null for a row's, sheet's or file's problem. */
  column!: string | null;
  @ApiProperty({ enum: IMPORT_PROBLEM_CODES, enumName: 'ImportProblemCode' })
  code!: ImportFieldCode;
  /** What is expected; never the value given. */
  message!: string;
}

export class ImportResponse {
  id!: string;
  /** `processing` until done; then `validated` (a clean dry run), `committed`, `rejected`, `failed` or `interrupted`. */
  @ApiProperty({ enum: IMPORT_STATUSES, enumName: 'ImportStatus' })
  status!: ImportStatus;
  /** Where a running upload is: `queued`, `reading`, `validating`, `writing`, then `done`. */
  @ApiProperty({ enum: IMPORT_PHASES, enumName: 'ImportPhase' })
  phase!: ImportPhase;
  dryRun!: boolean;
  fileName!: string;
  fileSha256!: string;
  fileSize!: number;
  /** The uploader's e-mail. */
  uploadedBy!: string;
  uploadedAt!: string;
  finishedAt!: string | null;
  /** The uploader's reporting unit; null for a national upload. */
  reportingUnit!: string | null;
  /** Rows read so far (recorded every few seconds while reading, then the total). */
  rowsProcessed!: number;
  /** Per sheet, once the upload is validated or committed; null otherwise. */
  counts!: ImportCountsResponse | null;
  /** Every problem found (`errors` holds the first 10,000). */
  errorCount!: number;
  /** The problems found; empty in the history list (open the upload for them). */
  errors!: ImportErrorResponse[];
  /** When the uploaded file (and so the error report of a rejected upload) was deleted. */
  filePurgedAt!: string | null;
}

/** One page of the upload history, newest first. */
export class ImportPageResponse {
  items!: ImportResponse[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toImportResponse(b: ImportBatch, withErrors = true): ImportResponse {
  return {
    id: b.id,
    status: b.status,
    phase: b.phase,
    dryRun: b.dryRun,
    fileName: b.fileName,
    fileSha256: b.fileSha256,
    fileSize: b.fileSize,
    uploadedBy: b.userEmail,
    uploadedAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    reportingUnit: b.reportingUnitCode,
    rowsProcessed: b.rowsProcessed,
    counts: b.counts,
    errorCount: b.errorCount,
    errors: withErrors ? b.errors : [],
    filePurgedAt: b.filePurgedAt?.toISOString() ?? null,
  };
}
