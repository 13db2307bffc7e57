import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Publication } from 'src/exports/suppression/publication';

/** One generated monthly workbook, kept: regenerating a month adds a version, never replaces one. */
@Entity({ name: 'monthly_exports' })
@Index('UQ_monthly_exports_version', ['month', 'audience', 'version'], { unique: true })
@Index('IDX_monthly_exports_generated_by', ['generatedBy', 'generatedAt'])
@Check('CHK_monthly_exports_audience', `audience IN ('ministry', 'internal')`)
@Check('CHK_monthly_exports_trigger', `trigger IN ('scheduled', 'on_demand')`)
export class MonthlyExport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `YYYY-MM` */
  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'varchar', length: 10 })
  audience!: 'ministry' | 'internal';

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'varchar', length: 10 })
  trigger!: 'scheduled' | 'on_demand';

  @CreateDateColumn({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  /** null when the scheduler made it. */
  @Column({ name: 'generated_by', type: 'uuid', nullable: true })
  generatedBy!: string | null;

  @Column({ name: 'generated_by_email', type: 'text', nullable: true })
  generatedByEmail!: string | null;

  /** Ministry workbooks: every figure with its true value and what was shown, so later releases are audited against it. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  published!: Publication | null;
}
