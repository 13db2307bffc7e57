import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseStatus, ReportingAgency, Sex } from 'src/reference/code-lists';
import { AGE_BAND, identifiedIn } from 'src/statistics/counting-rules.sql';

/** What the export reads of one victim: coded values only, never a ref, name, CNIC hash or text. */
export interface VictimFacts {
  readonly victimId: string;
  readonly sex: Sex;
  readonly ageBand: string;
  /** ISO 3166-1 alpha-2 of the nationality, null when not recorded. */
  readonly citizenship: string | null;
  readonly year: number;
  /** The victim's exploitation forms, else the case's. */
  readonly forms: string[];
  readonly status: CaseStatus;
  readonly agency: ReportingAgency;
  /** The route's countries (alpha-2) by kind, in route order. */
  readonly origins: string[];
  readonly transits: string[];
  readonly destinations: string[];
  readonly outcomes: string[];
}

const routeCountries = (kind: string) => `
  ARRAY(SELECT country.alpha2 FROM route_points route_point JOIN countries country ON country.alpha3 = route_point.country_code
         WHERE route_point.case_id = stored_case.id AND route_point.kind = '${kind}' ORDER BY route_point.position)`;

/**
 * The victims identified in the period (the identified-on date, else the case's FIR date: the
 * statistics' rule) of trafficking cases — `tip` and `mixed`, not smuggling alone — that are not
 * deleted. National: only admins and analysts may ask.
 */
const VICTIMS_SQL = `
  SELECT victim.id AS "victimId", victim.sex, ${AGE_BAND('victim.age')} AS "ageBand",
         citizenship.alpha2 AS citizenship,
         EXTRACT(YEAR FROM COALESCE(victim.identified_on, stored_case.fir_date))::int AS year,
         CASE WHEN cardinality(victim.exploitation_forms) > 0 THEN victim.exploitation_forms
              ELSE stored_case.exploitation_forms END AS forms,
         stored_case.status, stored_case.reporting_agency AS agency,
         ${routeCountries('origin')} AS origins,
         ${routeCountries('transit')} AS transits,
         ${routeCountries('destination')} AS destinations,
         ARRAY(SELECT prosecution.outcome::text FROM prosecutions prosecution
                WHERE prosecution.case_id = stored_case.id) AS outcomes
    FROM victims victim
    JOIN cases stored_case ON stored_case.id = victim.case_id
    LEFT JOIN countries citizenship ON citizenship.alpha3 = victim.nationality
   WHERE stored_case.deleted_at IS NULL
     AND stored_case.offence_family IN ('tip', 'mixed')
     AND ${identifiedIn('victim', 'stored_case', { from: '$1::date', to: '$2::date' })}`;

@Injectable()
export class HtcdsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  victims(from: string, to: string): Promise<VictimFacts[]> {
    return this.dataSource.query(VICTIMS_SQL, [from, to]);
  }
}
