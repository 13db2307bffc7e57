import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/database/base.entity';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { District } from 'src/jurisdictions/district.entity';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { ReportingUnitJurisdiction } from 'src/reporting-units/reporting-unit-jurisdiction.entity';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';
import { CaseStatus, OffenceFamily, ReportingAgency, TraffickingType } from 'src/reference/code-lists';

/**
 * A registered case (one FIR). Natural key: jurisdiction, district, normalised police
 * station, FIR number and year — unique among cases that are not deleted.
 */
@Entity({ name: 'cases' })
@Index('UQ_cases_natural_key', ['jurisdictionCode', 'districtCode', 'policeStationKey', 'firNumber', 'firYear'], {
  unique: true,
  where: 'deleted_at IS NULL',
})
@Index('IDX_cases_fir_date', ['firDate'])
@Index('IDX_cases_jurisdiction_fir_date', ['jurisdictionCode', 'firDate'])
@Index('IDX_cases_district', ['districtCode'])
@Index('IDX_cases_reporting_unit_fir_date', ['reportingUnitCode', 'firDate'])
@Index('IDX_cases_status', ['status'])
@Index('IDX_cases_jurisdiction_concluded', ['jurisdictionCode', 'investigationConcludedOn'])
@Index('IDX_cases_jurisdiction_status_date', ['jurisdictionCode', 'statusDate'])
// the case list's orders, page after page, with the columns of its scope and common filters
// included (migration CaseListCoveringOrders), which the entity cannot describe
@Index('IDX_cases_live_fir_date_id', { synchronize: false })
@Index('IDX_cases_live_fir_year_date_id', { synchronize: false })
@Index('IDX_cases_live_status_id', { synchronize: false })
@Index('IDX_cases_live_status_date_id', { synchronize: false })
// a unit's cases of one status in the list's order (migration CasesUnitStatusOrder)
@Index('IDX_cases_live_unit_status_fir_date_id', ['reportingUnitCode', 'status', 'firDate', 'id'], {
  where: 'deleted_at IS NULL',
})
// the case list's search: trigram (GIN) indexes, one on an expression, which the entity cannot describe
@Index('IDX_cases_police_station_trigrams', { synchronize: false })
@Index('IDX_cases_fir_number_trigrams', { synchronize: false })
// a search's police stations counted from an index alone (migration PoliceStationKeys), with columns it includes
@Index('IDX_cases_live_police_station', { synchronize: false })
@Check('CHK_cases_fir_year', 'fir_year = EXTRACT(YEAR FROM fir_date)')
@Check('CHK_cases_concluded_after_fir', 'investigation_concluded_on IS NULL OR investigation_concluded_on >= fir_date')
@Check('CHK_cases_status_after_fir', 'status_date >= fir_date')
@Check('CHK_cases_offence_family', `offence_family IN ('tip', 'som', 'mixed')`)
@Check('CHK_cases_trafficking_type', `trafficking_type IS NULL OR trafficking_type IN ('internal', 'transnational')`)
@Check('CHK_cases_reporting_agency', `reporting_agency IN ('police', 'fia', 'other')`)
@Check(
  'CHK_cases_status',
  `status IN ('registered', 'under_investigation', 'challan_submitted', 'under_trial', 'convicted', 'acquitted', 'cancelled', 'untraced', 'transferred', 'closed_other')`,
)
export class CaseRecord extends BaseEntity {
  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 5 })
  jurisdictionCode!: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Jurisdiction;

  @Column({ name: 'district_code', type: 'varchar', length: 16 })
  districtCode!: string;

  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_code' })
  district?: District;

  /** As entered (trimmed). */
  @Column({ name: 'police_station', type: 'text' })
  policeStation!: string;

  /** nameKey(policeStation): "PS Civil Lines" and "P.S. civil lines" are one station. */
  @Column({ name: 'police_station_key', type: 'text' })
  policeStationKey!: string;

  /** The reporting unit the case belongs to; its jurisdiction is one of the unit's. */
  @Column({ name: 'reporting_unit_code', type: 'varchar', length: 40 })
  reportingUnitCode!: string;

  /** The unit's agency, kept equal to it by the key below (a unit's agency change carries over). */
  @Column({ name: 'reporting_agency', type: 'varchar', length: 10 })
  reportingAgency!: ReportingAgency;

  @ManyToOne(() => ReportingUnit, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn([
    { name: 'reporting_unit_code', referencedColumnName: 'code' },
    { name: 'reporting_agency', referencedColumnName: 'agency' },
  ])
  reportingUnit?: ReportingUnit;

  /** A unit gives up a jurisdiction only once none of its cases is registered there. */
  @ManyToOne(() => ReportingUnitJurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'reporting_unit_code', referencedColumnName: 'reportingUnitCode' },
    { name: 'jurisdiction_code', referencedColumnName: 'jurisdictionCode' },
  ])
  reportingUnitJurisdiction?: ReportingUnitJurisdiction;

  /** Text: leading zeros and suffixes survive. */
  @Column({ name: 'fir_number', type: 'varchar', length: 40 })
  firNumber!: string;

  @Column({ name: 'fir_year', type: 'smallint' })
  firYear!: number;

  @Column({ name: 'fir_date', type: 'date' })
  firDate!: string;

  @Column({ name: 'offence_family', type: 'varchar', length: 5 })
  offenceFamily!: OffenceFamily;

  @Column({ name: 'law_sections', type: 'text', array: true, default: () => "'{}'" })
  lawSections!: string[];

  @Column({ name: 'trafficking_type', type: 'varchar', length: 15, nullable: true })
  traffickingType!: TraffickingType | null;

  @Column({ name: 'exploitation_forms', type: 'text', array: true, default: () => "'{}'" })
  exploitationForms!: string[];

  @Column({ type: 'varchar', length: 20 })
  status!: CaseStatus;

  /** The date the current status took effect. */
  @Column({ name: 'status_date', type: 'date' })
  statusDate!: string;

  /** When the police report was filed (challan, cancellation or untraced report). */
  @Column({ name: 'investigation_concluded_on', type: 'date', nullable: true })
  investigationConcludedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  /**
   * Goes up with every change of the case or of its victims, defendants, prosecutions,
   * convictions or route, whoever makes it (a form, the API, an import): the database's
   * triggers count it (migration CaseVersions1795700800000), so no write can forget to. A
   * write that names the version it read (If-Match) is refused once it has moved on. The
   * application never writes it (a case saved after its records changed would set it back).
   */
  @Column({ type: 'integer', default: 1, insert: false, update: false })
  version!: number;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** The import batch that last wrote the case, if any. */
  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  @ManyToOne(() => ImportBatch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_batch_id' })
  importBatch?: ImportBatch;
}
