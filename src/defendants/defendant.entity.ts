import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { BaseEntity } from 'src/database/base.entity';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { Country } from 'src/reference/country.entity';
import { CustodyStatus, Sex } from 'src/reference/code-lists';

/** A perpetrator or suspected perpetrator in a case. */
@Entity({ name: 'defendants' })
@Index('UQ_defendants_case_ref', ['caseId', 'ref'], { unique: true })
@Check('CHK_defendants_age', 'age IS NULL OR (age >= 0 AND age <= 120)')
@Check('CHK_defendants_sex', `sex IN ('male', 'female', 'transgender', 'unknown')`)
@Check(
  'CHK_defendants_custody',
  `custody_status IN ('suspect', 'arrested', 'on_bail', 'absconding', 'proclaimed_offender', 'released')`,
)
export class Defendant extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRecord?: CaseRecord;

  @Column({ type: 'varchar', length: 40 })
  ref!: string;

  /** Restricted: never in logs, statistics or external exports. */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** HMAC-SHA256 of the 13 CNIC digits: the same person across cases and jurisdictions. */
  @Index()
  @Column({ name: 'cnic_hash', type: 'varchar', length: 64, nullable: true })
  cnicHash!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'unknown' })
  sex!: Sex;

  @Column({ type: 'smallint', nullable: true })
  age!: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  nationality!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  role!: string | null;

  @Column({ name: 'custody_status', type: 'varchar', length: 20, default: 'suspect' })
  custodyStatus!: CustodyStatus;

  @Column({ name: 'group_name', type: 'text', nullable: true })
  groupName!: string | null;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nationality' })
  nationalityCountry?: Country;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_batch_id' })
  importBatch?: ImportBatch;
}
