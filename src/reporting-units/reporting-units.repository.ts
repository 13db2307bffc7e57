import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UnitScope } from 'src/auth/auth-user';
import { within } from 'src/database/transactions';
import { ReportingUnit } from 'src/reporting-units/reporting-unit.entity';

/** A unit with its jurisdictions and how many cases and focal persons it has. */
export interface UnitRow {
  unit: ReportingUnit;
  jurisdictions: string[];
  cases: number;
  focalPersons: number;
}

/** Reporting units and the jurisdictions each registers cases in. */
@Injectable()
export class ReportingUnitsRepository {
  constructor(@InjectRepository(ReportingUnit) private readonly units: Repository<ReportingUnit>) {}

  /** Every unit (or one), with its jurisdictions and counts (its live cases from the case list's kept counts), by agency then code. */
  async rows(code?: string, manager?: EntityManager): Promise<UnitRow[]> {
    const found = await within(this.units, manager).find({
      where: code ? { code } : {},
      relations: { jurisdictions: true },
      order: { agency: 'ASC', code: 'ASC' },
    });
    if (!found.length) return [];
    const counts: { code: string; cases: number; focal_persons: number }[] = await (
      manager ?? this.units.manager
    ).query(
      `SELECT unit.code,
              (SELECT COALESCE(sum(counted.cases), 0)::int FROM case_list_counts counted WHERE counted.reporting_unit_code = unit.code) AS cases,
              (SELECT count(*)::int FROM users WHERE reporting_unit_code = unit.code) AS focal_persons
         FROM unnest($1::varchar[]) AS unit(code)`,
      [found.map((u) => u.code)],
    );
    const byCode = new Map(counts.map((c) => [c.code, c]));
    return found.map((unit) => ({
      unit,
      jurisdictions: (unit.jurisdictions ?? []).map((j) => j.jurisdictionCode).sort(),
      cases: byCode.get(unit.code)?.cases ?? 0,
      focalPersons: byCode.get(unit.code)?.focal_persons ?? 0,
    }));
  }

  /** The unit as a scope (code, name, agency, jurisdictions), or null when there is none. */
  async scope(code: string, manager?: EntityManager): Promise<(UnitScope & { active: boolean }) | null> {
    const unit = await within(this.units, manager).findOne({ where: { code }, relations: { jurisdictions: true } });
    return unit && toScope(unit);
  }

  /** Locks the unit until the transaction ends (changes to one unit are serialised). */
  lock(code: string, manager: EntityManager): Promise<ReportingUnit | null> {
    return manager.findOne(ReportingUnit, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(unit: Omit<ReportingUnit, 'createdAt' | 'updatedAt' | 'jurisdictions'>, manager: EntityManager) {
    await manager.insert(ReportingUnit, unit);
  }

  async update(
    code: string,
    fields: Partial<Pick<ReportingUnit, 'name' | 'agency' | 'active'>>,
    manager: EntityManager,
  ) {
    await manager.update(ReportingUnit, { code }, { ...fields, updatedAt: new Date() });
  }

  async setJurisdictions(code: string, jurisdictions: readonly string[], manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM reporting_unit_jurisdictions WHERE reporting_unit_code = $1 AND NOT jurisdiction_code = ANY($2::varchar[])`,
      [code, jurisdictions],
    );
    await manager.query(
      `INSERT INTO reporting_unit_jurisdictions (reporting_unit_code, jurisdiction_code)
       SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`,
      [code, jurisdictions],
    );
  }

  /** The unit's cases (deleted ones too: they keep their unit) per jurisdiction outside `keep`. */
  async casesOutside(code: string, keep: readonly string[], manager: EntityManager): Promise<Map<string, number>> {
    const rows: { jurisdiction_code: string; cases: number }[] = await manager.query(
      `SELECT jurisdiction_code, count(*)::int AS cases FROM cases
        WHERE reporting_unit_code = $1 AND NOT jurisdiction_code = ANY($2::varchar[])
        GROUP BY jurisdiction_code ORDER BY jurisdiction_code`,
      [code, keep],
    );
    return new Map(rows.map((r) => [r.jurisdiction_code, r.cases]));
  }

  async caseCount(code: string, manager: EntityManager): Promise<number> {
    const [row]: { cases: number }[] = await manager.query(
      `SELECT count(*)::int AS cases FROM cases WHERE reporting_unit_code = $1`,
      [code],
    );
    return row.cases;
  }

  /** Ends every session of the unit's focal persons (their scope changed). */
  async revokeTokensOfUnit(code: string, manager: EntityManager): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE users SET token_version = token_version + 1 WHERE reporting_unit_code = $1`,
      [code],
    );
    return result[1];
  }

  /**
   * The police unit of each jurisdiction: the active police unit covering that jurisdiction
   * alone (`POLICE-PK-PB` for PK-PB when there are several, else the first by code).
   */
  async policeUnits(manager?: EntityManager): Promise<Map<string, string>> {
    const rows: { jurisdiction: string; code: string }[] = await (manager ?? this.units.manager).query(
      `SELECT DISTINCT ON (j.jurisdiction_code) j.jurisdiction_code AS jurisdiction, unit.code
         FROM reporting_units unit
         JOIN reporting_unit_jurisdictions j ON j.reporting_unit_code = unit.code
        WHERE unit.agency = 'police' AND unit.active
          AND (SELECT count(*) FROM reporting_unit_jurisdictions o WHERE o.reporting_unit_code = unit.code) = 1
        ORDER BY j.jurisdiction_code, unit.code = 'POLICE-' || j.jurisdiction_code DESC, unit.code`,
    );
    return new Map(rows.map((r) => [r.jurisdiction, r.code]));
  }

  /** The police unit of one jurisdiction (see `policeUnits`), or null. */
  async policeUnitOf(jurisdiction: string, manager?: EntityManager): Promise<string | null> {
    return (await this.policeUnits(manager)).get(jurisdiction) ?? null;
  }

  /** The codes of every agency's units, in one read (an agency without units is absent): the statistics' and case list's agency filters. */
  async codesByAgency(): Promise<Map<string, string[]>> {
    const rows: Array<{ agency: string; codes: string[] }> = await this.units.query(
      'SELECT agency, array_agg(code ORDER BY code) AS codes FROM reporting_units GROUP BY agency',
    );
    return new Map(rows.map((r) => [r.agency, r.codes]));
  }
}

export function toScope(unit: ReportingUnit): UnitScope & { active: boolean } {
  return {
    code: unit.code,
    name: unit.name,
    agency: unit.agency,
    active: unit.active,
    jurisdictions: (unit.jurisdictions ?? []).map((j) => j.jurisdictionCode).sort(),
  };
}
