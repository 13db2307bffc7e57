import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CaseRecord } from 'src/cases/case.entity';
import { BaseEntity } from 'src/database/base.entity';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { District } from 'src/jurisdictions/district.entity';
import { Country } from 'src/reference/country.entity';
import { Referral, Sex } from 'src/reference/code-lists';

/** A victim of a case. No name is kept; a CNIC only as a keyed hash. */
@Entity({ name: 'victims' })
@Index('UQ_victims_case_ref', ['caseId', 'ref'], { unique: true })
@Index('IDX_victims_identified_on', ['identifiedOn'])
@Check('CHK_victims_age', 'age IS NULL OR (age >= 0 AND age <= 120)')
@Check('CHK_victims_sex', `sex IN ('male', 'female', 'transgender', 'unknown')`)
@Check('CHK_victims_referred_to', `referred_to IS NULL OR referred_to IN ('shelter', 'ngo', 'none')`)
export class Victim extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  caseRecord?: CaseRecord;

  /** The uploader's reference within the case ("V1"); pseudonymous. */
  @Column({ type: 'varchar', length: 40 })
  ref!: string;

  @Column({ type: 'varchar', length: 12, default: 'unknown' })
  sex!: Sex;

  @Column({ type: 'smallint', nullable: true })
  age!: number | null;

  @Column({ name: 'age_estimated', type: 'boolean', default: false })
  ageEstimated!: boolean;

  @Column({ type: 'char', length: 3, nullable: true })
  nationality!: string | null;

  @Column({ name: 'residence_district_code', type: 'varchar', length: 16, nullable: true })
  residenceDistrictCode!: string | null;

  @Column({ name: 'residence_country', type: 'char', length: 3, nullable: true })
  residenceCountry!: string | null;

  @Column({ name: 'exploitation_forms', type: 'text', array: true, default: () => "'{}'" })
  exploitationForms!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vulnerabilities!: string[];

  @Column({ name: 'identified_on', type: 'date', nullable: true })
  identifiedOn!: string | null;

  @Column({ name: 'referred_to', type: 'varchar', length: 10, nullable: true })
  referredTo!: Referral | null;

  @Column({ type: 'boolean', nullable: true })
  repatriated!: boolean | null;

  /** HMAC-SHA256 of the 13 CNIC digits under CNIC_HMAC_SECRET. */
  @Index()
  @Column({ name: 'cnic_hash', type: 'varchar', length: 64, nullable: true })
  cnicHash!: string | null;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'nationality' })
  nationalityCountry?: Country;

  @ManyToOne(() => Country, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'residence_country' })
  residenceCountryRef?: Country;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'residence_district_code' })
  residenceDistrict?: District;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_batch_id' })
  importBatch?: ImportBatch;
}
