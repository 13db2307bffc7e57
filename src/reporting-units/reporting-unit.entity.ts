import { Check, Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ReportingAgency } from 'src/reference/code-lists';
import { ReportingUnitJurisdiction } from 'src/reporting-units/reporting-unit-jurisdiction.entity';

/**
 * An office that registers trafficking cases and reports them: the police of a province or
 * territory, the FIA (or one of its zones), another agency. Every case belongs to one unit and
 * every focal person to one; a focal person reads and writes their unit's cases only.
 */
@Entity({ name: 'reporting_units' })
@Unique('UQ_reporting_units_code_agency', ['code', 'agency'])
@Check('CHK_reporting_units_code', `code ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$'`)
@Check('CHK_reporting_units_agency', `agency IN ('police', 'fia', 'other')`)
export class ReportingUnit {
  /** Upper-case letters, digits and single hyphens: `POLICE-PK-PB`, `FIA`, `FIA-LAHORE`. Never changes. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  agency!: ReportingAgency;

  /** An inactive unit's focal persons cannot sign in and its cases take no new rows; its figures stay. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @OneToMany(() => ReportingUnitJurisdiction, (j) => j.unit)
  jurisdictions?: ReportingUnitJurisdiction[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
