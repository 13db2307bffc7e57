import { UnitRow } from 'src/reporting-units/reporting-units.repository';

export class ReportingUnitResponse {
  code!: string;
  name!: string;
  /** police, fia or other. */
  agency!: string;
  /** The jurisdictions (ISO 3166-2) the unit registers cases in. */
  jurisdictions!: string[];
  active!: boolean;
  /** Its cases (not deleted). */
  cases!: number;
  /** Its focal persons' accounts (disabled ones too). */
  focalPersons!: number;
}

export function toReportingUnitResponse(row: UnitRow): ReportingUnitResponse {
  return {
    code: row.unit.code,
    name: row.unit.name,
    agency: row.unit.agency,
    jurisdictions: row.jurisdictions,
    active: row.unit.active,
    cases: row.cases,
    focalPersons: row.focalPersons,
  };
}
