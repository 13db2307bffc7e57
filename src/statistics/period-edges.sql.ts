/**
 * Periods cut at days, answered from the monthly cube and the case tables together.
 *
 * A period `from`–`to` holds whole months `F`–`T` (the cube counts them) and edge days:
 * `from`–(F − 1) and (T + 1)–`to`. Every figure is a sum over cases, and a case with no date
 * on an edge day that a counting rule compares with the period (FIR, investigation concluded,
 * status, a status event, a victim identified, a prosecution begun, a judgment) counts the same
 * in `from`–`to` as in `F`–`T`. So a figure of `from`–`to` is the cube's figure of `F`–`T`, plus
 * the edge cases' figure of `from`–`to`, minus the edge cases' figure of `F`–`T` — both counted
 * by the case tables' own SQL (statistics.sql.ts) restricted to the cases of the edge days, a
 * few thousand rows read through the date indexes. StatisticsRepository runs the three in one
 * snapshot in which the cube is up to date, and adds them up with the SQL below, which orders
 * and limits the rows as the figure's own query does.
 */

import { MEDIANS } from 'src/statistics/statistics-cube.sql';
import { periodsSql, SCOPED, scopedSql } from 'src/statistics/statistics.sql';

/** The edge days' bounds, bound after a query's own parameters: the first edge's first and last day, the second's (null: none). */
export type EdgeDays = [string | null, string | null, string | null, string | null];

/** The cases with a date on an edge day that some counting rule compares with a period (deleted ones aside). */
function edgeCasesSql(a: string, b: string, c: string, d: string): string {
  const on = (date: string) => `(${date} BETWEEN ${a} AND ${b} OR ${date} BETWEEN ${c} AND ${d})`;
  return `
    SELECT tip_case.id FROM cases tip_case WHERE ${on('tip_case.fir_date')}
    UNION SELECT tip_case.id FROM cases tip_case WHERE tip_case.deleted_at IS NULL AND ${on('tip_case.status_date')}
    UNION SELECT tip_case.id FROM jurisdictions jurisdiction
            JOIN cases tip_case ON tip_case.jurisdiction_code = jurisdiction.code AND ${on('tip_case.investigation_concluded_on')}
    UNION SELECT status_event.case_id FROM case_status_events status_event WHERE ${on('status_event.status_date')}
    UNION SELECT victim.case_id FROM victims victim WHERE ${on('victim.identified_on')}
    UNION SELECT prosecution.case_id FROM prosecutions prosecution WHERE ${on('prosecution.prosecution_date')}
    UNION SELECT prosecution.case_id FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
           WHERE ${on('conviction.judgment_date')}`;
}

/**
 * A query of statistics.sql.ts restricted to the cases of the edge days, which it takes as four
 * parameters after its own (EdgeDays); with a trailing `LIMIT 25` removed (a figure is limited
 * once the parts are added up).
 */
export function onEdgeCases(sql: string): string {
  if (!sql.includes(SCOPED)) throw new Error('not a query of the case tables');
  const next = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const [a, b, c, d] = [0, 1, 2, 3].map((i) => `$${next + i}::date`);
  return sql
    .replace(
      SCOPED,
      `edge_cases AS MATERIALIZED (${edgeCasesSql(a, b, c, d)}),${scopedSql('tip_case.id IN (SELECT id FROM edge_cases)')}`,
    )
    .replace(/\s+LIMIT 25\s*$/, '');
}

/** A cube query with a trailing `LIMIT 25` removed (as onEdgeCases). */
export const unlimited = (sql: string) => sql.replace(/\s+LIMIT 25\s*$/, '');

/** A column of a figure's rows: one it is keyed by, or one that is added up over the parts. */
type Column = [name: string, type: 'text' | 'int', role: 'key' | 'sum'];

/**
 * The SQL adding up a figure's parts ($1: their rows, as a JSON array; the parts to subtract
 * negated) by its keys, ordered by `order` and limited to $2 rows (null: all); a key whose sums
 * are all zero is left out unless `keepZeros` (the summary lists every jurisdiction).
 */
function addedUp(columns: Column[], order: string, keepZeros = false): string {
  const keys = columns.filter(([, , role]) => role === 'key').map(([name]) => `"${name}"`);
  const sums = columns.filter(([, , role]) => role === 'sum').map(([name]) => `"${name}"`);
  const grouped = keys.length
    ? `GROUP BY ${keys.join(', ')}${keepZeros ? '' : ` HAVING ${sums.map((sum) => `sum(${sum}) <> 0`).join(' OR ')}`} ORDER BY ${order}`
    : '';
  return `
  SELECT ${[...keys, ...sums.map((sum) => `COALESCE(sum(${sum}), 0)::int AS ${sum}`)].join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS part(${columns.map(([name, type]) => `"${name}" ${type}`).join(', ')})
   ${grouped} LIMIT $2`;
}

/** How each figure's parts are added up: the figure's columns and its query's order. */
export const ADDED_UP = {
  summary: addedUp(
    [
      ['jurisdiction', 'text', 'key'],
      ...[
        'casesRegistered',
        'casesInvestigated',
        'prosecutedPersons',
        'prosecutedCases',
        'convictedPersons',
        'convictedCases',
        'victimsIdentified',
        'suspects',
      ].map((name): Column => [name, 'int', 'sum']),
    ],
    '"jurisdiction"',
    true,
  ),
  status: addedUp(
    [
      ['jurisdiction', 'text', 'key'],
      ['status', 'text', 'key'],
      ['count', 'int', 'sum'],
    ],
    '1, 2',
  ),
  demographics: addedUp(
    [
      ['sex', 'text', 'key'],
      ['ageGroup', 'text', 'key'],
      ['ageBand', 'text', 'key'],
      ['nationality', 'text', 'key'],
      ['count', 'int', 'sum'],
    ],
    '5 DESC, 1, 3, 4',
  ),
  vulnerabilities: addedUp(
    [
      ['vulnerability', 'text', 'key'],
      ['sex', 'text', 'key'],
      ['ageGroup', 'text', 'key'],
      ['count', 'int', 'sum'],
    ],
    '4 DESC, 1, 2, 3',
  ),
  routeFlows: addedUp(
    [
      ['origin', 'text', 'key'],
      ['destination', 'text', 'key'],
      ['cases', 'int', 'sum'],
      ['victims', 'int', 'sum'],
    ],
    '3 DESC, 4 DESC, 1, 2',
  ),
  routeTransits: addedUp(
    [
      ['place', 'text', 'key'],
      ['cases', 'int', 'sum'],
    ],
    '2 DESC, 1',
  ),
  routeLegs: addedUp(
    [
      ['leg', 'text', 'key'],
      ['from', 'text', 'key'],
      ['to', 'text', 'key'],
      ['cases', 'int', 'sum'],
    ],
    '4 DESC, 1, 2, 3',
  ),
  hotspots: addedUp(
    [
      ['district', 'text', 'key'],
      ['districtName', 'text', 'key'],
      ['jurisdiction', 'text', 'key'],
      ['victims', 'int', 'sum'],
    ],
    '4 DESC, 1',
  ),
  /** Attrition's counts (its medians: ATTRITION_MEDIANS). */
  attrition: addedUp(
    [
      'registered',
      'investigationConcluded',
      'challanSubmitted',
      'prosecuted',
      'convicted',
      'acquitted',
      'cancelled',
      'untraced',
    ].map((name): Column => [name, 'int', 'sum']),
    '',
  ),
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

/** The medians of attrition from its parts' distributions of days ($1: rows of measure, days, n), as CUBE_ATTRITION reads them. */
export const ATTRITION_MEDIANS = `
  WITH distribution AS (
    SELECT part.measure, part.days, sum(part.n) AS n FROM jsonb_to_recordset($1::jsonb) AS part(measure text, days int, n int)
     GROUP BY 1, 2 HAVING sum(part.n) <> 0),
  ${MEDIANS}
  SELECT (SELECT median FROM medians WHERE measure = 'fir_to_challan') AS "firToChallan",
         (SELECT median FROM medians WHERE measure = 'challan_to_judgment') AS "challanToJudgment",
         (SELECT median FROM medians WHERE measure = 'fir_to_judgment') AS "firToJudgment"`;
