import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { BaseEntity } from 'src/database/base.entity';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { Defendant } from 'src/defendants/defendant.entity';
import { ProsecutionOutcome } from 'src/reference/code-lists';

/** One defendant charged in court in one case. */
@Entity({ name: 'prosecutions' })
@Index('IDX_prosecutions_case', ['caseId'])
@Index('IDX_prosecutions_date', ['prosecutionDate'])
@Check('CHK_prosecutions_outcome', `outcome IN ('pending', 'convicted', 'acquitted', 'discharged', 'withdrawn')`)
@Check('CHK_prosecutions_outcome_date', 'outcome_date IS NULL OR outcome_date >= prosecution_date')
@Check('CHK_prosecutions_decided_has_date', `outcome = 'pending' OR outcome = 'withdrawn' OR outcome_date IS NOT NULL`)
@Check('CHK_prosecutions_pending_no_date', `outcome <> 'pending' OR outcome_date IS NULL`)
export class Prosecution extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRecord?: CaseRecord;

  @Column({ name: 'defendant_id', type: 'uuid', unique: true })
  defendantId!: string;

  @OneToOne(() => Defendant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'defendant_id' })
  defendant?: Defendant;

  @Column({ type: 'text', nullable: true })
  court!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  charges!: string[];

  /** Challan accepted / charge filed in court: when the prosecution began. */
  @Column({ name: 'prosecution_date', type: 'date' })
  prosecutionDate!: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  outcome!: ProsecutionOutcome;

  @Column({ name: 'outcome_date', type: 'date', nullable: true })
  outcomeDate!: string | null;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_batch_id' })
  importBatch?: ImportBatch;
}
