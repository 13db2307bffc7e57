import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ImportFieldCode } from 'src/common/errors/field-codes';

export const IMPORT_STATUSES = ['processing', 'validated', 'committed', 'rejected', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_PHASES = ['queued', 'reading', 'validating', 'writing', 'done'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportCounts = Record<'cases' | 'victims' | 'defendants' | 'prosecutions', EntityCounts>;

export interface ImportError {
  sheet: string;
  /** The spreadsheet's own row number (1 = header row); 0 for a whole-file problem. */
  row: number;
  column: string | null;
  code: ImportFieldCode;
  message: string;
}

/** One uploaded workbook: who, when, what file, and what became of it. */
@Entity({ name: 'import_batches' })
@Index('IDX_import_batches_reporting_unit_created', ['reportingUnitCode', 'createdAt'])
@Check(
  'CHK_import_batches_status',
  `status IN ('processing', 'validated', 'committed', 'rejected', 'failed', 'interrupted')`,
)
export class ImportBatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'user_email', type: 'text' })
  userEmail!: string;

  /** The uploader's reporting unit (focal person), or null for an admin's national upload. */
  @Column({ name: 'reporting_unit_code', type: 'varchar', length: 40, nullable: true })
  reportingUnitCode!: string | null;

  /** As uploaded, for display only (never used as a path). */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256!: string;

  @Column({ name: 'file_size', type: 'integer' })
  fileSize!: number;

  @Column({ name: 'file_kind', type: 'varchar', length: 4 })
  fileKind!: 'xlsx' | 'csv';

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun!: boolean;

  @Column({ type: 'varchar', length: 12 })
  status!: ImportStatus;

  @Column({ type: 'varchar', length: 12 })
  phase!: ImportPhase;

  @Column({ name: 'rows_processed', type: 'integer', default: 0 })
  rowsProcessed!: number;

  @Column({ type: 'jsonb', nullable: true })
  counts!: ImportCounts | null;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  /** The first errors (capped); `error_count` has the total. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors!: ImportError[];

  /**
   * The uploaded bytes of a rejected batch, sealed (see UploadVault), for its error report;
   * deleted after the retention period or once a later upload of the jurisdiction commits.
   */
  @Column({ type: 'bytea', nullable: true, select: false })
  file!: Buffer | null;

  /** When `file` was deleted; null while it is kept or when none was ever kept. */
  @Column({ name: 'file_purged_at', type: 'timestamptz', nullable: true })
  filePurgedAt!: Date | null;
}
