import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';

/** A jurisdiction a reporting unit may register cases in (the key its cases refer to). */
@Entity({ name: 'reporting_unit_jurisdictions' })
export class ReportingUnitJurisdiction {
  @PrimaryColumn({ name: 'reporting_unit_code', type: 'varchar', length: 40 })
  reportingUnitCode!: string;

  @PrimaryColumn({ name: 'jurisdiction_code', type: 'varchar', length: 5 })
  jurisdictionCode!: string;

  @ManyToOne(() => ReportingUnit, (u) => u.jurisdictions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reporting_unit_code' })
  unit?: ReportingUnit;

  @ManyToOne(() => Jurisdiction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Jurisdiction;
}
