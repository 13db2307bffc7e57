/**
 * Periods cut at days, answered from the monthly cube and the case tables together.
 *
 * A period `from`–`to` holds whole months `F`–`T` (the cube counts them) and edge days:
 * `from`–(F − 1) and (T + 1)–`to`. Every figure is a sum over cases (or persons, or events), so
 * it is the cube's figure of `F`–`T` plus what the edge days add, counted by the case tables
 * through their date indexes in one of three ways (EdgeFigure.edges in statistics.repository.ts):
 * - `days`: a figure that counts each case, person or event by one date in the period (cases
 *   registered, victims identified, prosecutions, judgments: routes, attrition, vulnerabilities,
 *   hotspots, demographics of the cases registered, trends) adds the same figure of each edge's
 *   days — the figure's own case-table query over them, restricted to the cases with one of its
 *   dates (EdgeSource) on that edge, so that it reads them through the date indexes;
 * - `cases`: a figure that counts a case once whatever its dates (status as at the end, persons of
 *   the cases prosecuted): a case with none of the figure's dates (EdgeSource) on an edge day
 *   counts the same in `from`–`to` as in `F`–`T`, so the figure adds the edge cases' figure of
 *   `from`–`to` and subtracts their figure of `F`–`T`, both by the figure's own query restricted
 *   to those cases;
 * - the summary adds EDGE_SUMMARY, what the edge days change of each of its figures, derived below;
 *   the trend of cases under investigation corrects the cube's trend over the days themselves
 *   (investigatedTrendCorrections).
 * StatisticsRepository runs the parts in one snapshot in which the cube is up to date, and adds
 * them up with the SQL below, which orders and limits the rows as the figure's own query does.
 */

import { MEDIAN_COLUMNS, MEDIANS } from 'src/statistics/statistics-cube.sql';
import { TrendGroup } from 'src/statistics/dto/statistics-query.dto';
import {
  ATTRITION_MEASURES,
  periodsSql,
  SCOPED,
  scopedSql,
  SUMMARY_FIGURES,
  TREND_KEYS,
} from 'src/statistics/statistics.sql';

/** The edge days' bounds, bound after a query's own parameters: the first edge's first and last day, the second's (null: none). */
export type EdgeDays = [string | null, string | null, string | null, string | null];

/** SQL true when `date` falls on an edge day (the edges' bounds `a`–`b`, `c`–`d`). */
const onEdge = (date: string, [a, b, c, d]: string[]) =>
  `(${date} BETWEEN ${a} AND ${b} OR ${date} BETWEEN ${c} AND ${d})`;

/** The dates a figure compares with its period, and the cases with one on an edge day. */
const EDGE_SOURCES = {
  fir: (edge: string[]) => `SELECT tip_case.id FROM cases tip_case WHERE ${onEdge('tip_case.fir_date', edge)}`,
  status: (edge: string[]) => `
    SELECT tip_case.id FROM cases tip_case WHERE tip_case.deleted_at IS NULL AND ${onEdge('tip_case.status_date', edge)}
    UNION SELECT status_event.case_id FROM case_status_events status_event WHERE ${onEdge('status_event.status_date', edge)}`,
  prosecution: (edge: string[]) =>
    `SELECT prosecution.case_id FROM prosecutions prosecution WHERE ${onEdge('prosecution.prosecution_date', edge)}`,
  judgment: (edge: string[]) => `
    SELECT prosecution.case_id FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
     WHERE ${onEdge('conviction.judgment_date', edge)}`,
  identified: (edge: string[]) =>
    `SELECT victim.case_id FROM victims victim WHERE ${onEdge('victim.identified_on', edge)}`,
};
export type EdgeSource = keyof typeof EDGE_SOURCES;

/**
 * A query of statistics.sql.ts restricted to the cases with one of the dates `sources` on an
 * edge day, which it takes as four parameters after its own (EdgeDays).
 */
export function onEdgeCases(sql: string, sources: EdgeSource[]): string {
  if (!sql.includes(SCOPED)) throw new Error('not a query of the case tables');
  const next = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const edge = [0, 1, 2, 3].map((i) => `$${next + i}::date`);
  return sql.replace(
    SCOPED,
    `edge_cases AS MATERIALIZED (
       SELECT DISTINCT id FROM (${sources.map((source) => EDGE_SOURCES[source](edge)).join(' UNION ALL ')}) edge_case(id)),
     ${scopedSql('edge_cases JOIN cases tip_case ON tip_case.id = edge_cases.id')}`,
  );
}

/**
 * What the edge days change of each figure of the summary (SUMMARY_BY_JURISDICTION), per
 * jurisdiction and reporting unit (a unit filter, and the summary by agency, pick its rows): its
 * eight parameters ($8, the units, null), then the edges' bounds ($9–$12, EdgeDays) and the whole
 * months' first and last day ($13, $14). With E the edge days, E1 the first edge, E2 the second:
 * - cases registered, prosecutions (persons), persons convicted (one conviction per defendant),
 *   victims identified and suspects count each row by one date: those dated in E;
 * - cases investigated (FIR ≤ to, not concluded before from): a case registered in E2 and not
 *   concluded before `from`, and a case registered by T whose investigation concluded in E1 (it
 *   was open on `from` but not on F); nothing else changes;
 * - distinct cases prosecuted (convicted): a case with a prosecution (judgment) in E and none in
 *   F–T, once.
 * test/statistics-cube.e2e-spec.ts compares the sums with the case tables on random periods.
 */
export const EDGE_SUMMARY = `
  WITH ${SCOPED},
  edge_prosecutions AS MATERIALIZED (
    SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code, prosecution.case_id,
           NOT EXISTS (SELECT 1 FROM prosecutions whole_month
                        WHERE whole_month.case_id = prosecution.case_id AND whole_month.prosecution_date BETWEEN $13 AND $14) AS new_case
      FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id
     WHERE ${onEdge('prosecution.prosecution_date', ['$9', '$10', '$11', '$12'])}),
  edge_convictions AS MATERIALIZED (
    SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code, prosecution.case_id, prosecution.defendant_id,
           NOT EXISTS (SELECT 1 FROM prosecutions other JOIN convictions whole_month ON whole_month.prosecution_id = other.id
                        WHERE other.case_id = prosecution.case_id AND whole_month.judgment_date BETWEEN $13 AND $14) AS new_case
      FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
      JOIN scoped tip_case ON tip_case.id = prosecution.case_id
     WHERE ${onEdge('conviction.judgment_date', ['$9', '$10', '$11', '$12'])}),
  edge_figures (jurisdiction_code, reporting_unit_code, figure, n) AS (
    SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code, 'casesRegistered', count(*) FROM scoped tip_case
     WHERE ${onEdge('tip_case.fir_date', ['$9', '$10', '$11', '$12'])} GROUP BY 1, 2
    UNION ALL
    SELECT jurisdiction_code, reporting_unit_code, 'casesInvestigated', count(*) FROM (
      SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code FROM scoped tip_case
       WHERE tip_case.fir_date BETWEEN $11 AND $2 AND (tip_case.investigation_concluded_on IS NULL OR tip_case.investigation_concluded_on >= $1)
      UNION ALL
      SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code FROM jurisdictions jurisdiction JOIN scoped tip_case ON tip_case.jurisdiction_code = jurisdiction.code
       WHERE tip_case.investigation_concluded_on BETWEEN $9 AND $10 AND tip_case.fir_date <= $14) opened GROUP BY 1, 2
    UNION ALL
    SELECT jurisdiction_code, reporting_unit_code, 'prosecutedPersons', count(*) FROM edge_prosecutions GROUP BY 1, 2
    UNION ALL
    SELECT jurisdiction_code, reporting_unit_code, 'prosecutedCases', count(DISTINCT case_id) FROM edge_prosecutions WHERE new_case GROUP BY 1, 2
    UNION ALL
    SELECT jurisdiction_code, reporting_unit_code, 'convictedPersons', count(DISTINCT defendant_id) FROM edge_convictions GROUP BY 1, 2
    UNION ALL
    SELECT jurisdiction_code, reporting_unit_code, 'convictedCases', count(DISTINCT case_id) FROM edge_convictions WHERE new_case GROUP BY 1, 2
    UNION ALL
    SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code, 'victimsIdentified', count(*) FROM (
      SELECT victim.case_id FROM victims victim WHERE ${onEdge('victim.identified_on', ['$9', '$10', '$11', '$12'])}
      UNION ALL
      SELECT victim.case_id FROM cases registered JOIN victims victim ON victim.case_id = registered.id
       WHERE victim.identified_on IS NULL AND ${onEdge('registered.fir_date', ['$9', '$10', '$11', '$12'])}) identified
      JOIN scoped tip_case ON tip_case.id = identified.case_id GROUP BY 1, 2
    UNION ALL
    SELECT tip_case.jurisdiction_code, tip_case.reporting_unit_code, 'suspects', count(*) FROM scoped tip_case JOIN defendants defendant ON defendant.case_id = tip_case.id
     WHERE ${onEdge('tip_case.fir_date', ['$9', '$10', '$11', '$12'])} GROUP BY 1, 2)
  SELECT jurisdiction_code AS jurisdiction, reporting_unit_code AS "reportingUnit",
         ${SUMMARY_FIGURES.map((figure) => `COALESCE(sum(n) FILTER (WHERE figure = '${figure}'), 0)::int AS "${figure}"`).join(',\n         ')}
    FROM edge_figures WHERE $3::varchar IS NULL OR jurisdiction_code = $3 GROUP BY 1, 2`;

/** A figure's query with a trailing `LIMIT 25` removed: the figure is limited once its parts are added up. */
export const unlimited = (sql: string) => sql.replace(/\s+LIMIT 25\s*$/, '');

/**
 * The SQL adding up a figure's parts ($1: their rows, as a JSON array; the parts to subtract
 * negated): the sums of the columns `sums` by the columns `keys`, ordered by `order` and limited
 * to $2 rows (null: all); a key whose sums are all zero is left out unless `keepZeros` (the
 * summary lists every jurisdiction).
 */
function addedUp(keys: string[], sums: string[], order: string, keepZeros = false): string {
  const quoted = (names: string[]) => names.map((name) => `"${name}"`);
  const having = keepZeros
    ? ''
    : ` HAVING ${quoted(sums)
        .map((sum) => `sum(${sum}) <> 0`)
        .join(' OR ')}`;
  return `
  SELECT ${[...quoted(keys), ...quoted(sums).map((sum) => `COALESCE(sum(${sum}), 0)::int AS ${sum}`)].join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS part(${[...quoted(keys).map((key) => `${key} text`), ...quoted(sums).map((sum) => `${sum} int`)].join(', ')})
   GROUP BY ${quoted(keys).join(', ')}${having} ORDER BY ${order} LIMIT $2`;
}

/** How each figure's parts are added up: the figure's keys, its sums and its query's order. */
export const ADDED_UP = {
  summary: addedUp(['jurisdiction'], SUMMARY_FIGURES, '"jurisdiction"', true),
  status: addedUp(['jurisdiction', 'status'], ['count'], '1, 2'),
  demographics: addedUp(['sex', 'ageGroup', 'ageBand', 'nationality'], ['count'], '5 DESC, 1, 3, 4'),
  vulnerabilities: addedUp(['vulnerability', 'sex', 'ageGroup'], ['count'], '4 DESC, 1, 2, 3'),
  routeFlows: addedUp(['origin', 'destination'], ['cases', 'victims'], '3 DESC, 4 DESC, 1, 2'),
  routeTransits: addedUp(['place'], ['cases'], '2 DESC, 1'),
  routeLegs: addedUp(['leg', 'from', 'to'], ['cases'], '4 DESC, 1, 2, 3'),
  hotspots: addedUp(['district', 'districtName', 'jurisdiction'], ['victims'], '4 DESC, 1'),
};

/**
 * A trend's parts ($1) added up in its periods ($2 interval, $3 from, $4 to; every period present
 * for every key counted in one, and `all` for $5 = 'none'), as trendQuerySql.
 */
export const TREND_ADDED_UP = `
  WITH ${periodsSql('$2', '$3', '$4')},
  counted AS (
    SELECT part.start::date AS start, part.key, sum(part.value) AS value
      FROM jsonb_to_recordset($1::jsonb) AS part(start text, key text, value int) GROUP BY 1, 2),
  keys AS (SELECT DISTINCT key FROM counted WHERE value > 0 UNION SELECT 'all' WHERE $5 = 'none')
  SELECT period.start::text AS start, keys.key, COALESCE(counted.value, 0)::int AS value
    FROM periods period CROSS JOIN keys LEFT JOIN counted ON counted.start = period.start AND counted.key = keys.key
   ORDER BY 2, 1`;

/**
 * The trend of cases under investigation from its parts ($1, as cubeInvestigatedTrendSql's
 * parts; $2 interval, $3 from, $4 to, $5 group): each period's count added up, for the keys whose
 * cases registered by the period's end (the rows without a period) add up to more than 0, and
 * `all` for $5 = 'none'; as parts again (`asParts`) with those rows.
 */
export function investigatedAddedUp(asParts: boolean): string {
  return `
  WITH ${periodsSql('$2', '$3', '$4')},
  counted AS (
    SELECT part.start::date AS start, part.key, sum(part.value)::int AS value
      FROM jsonb_to_recordset($1::jsonb) AS part(start text, key text, value int) GROUP BY 1, 2),
  keys AS (SELECT key FROM counted WHERE start IS NULL AND value > 0 UNION SELECT 'all' WHERE $5 = 'none')
  SELECT period.start::text AS start, keys.key, COALESCE(counted.value, 0)::int AS value
    FROM periods period CROSS JOIN keys LEFT JOIN counted ON counted.start = period.start AND counted.key = keys.key${
      asParts
        ? `
  UNION ALL
  SELECT NULL, counted.key, counted.value FROM counted WHERE counted.start IS NULL AND counted.value <> 0`
        : ''
    }
   ORDER BY 2, 1`;
}

/**
 * Attrition from its parts ($1: rows of measure, days, n — ATTRITION_PARTS): each count (days
 * null) added up, and each median read from the added-up distribution of days, as CUBE_ATTRITION reads it.
 */
export const ATTRITION_ADDED_UP = `
  WITH part AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS part(measure text, days int, n int)),
  distribution AS (
    SELECT measure, days, sum(n) AS n FROM part WHERE days IS NOT NULL GROUP BY 1, 2 HAVING sum(n) <> 0),
  ${MEDIANS}
  SELECT ${ATTRITION_MEASURES.map((measure) => `COALESCE(sum(n) FILTER (WHERE days IS NULL AND measure = '${measure}'), 0)::int AS "${measure}"`).join(',\n         ')},
         ${MEDIAN_COLUMNS}
    FROM part`;

/** Attrition's parts ($1, as ATTRITION_PARTS) added up into parts again: each count, and each distribution's days. */
export const ATTRITION_PARTS_ADDED_UP = `
  SELECT measure, days, sum(n)::int AS n FROM jsonb_to_recordset($1::jsonb) AS part(measure text, days int, n int)
   GROUP BY 1, 2 HAVING days IS NULL OR sum(n) <> 0`;

/**
 * The trend of cases under investigation over a period cut at days ($1 from, $2 to, $9 interval,
 * $10 group, as trendQuerySql) is the cube's trend with the same parameters corrected here
 * (`corrections` takes $1–$9, `absent` $1–$8).
 * The cube counts in each period the cases registered in the months up to its end minus those
 * concluded in the months before its start (for the first period, before the month of $1).
 * Against the case tables' count it differs only in the first period, where it also counts the
 * cases concluded from the first of $1's month to the day before $1 (they were no longer open
 * on $1), and in the last, where it also counts the cases registered after $2 in $2's month:
 * `corrections` subtracts them, by key, from those periods. `absent` are the keys the cube
 * lists only for those late registrations (a key with no case registered by $2), left out.
 */
export function investigatedTrendCorrections(group: TrendGroup): { corrections: string; absent: string } {
  const { key, join } = TREND_KEYS[group];
  const lateRegistered = `tip_case.fir_date > $2 AND tip_case.fir_date <= (date_trunc('month', $2::date) + interval '1 month' - interval '1 day')::date`;
  return {
    corrections: `
  WITH ${SCOPED}
  SELECT date_trunc($9, $1::date)::date::text AS start, ${key} AS key, -count(*)::int AS value
    FROM scoped tip_case ${join}
   WHERE tip_case.investigation_concluded_on >= date_trunc('month', $1::date) AND tip_case.investigation_concluded_on < $1
   GROUP BY 1, 2
  UNION ALL
  SELECT date_trunc($9, $2::date)::date::text, ${key}, -count(*)::int FROM scoped tip_case ${join}
   WHERE ${lateRegistered} GROUP BY 1, 2`,
    absent: `
  WITH ${SCOPED},
  late AS (SELECT DISTINCT ${key} AS group_key FROM scoped tip_case ${join} WHERE ${lateRegistered})
  SELECT late.group_key AS key FROM late
   WHERE $1::date <= $2::date AND NOT EXISTS (
     SELECT 1 FROM scoped tip_case ${join} WHERE tip_case.fir_date <= $2 AND ${key} IS NOT DISTINCT FROM late.group_key)`,
  };
}
