import type { ReadScope } from 'src/cases/case-access.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { caseSelection } from 'src/cases/case-selection';
import { CaseExportQuery } from 'src/exports/dto/export-query.dto';
import { AGE_BAND } from 'src/statistics/statistics.sql';

const BATCH = 5000;

export type ExportRow = Array<string | number | null>;

/**
 * The rows of the case-level export, read in keyset batches: each batch after the last key
 * of the one before (no OFFSET, no cursor left open), so memory stays flat at any size.
 */
@Injectable()
export class CaseExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per case the filters select (as the case list selects them), in id order. */
  cases(q: CaseExportQuery, scope: ReadScope): AsyncGenerator<ExportRow[]> {
    return this.batches(caseSql, q, scope);
  }

  /** One row per victim of those cases, by pseudonymous reference. */
  victims(q: CaseExportQuery, scope: ReadScope): AsyncGenerator<ExportRow[]> {
    return this.batches(victimSql, q, scope);
  }

  private async *batches(
    sql: (where: string, after: string) => string,
    q: CaseExportQuery,
    scope: ReadScope,
  ): AsyncGenerator<ExportRow[]> {
    const selection = caseSelection('stored_case', q, scope);
    const [where, params] = this.dataSource.driver.escapeQueryWithParameters(selection.where, selection.params, {}) as [
      string,
      unknown[],
    ];
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ k: string; r: ExportRow }> = await this.dataSource.query(
        sql(where, `$${params.length + 1}::uuid`),
        [...params, after],
      );
      if (!rows.length) return;
      yield rows.map((x) => x.r);
      after = rows[rows.length - 1].k;
      if (rows.length < BATCH) return;
    }
  }
}

/** One row per case, in id order from `after` on. */
const caseSql = (where: string, after: string) => `
  SELECT stored_case.id AS k, json_build_array(
      stored_case.id, stored_case.jurisdiction_code, stored_case.district_code, district.name, stored_case.police_station,
      stored_case.fir_number, stored_case.fir_year, stored_case.fir_date::text, stored_case.offence_family,
      array_to_string(stored_case.law_sections, ', '), stored_case.trafficking_type, array_to_string(stored_case.exploitation_forms, ', '),
      (SELECT string_agg(route_point.country_code || COALESCE('/' || route_point.district_code, ''), ' → ' ORDER BY route_point.position)
         FROM route_points route_point WHERE route_point.case_id = stored_case.id),
      stored_case.status, stored_case.status_date::text, stored_case.investigation_concluded_on::text,
      (SELECT count(*) FROM victims victim WHERE victim.case_id = stored_case.id),
      (SELECT count(*) FROM defendants defendant WHERE defendant.case_id = stored_case.id),
      stored_case.reporting_unit_code, stored_case.reporting_agency) AS r
    FROM cases stored_case JOIN districts district ON district.code = stored_case.district_code
   WHERE ${where} AND stored_case.id > ${after}
   ORDER BY stored_case.id LIMIT ${BATCH}`;

/** Victims by their pseudonymous reference: sex, age band and nationality, never a name or CNIC. */
const victimSql = (where: string, after: string) => `
  SELECT victim.id AS k, json_build_array(
      stored_case.id, stored_case.jurisdiction_code, stored_case.fir_number, stored_case.fir_year, victim.ref, victim.sex, ${AGE_BAND('victim.age')},
      COALESCE(victim.nationality, 'UNK'), array_to_string(victim.exploitation_forms, ', '), array_to_string(victim.vulnerabilities, ', '),
      victim.identified_on::text) AS r
    FROM victims victim JOIN cases stored_case ON stored_case.id = victim.case_id
   WHERE ${where} AND victim.id > ${after}
   ORDER BY victim.id LIMIT ${BATCH}`;
