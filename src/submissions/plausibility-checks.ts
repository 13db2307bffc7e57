import { EntityManager } from 'typeorm';
import { PlausibilityWarning } from 'src/submissions/submission.entity';

/** The thresholds of the checks (AppConfig.submissions). */
export interface CheckThresholds {
  outlierFactor: number;
  silentMedian: number;
  unknownShare: number;
  prosecutionYears: number;
}

/** One check: its code, the SQL that finds the cases concerned ($1 unit, $2 month start, $3 month end), and its message. */
interface Check {
  code: string;
  sql: (t: CheckThresholds) => string;
  message: (count: number, t: CheckThresholds, extra: Record<string, number>) => string;
}

/** The unit's live cases. */
const UNIT_CASES = `cases tip_case WHERE tip_case.reporting_unit_code = $1 AND tip_case.deleted_at IS NULL`;

/**
 * Cases registered in each of the 12 months before the month (zero months included): their
 * median, and the month's own count.
 */
const REGISTERED_AGAINST_MEDIAN = `
  WITH months AS (
    SELECT m::date AS month FROM generate_series($2::date - interval '12 months', $2::date - interval '1 month', interval '1 month') m),
  counts AS (
    SELECT months.month, (SELECT count(*) FROM ${UNIT_CASES}
                            AND tip_case.fir_date >= months.month AND tip_case.fir_date < months.month + interval '1 month') AS n
      FROM months)
  SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n) FROM counts)::float AS median,
         (SELECT count(*) FROM ${UNIT_CASES} AND tip_case.fir_date BETWEEN $2 AND $3)::int AS registered,
         ARRAY(SELECT tip_case.id FROM ${UNIT_CASES} AND tip_case.fir_date BETWEEN $2 AND $3 ORDER BY tip_case.fir_date LIMIT 50) AS case_ids`;

/** Checks that name cases: each answers (case_id) rows. */
const CASE_CHECKS: Check[] = [
  {
    code: 'CONVICTED_WITHOUT_PROSECUTION',
    sql: () => `
      SELECT tip_case.id FROM ${UNIT_CASES} AND tip_case.status = 'convicted'
         AND (tip_case.fir_date BETWEEN $2 AND $3 OR tip_case.status_date BETWEEN $2 AND $3)
         AND NOT EXISTS (SELECT 1 FROM prosecutions prosecution WHERE prosecution.case_id = tip_case.id AND prosecution.outcome = 'convicted')`,
    message: (n) => `${n} case(s) convicted without a prosecution that ended in conviction`,
  },
  {
    code: 'PROSECUTION_YEARS_AFTER_FIR',
    sql: (t) => `
      SELECT DISTINCT tip_case.id FROM prosecutions prosecution JOIN ${UNIT_CASES.replace('WHERE', 'ON prosecution.case_id = tip_case.id AND')}
       WHERE prosecution.prosecution_date BETWEEN $2 AND $3
         AND prosecution.prosecution_date >= tip_case.fir_date + interval '${t.prosecutionYears} years'`,
    message: (n, t) => `${n} case(s) with a prosecution begun ${t.prosecutionYears} or more years after the FIR`,
  },
  {
    code: 'POSSIBLE_DUPLICATE',
    sql: () => `
      SELECT tip_case.id FROM ${UNIT_CASES} AND tip_case.fir_date BETWEEN $2 AND $3
         AND EXISTS (SELECT 1 FROM cases other
                      WHERE other.deleted_at IS NULL AND other.id <> tip_case.id AND other.district_code = tip_case.district_code
                        AND other.fir_number = tip_case.fir_number AND other.fir_year = tip_case.fir_year
                        AND other.police_station_key <> tip_case.police_station_key)`,
    message: (n) =>
      `${n} case(s) with the FIR number and year of another case in the same district under a different police-station spelling`,
  },
];

/** Victims of the month's cases without an age, or without a nationality. */
const UNKNOWN_SHARES = `
  SELECT count(*)::int AS victims, count(*) FILTER (WHERE victim.age IS NULL)::int AS no_age,
         count(*) FILTER (WHERE victim.nationality IS NULL)::int AS no_nationality,
         ARRAY(SELECT DISTINCT v.case_id FROM victims v JOIN ${UNIT_CASES.replace('WHERE', 'ON v.case_id = tip_case.id AND')}
                WHERE tip_case.fir_date BETWEEN $2 AND $3 AND (v.age IS NULL OR v.nationality IS NULL) LIMIT 50) AS case_ids
    FROM victims victim JOIN ${UNIT_CASES.replace('WHERE', 'ON victim.case_id = tip_case.id AND')}
   WHERE tip_case.fir_date BETWEEN $2 AND $3`;

/**
 * The plausibility checks of a unit's month (warnings, never refusals): registered cases far
 * beyond the trailing-12-month median, a silent month where cases are usual, convictions
 * without a prosecution, many victims of unknown age or nationality, prosecutions begun years
 * after the FIR, and likely duplicates of a case under another police-station spelling.
 */
export async function plausibilityWarnings(
  manager: EntityManager,
  unit: string,
  month: { from: string; to: string },
  t: CheckThresholds,
): Promise<PlausibilityWarning[]> {
  const params = [unit, month.from, month.to];
  const warnings: PlausibilityWarning[] = [];
  const [trend]: Array<{ median: number; registered: number; case_ids: string[] }> = await manager.query(
    REGISTERED_AGAINST_MEDIAN,
    params,
  );
  if (trend.median > 0 && trend.registered > t.outlierFactor * trend.median)
    warnings.push({
      code: 'REGISTERED_OUTLIER',
      message: `${trend.registered} cases registered, more than ${t.outlierFactor} × the median of the 12 months before (${trend.median})`,
      count: trend.registered,
      caseIds: trend.case_ids,
    });
  if (trend.registered === 0 && trend.median >= t.silentMedian)
    warnings.push({
      code: 'SILENT_MONTH',
      message: `No case registered, where the median of the 12 months before is ${trend.median}`,
      count: 0,
      caseIds: [],
    });
  for (const check of CASE_CHECKS) {
    const rows: Array<{ id: string }> = await manager.query(check.sql(t), params);
    if (rows.length)
      warnings.push({
        code: check.code,
        message: check.message(rows.length, t, {}),
        count: rows.length,
        caseIds: rows.slice(0, 50).map((r) => r.id),
      });
  }
  const [shares]: Array<{ victims: number; no_age: number; no_nationality: number; case_ids: string[] }> =
    await manager.query(UNKNOWN_SHARES, params);
  for (const [code, unknown, what] of [
    ['UNKNOWN_AGES', shares.no_age, 'age'],
    ['UNKNOWN_NATIONALITIES', shares.no_nationality, 'nationality'],
  ] as const)
    if (shares.victims > 0 && unknown / shares.victims > t.unknownShare)
      warnings.push({
        code,
        message: `${unknown} of ${shares.victims} victims have no ${what} recorded`,
        count: unknown,
        caseIds: shares.case_ids,
      });
  return warnings;
}
