import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from 'src/common/dto/pagination.dto';
import { ImportBatch, ImportCounts, ImportError } from 'src/imports/import-batch.entity';
import { SHEETS, SheetKind } from 'src/imports/columns';

const bool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ImportQueryDto {
  /** Validate and report without writing (the batch record is kept). */
  @IsOptional() @Transform(bool) @IsBoolean() dryRun = false;
  /** Answer 202 at once; follow GET /imports/:id for the phase and rows processed. */
  @IsOptional() @Transform(bool) @IsBoolean() async = false;
}

export class ImportBodyDto {
  /** For a CSV upload: which sheet it holds (else inferred from its headers). */
  @IsOptional() @IsIn(SHEETS) sheet?: SheetKind;
}

export class ImportListQuery extends PaginationQuery {}

export class ImportResponse {
  id!: string;
  status!: string;
  phase!: string;
  dryRun!: boolean;
  fileName!: string;
  fileSha256!: string;
  fileSize!: number;
  uploadedBy!: string;
  uploadedAt!: string;
  finishedAt!: string | null;
  jurisdiction!: string | null;
  rowsProcessed!: number;
  counts!: ImportCounts | null;
  errorCount!: number;
  errors!: ImportError[];
  /** When the uploaded file (and so the error report of a rejected upload) was deleted. */
  filePurgedAt!: string | null;
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
    jurisdiction: b.jurisdictionCode,
    rowsProcessed: b.rowsProcessed,
    counts: b.counts,
    errorCount: b.errorCount,
    errors: withErrors ? b.errors : [],
    filePurgedAt: b.filePurgedAt?.toISOString() ?? null,
  };
}
