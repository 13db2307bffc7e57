import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { monthsBetween, monthSpan } from 'src/submissions/submission-months';
import { SubmissionStatus } from 'src/submissions/submission.entity';

/** Approved by NPB; submitted, returned or re-opened but not (again) approved; or never submitted. */
export type ReportingState = 'approved' | 'provisional' | 'missing';
export const REPORTING_STATES: readonly ReportingState[] = ['approved', 'provisional', 'missing'];

export interface UnitMonthState {
  /** `YYYY-MM`. */
  month: string;
  state: ReportingState;
  /** The submission's status; null when missing. */
  status: SubmissionStatus | null;
}

export interface UnitReportingState {
  reportingUnit: string;
  name: string;
  agency: string;
  active: boolean;
  /** The jurisdictions the unit registers cases in, by code. */
  jurisdictions: string[];
  months: UnitMonthState[];
}

/** The units whose months are asked about: these codes and/or those covering a jurisdiction; all when neither. */
export interface ReportingStatesQuery {
  from: string;
  to: string;
  units?: readonly string[] | null;
  jurisdiction?: string | null;
}

/**
 * Which units and months lie behind a period's figures: active units (and inactive units with a
 * submission in the period) that match the query, with the state of every month of the period that
 * has ended (in Pakistan). An inactive unit's months without a submission are left out: it is not
 * expected to report.
 */
export const REPORTING_STATES_SQL = `
  WITH period_month AS (
    SELECT month::date AS month FROM unnest($1::date[]) AS month
  ), unit_in_view AS MATERIALIZED (
    SELECT unit.code, unit.name, unit.agency, unit.active,
           ARRAY(SELECT covered.jurisdiction_code::text FROM reporting_unit_jurisdictions covered
                  WHERE covered.reporting_unit_code = unit.code ORDER BY covered.jurisdiction_code) AS jurisdictions
      FROM reporting_units unit
     WHERE ($2::varchar[] IS NULL OR unit.code = ANY($2::varchar[]))
       AND ($3::varchar IS NULL OR EXISTS (
             SELECT 1 FROM reporting_unit_jurisdictions covered
              WHERE covered.reporting_unit_code = unit.code AND covered.jurisdiction_code = $3))
  )
  SELECT unit_in_view.code, unit_in_view.name, unit_in_view.agency, unit_in_view.active, unit_in_view.jurisdictions,
         array_agg(to_char(period_month.month, 'YYYY-MM') ORDER BY period_month.month) AS months,
         array_agg(submission.status ORDER BY period_month.month) AS statuses
    FROM unit_in_view
   CROSS JOIN period_month
    LEFT JOIN submissions submission
      ON submission.reporting_unit_code = unit_in_view.code AND submission.month = period_month.month
   WHERE unit_in_view.active OR submission.id IS NOT NULL
   GROUP BY unit_in_view.code, unit_in_view.name, unit_in_view.agency, unit_in_view.active, unit_in_view.jurisdictions
   ORDER BY unit_in_view.code COLLATE "C"`;

/** A unit, with its months in order and each month's submission status (null: none). */
interface StateRow {
  code: string;
  name: string;
  agency: string;
  active: boolean;
  jurisdictions: string[];
  months: string[];
  statuses: Array<SubmissionStatus | null>;
}

export function stateOf(status: SubmissionStatus | null): ReportingState {
  if (status === 'approved') return 'approved';
  return status ? 'provisional' : 'missing';
}

/** The months (`YYYY-MM`) a period touches that have ended by `today` (a `YYYY-MM-DD` day). */
export function endedMonths(from: string, to: string, today: string): string[] {
  return monthsBetween(from.slice(0, 7), to.slice(0, 7)).filter((month) => monthSpan(month).to < today);
}

/** Reads the reporting state of units' months, in one query (a row per unit, its months as arrays). */
@Injectable()
export class ReportingStates {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(q: ReportingStatesQuery, now = new Date()): Promise<UnitReportingState[]> {
    const months = endedMonths(q.from, q.to, todayInPakistan(now));
    if (!months.length) return [];
    const rows: StateRow[] = await this.dataSource.query(REPORTING_STATES_SQL, [
      months.map((m) => `${m}-01`),
      q.units ? [...q.units] : null,
      q.jurisdiction ?? null,
    ]);
    return rows.map((r) => ({
      reportingUnit: r.code,
      name: r.name,
      agency: r.agency,
      active: r.active,
      jurisdictions: r.jurisdictions,
      months: r.months.map((month, i) => ({ month, state: stateOf(r.statuses[i]), status: r.statuses[i] })),
    }));
  }
}

/** Units and their months in one reporting state. */
export type StateGroups = Record<ReportingState, Array<{ reportingUnit: string; months: string[] }>>;

/** Per state, each unit with a month in it and those months. */
export function groupByState(units: readonly UnitReportingState[]): StateGroups {
  const groups: StateGroups = { approved: [], provisional: [], missing: [] };
  for (const unit of units)
    for (const state of REPORTING_STATES) {
      const months = unit.months.filter((m) => m.state === state).map((m) => m.month);
      if (months.length) groups[state].push({ reportingUnit: unit.reportingUnit, months });
    }
  return groups;
}
