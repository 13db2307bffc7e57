import { TrendMetric } from 'src/statistics/dto/statistics-query.dto';
import { hasTransit } from 'src/statistics/counting-rules.sql';
import {
  AGE_BAND,
  AGE_GROUP,
  ATTRITION_DURATIONS,
  ATTRITION_MEASURES,
  FOLLOWED_TO_TODAY,
  PERIODS,
  placeAt,
  scopeFilter,
} from 'src/statistics/statistics.sql';

/**
 * The monthly statistics cube: the counting rules of statistics.sql.ts, pre-aggregated by
 * month and by what the figures filter on, kept exact.
 *
 * Triggers (migration StatisticsCube and those after it) record in `statistics_dirty`,
 * inside each writing transaction, what a write may have changed: the cases written (with the
 * dimensions a case had before an edit), the months of the dates it removed, or whole
 * jurisdictions; beside the marks of cases, `statistics_changes` logs the rows written (the
 * earlier version of each row updated or deleted). A refresh (StatisticsCube.refresh, under one
 * advisory lock, before a figure is read from the cube) takes them in one snapshot. When every
 * mark names a case, deltaSql subtracts each marked case's contribution as it was at the
 * previous refresh (its rows rebuilt from the log) and adds its contribution now: a single edit
 * reads a few rows. Otherwise CELLS_OF_MARKS turns the marks into cells — a month of one
 * combination of the cube's dimensions (jurisdiction, reporting unit, offence family,
 * trafficking type, forms), or a whole (jurisdiction, month) where the case is not known — and
 * recomputeSql recomputes exactly those cells from the case tables.
 *
 * The CUBE_* queries answer periods from the first of a month to the end of one, for any
 * reporting units (every table keeps the case's unit), without a
 * district filter; StatisticsService sends anything else to statistics.sql.ts. The two are
 * tested to agree (test/statistics-cube.e2e-spec.ts).
 */

/** The refresh's lock, held to the end of its transaction; `locked` false when another refresh holds it. */
export const REFRESH_LOCK = `SELECT pg_try_advisory_xact_lock(hashtext('statistics_cube')) AS locked`;

/** Held, besides REFRESH_LOCK, by a refresh that recomputes a jurisdiction whole (minutes at a million cases). */
export const WHOLE_REFRESH_LOCK = `SELECT pg_advisory_xact_lock(hashtext('statistics_cube_whole'))`;

/** Whether no refresh recomputes a jurisdiction whole (`free`); takes and gives back a shared hold at once. */
export const NO_WHOLE_REFRESH = `
  SELECT CASE WHEN pg_try_advisory_lock_shared(hashtext('statistics_cube_whole'))
              THEN pg_advisory_unlock_shared(hashtext('statistics_cube_whole')) ELSE false END AS free`;

/** The dimension columns most cube tables carry; DIMS from a case `tip_case`, CASE_ROW_DIMS from a per-case row `case_row`. */
const DIM_NAMES = 'jurisdiction_code, reporting_unit_code, offence_family, trafficking_type, exploitation_forms';
const dims = (alias: string) =>
  DIM_NAMES.split(', ')
    .map((name) => `${alias}.${name}`)
    .join(', ');
const DIMS = dims('tip_case');
const CASE_ROW_DIMS = dims('case_row');
const month = (date: string) => `date_trunc('month', ${date})::date`;

/** Whether the row `row` lies in the cell `cell` (a cell without a unit is a whole jurisdiction-month), jurisdiction and month aside. */
const inCell = (cell: string, row: string) =>
  `(${cell}.reporting_unit_code IS NULL OR (${row}.reporting_unit_code = ${cell}.reporting_unit_code AND ${row}.offence_family = ${cell}.offence_family
     AND ${row}.trafficking_type IS NOT DISTINCT FROM ${cell}.trafficking_type AND ${row}.exploitation_forms = ${cell}.exploitation_forms))`;

/** Whether the row `row`, of month `rowMonth`, lies in a dirty cell (its jurisdiction not recomputed whole). */
const inDirtyCell = (row: string, rowMonth: string) =>
  `EXISTS (SELECT 1 FROM statistics_cells cell WHERE cell.jurisdiction_code = ${row}.jurisdiction_code AND cell.month = ${rowMonth}
                  AND ${inCell('cell', row)})`;

/**
 * Which rows a recomputation reads: those of the dirty cells (`cells`), those and every row of
 * the jurisdictions recomputed whole (`whole`), or every row of the marked cases (`cases`: a case's
 * own contribution to the cube, see deltaSql).
 */
export type Recomputed = 'cells' | 'whole' | 'cases';

/** Whether a per-case row `case_row`, of month `caseMonth`, is being recomputed (every row of a marked case is). */
const CASE_ROW_IN_CELLS = (rows: Recomputed, caseMonth: string) =>
  rows === 'cases'
    ? 'true'
    : `(case_row.jurisdiction_code IN (SELECT jurisdiction_code FROM statistics_whole) OR ${inDirtyCell('case_row', caseMonth)})`;

/**
 * Rows of `from` whose case `tip_case` and `date` fall in a dirty cell: every row of a
 * jurisdiction marked whole, plus the rows dated on a day of a dirty cell's jurisdiction and
 * month (read through the date indexes, as many as a jurisdiction-month has) whose case lies in
 * that cell; or (`cases`) every row of the marked cases, through their case's index.
 */
function inCells(rows: Recomputed, select: string, from: string, date: string, where = 'true'): string {
  if (rows === 'cases')
    return `
    SELECT ${select} FROM ${from}
     WHERE tip_case.deleted_at IS NULL AND (${where}) AND tip_case.id IN (SELECT case_id FROM statistics_delta_cases)`;
  return `${
    rows === 'whole'
      ? `
    SELECT ${select} FROM ${from}
     WHERE tip_case.deleted_at IS NULL AND (${where}) AND tip_case.jurisdiction_code IN (SELECT jurisdiction_code FROM statistics_whole)
    UNION ALL`
      : ''
  }
    SELECT ${select} FROM statistics_days dirty_day, ${from}
     WHERE tip_case.deleted_at IS NULL AND (${where}) AND tip_case.jurisdiction_code = dirty_day.jurisdiction_code AND ${date} = dirty_day.day
       AND ${inDirtyCell('tip_case', month(date))}`;
}

/** Victims `victim` whose identified-on date (else their case's FIR date) falls in a dirty cell, as `select` rows. */
const identifiedInCells = (rows: Recomputed, select: string) => `
     ${inCells(rows, select.replace('%MONTH%', month('victim.identified_on')), 'victims victim JOIN cases tip_case ON tip_case.id = victim.case_id', 'victim.identified_on', 'victim.identified_on IS NOT NULL')}
     UNION ALL
     ${inCells(rows, select.replace('%MONTH%', month('tip_case.fir_date')), 'victims victim JOIN cases tip_case ON tip_case.id = victim.case_id', 'tip_case.fir_date', 'victim.identified_on IS NULL')}`;

/**
 * A scratch table of the refresh (or of a forward by edited cases' rows), filled by `select`: a
 * temporary table the connection keeps, made by its first use and emptied at every commit (ON
 * COMMIT DELETE ROWS). Made and dropped each time, the forty-odd tables of a single edit's refresh
 * took most of it (≈ 3 ms each, whatever the data).
 */
const scratch = (name: string, select: string): string[] => [
  `CREATE TEMP TABLE IF NOT EXISTS ${name} ON COMMIT DELETE ROWS AS ${select} WITH NO DATA`,
  `INSERT INTO pg_temp.${name} ${select}`,
];

/** The columns of statistics_dirty: a mark names a case (with its dimensions before an edit), a month or a jurisdiction. */
const MARK =
  'case_id, jurisdiction_code, month, reporting_unit_code, offence_family, trafficking_type, exploitation_forms';

/**
 * Takes the dirty rows (`statistics_taken`) and the log of changed rows, in one transaction
 * after REFRESH_LOCK, in one statement (so in one snapshot, whatever the transaction's isolation):
 * rows another transaction has not yet committed stay for the next refresh.
 */
export const TAKE_MARKS: string[] = [
  `CREATE TEMP TABLE IF NOT EXISTS statistics_taken ON COMMIT DELETE ROWS AS SELECT ${MARK} FROM statistics_dirty WITH NO DATA`,
  // the log of changed rows (migration StatisticsCubeChangeLog), taken with the marks whatever the refresh does with it
  `CREATE TEMP TABLE IF NOT EXISTS statistics_changes_taken ON COMMIT DELETE ROWS AS SELECT seq, table_name, row_id, old FROM statistics_changes WITH NO DATA`,
  `WITH marks AS (DELETE FROM statistics_dirty RETURNING ${MARK}),
        changes AS (DELETE FROM statistics_changes RETURNING seq, table_name, row_id, old),
        taken AS (INSERT INTO statistics_taken SELECT * FROM marks)
   INSERT INTO statistics_changes_taken SELECT * FROM changes`,
];

/**
 * A writer's own refresh, before its transaction commits (StatisticsRepository.refreshWithin),
 * first holds the cases the marks name (FOR SHARE), skipping those another transaction is
 * writing: every write of a case's records writes its case row (migration CaseVersions' triggers;
 * a status event comes with the case's status), so no other transaction commits a change to a
 * held case before this one ends, and its rows, read in several statements, stay as taken.
 */
export const HOLD_MARKED_CASES = scratch(
  'statistics_held_cases',
  `WITH held AS (SELECT id FROM public.cases WHERE id IN (SELECT case_id FROM statistics_dirty) FOR SHARE SKIP LOCKED)
   SELECT id AS case_id FROM held`,
);

/**
 * Of the marks taken (TAKE_MARKS, after HOLD_MARKED_CASES): whether one names a month or a
 * jurisdiction (`cells`), whether every other names a case held or gone (`held`; a case another
 * transaction was writing at the hold, or one made or marked since, is not), and how many cases.
 */
export const MARKS_HELD = `
  SELECT COALESCE(bool_or(taken.case_id IS NULL), false) AS cells,
         COALESCE(bool_and(taken.case_id IS NULL
                           OR taken.case_id IN (SELECT case_id FROM statistics_held_cases)
                           OR NOT EXISTS (SELECT 1 FROM cases WHERE cases.id = taken.case_id)), true) AS held,
         count(DISTINCT taken.case_id)::int AS cases
    FROM statistics_taken taken`;

/**
 * The cells of the marks taken (TAKE_MARKS), for recomputeSql: `statistics_whole` (jurisdictions
 * recomputed whole), `statistics_cells` (each dirty case's months under each of its versions of
 * the dimensions — the current one and every one an edit recorded — and whole jurisdiction-months
 * where a row's case is gone).
 */
export const CELLS_OF_MARKS: string[] = [
  ...scratch(
    'statistics_whole',
    `SELECT DISTINCT jurisdiction_code FROM statistics_taken WHERE case_id IS NULL AND month IS NULL`,
  ),
  ...scratch(
    'statistics_cells',
    `WITH dirty AS (SELECT DISTINCT case_id FROM statistics_taken WHERE case_id IS NOT NULL),
   versions AS (
     SELECT case_id, jurisdiction_code, reporting_unit_code, offence_family, trafficking_type, exploitation_forms
       FROM statistics_taken WHERE case_id IS NOT NULL AND reporting_unit_code IS NOT NULL
     UNION
     SELECT tip_case.id, ${DIMS} FROM dirty JOIN cases tip_case ON tip_case.id = dirty.case_id),
   months AS (
     SELECT case_id, month FROM statistics_taken WHERE case_id IS NOT NULL AND month IS NOT NULL
     UNION
     SELECT dirty.case_id, ${month('fact.dated_on')} FROM dirty
      CROSS JOIN LATERAL (
        SELECT fir_date FROM cases WHERE id = dirty.case_id
        UNION SELECT investigation_concluded_on FROM cases WHERE id = dirty.case_id
        UNION SELECT status_date FROM cases WHERE id = dirty.case_id
        UNION SELECT status_date FROM case_status_events WHERE case_id = dirty.case_id
        UNION SELECT identified_on FROM victims WHERE case_id = dirty.case_id
        UNION SELECT prosecution_date FROM prosecutions WHERE case_id = dirty.case_id
        UNION SELECT outcome_date FROM prosecutions WHERE case_id = dirty.case_id
        UNION SELECT conviction.judgment_date FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
               WHERE prosecution.case_id = dirty.case_id) AS fact(dated_on)
      WHERE fact.dated_on IS NOT NULL),
   whole_months AS (
     SELECT DISTINCT jurisdiction_code, month FROM statistics_taken WHERE case_id IS NULL AND month IS NOT NULL)
   SELECT jurisdiction_code, NULL::varchar(40) AS reporting_unit_code, NULL::varchar(5) AS offence_family,
          NULL::varchar(15) AS trafficking_type, NULL::text[] AS exploitation_forms, month FROM whole_months
    WHERE jurisdiction_code NOT IN (SELECT jurisdiction_code FROM statistics_whole)
   UNION
   SELECT version.jurisdiction_code, version.reporting_unit_code, version.offence_family, version.trafficking_type, version.exploitation_forms, case_month.month
     FROM versions version JOIN months case_month ON case_month.case_id = version.case_id
    WHERE version.jurisdiction_code NOT IN (SELECT jurisdiction_code FROM statistics_whole)
      AND (version.jurisdiction_code, case_month.month) NOT IN (SELECT jurisdiction_code, month FROM whole_months)`,
  ),
  // the jurisdiction-months of the cells day by day: equality with a date column is read through its index, and estimated right
  ...scratch(
    'statistics_days',
    `SELECT DISTINCT jurisdiction_code, generate_series(month, month + interval '1 month' - interval '1 day', interval '1 day')::date AS day
       FROM statistics_cells`,
  ),
  `ANALYZE statistics_cells, statistics_days`,
];

/**
 * The cube's tables: the columns each is keyed by besides the dimensions and the month, and what
 * it counts (its measures). The offender cases count nothing: a row per CNIC hash and case.
 */
const TABLES: Record<string, { keys: string[]; measures: string[] }> = {
  statistics_case_months: {
    keys: [],
    measures: ['registered', 'concluded', 'suspects', 'prosecuted_persons', 'convicted_persons', 'victims_identified'],
  },
  statistics_case_firsts: { keys: ['measure', 'previous_month'], measures: ['cases'] },
  statistics_status_months: { keys: ['status'], measures: ['entered', 'exited'] },
  statistics_victim_vulnerabilities: { keys: ['vulnerability', 'sex', 'age_group'], measures: ['victims'] },
  statistics_victim_residences: { keys: ['district_code'], measures: ['victims'] },
  statistics_route_flows: { keys: ['level', 'origin_place', 'destination_place'], measures: ['cases', 'victims'] },
  statistics_route_transits: { keys: ['level', 'place'], measures: ['cases'] },
  statistics_route_legs: { keys: ['level', 'leg', 'from_place', 'to_place'], measures: ['cases'] },
  statistics_attrition_months: {
    keys: [],
    measures: [
      'registered',
      'concluded',
      'challan_submitted',
      'prosecuted',
      'convicted',
      'acquitted',
      'cancelled',
      'untraced',
    ],
  },
  statistics_attrition_days: { keys: ['measure', 'days'], measures: ['cases'] },
  statistics_demographics: {
    keys: ['scope', 'previous_month', 'population', 'sex', 'age_band', 'nationality'],
    measures: ['persons'],
  },
  statistics_offender_cases: { keys: ['district_code', 'fir_date', 'case_id', 'cnic_hash'], measures: [] },
  statistics_person_sexes: { keys: ['measure', 'sex'], measures: ['persons'] },
};
const CUBE_TABLES = Object.keys(TABLES);

/** Where a recomputation writes a table's rows: the table, or (`cases`) its `_delta` twin. */
const into = (rows: Recomputed, table: string) => (rows === 'cases' ? `${table}_delta` : table);

export const HAS_WHOLE = `SELECT EXISTS (SELECT 1 FROM statistics_whole) AS whole`;

/** The recomputation (one at a time, under REFRESH_LOCK) sorts and aggregates a whole jurisdiction in memory. */
export const RECOMPUTE_SETTINGS = `SET LOCAL work_mem = '256MB'`;

/** After a jurisdiction was recomputed whole, the planner's picture of the cube is out of date. */
export const ANALYZE_CUBE = `ANALYZE ${CUBE_TABLES.join(', ')}`;

/**
 * Recomputes the cells taken, in the same transaction (`whole` when some jurisdiction is
 * recomputed whole); or (`cases`) writes the marked cases' contribution into each table's
 * `_delta` twin (see deltaSql).
 */
export const recomputeSql = (rows: Recomputed): string[] => [
  // each table's rows of the cells through its (jurisdiction, month) index: a few cells read a few rows
  ...CUBE_TABLES.flatMap((table) => [
    ...(rows === 'whole'
      ? [`DELETE FROM ${table} WHERE jurisdiction_code IN (SELECT jurisdiction_code FROM statistics_whole)`]
      : []),
    ...(rows === 'cases'
      ? []
      : [
          `DELETE FROM ${table} cube_row USING statistics_cells cell
            WHERE cube_row.jurisdiction_code = cell.jurisdiction_code AND cube_row.month = cell.month AND ${inCell('cell', 'cube_row')}`,
        ]),
  ]),
  // (a) registered and suspects by FIR date, (c) concluded, (d) and (e) persons, victims identified
  `INSERT INTO ${into(rows, 'statistics_case_months')} (${DIM_NAMES}, month, registered, concluded, suspects, prosecuted_persons, convicted_persons, victims_identified)
   SELECT ${DIM_NAMES}, month, sum(registered), sum(concluded), sum(suspects), sum(prosecuted_persons), sum(convicted_persons), sum(victims_identified) FROM (
     ${inCells(rows, `${DIMS}, ${month('tip_case.fir_date')}, 1, 0, 0, 0, 0, 0`, 'cases tip_case', 'tip_case.fir_date')}
     UNION ALL
     ${inCells(rows, `${DIMS}, ${month('tip_case.investigation_concluded_on')}, 0, 1, 0, 0, 0, 0`, 'cases tip_case', 'tip_case.investigation_concluded_on', 'tip_case.investigation_concluded_on IS NOT NULL')}
     UNION ALL
     ${inCells(rows, `${DIMS}, ${month('tip_case.fir_date')}, 0, 0, 1, 0, 0, 0`, 'defendants defendant JOIN cases tip_case ON tip_case.id = defendant.case_id', 'tip_case.fir_date')}
     UNION ALL
     ${inCells(rows, `${DIMS}, ${month('prosecution.prosecution_date')}, 0, 0, 0, 1, 0, 0`, 'prosecutions prosecution JOIN cases tip_case ON tip_case.id = prosecution.case_id', 'prosecution.prosecution_date')}
     UNION ALL
     ${inCells(rows, `${DIMS}, ${month('conviction.judgment_date')}, 0, 0, 0, 0, 1, 0`, 'convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id JOIN cases tip_case ON tip_case.id = prosecution.case_id', 'conviction.judgment_date')}
     UNION ALL
     ${identifiedInCells(rows, `${DIMS}, %MONTH%, 0, 0, 0, 0, 0, 1`)}
   ) AS counted(${DIM_NAMES}, month, registered, concluded, suspects, prosecuted_persons, convicted_persons, victims_identified)
   GROUP BY 1, 2, 3, 4, 5, 6`,
  // distinct cases prosecuted / convicted in a month, with the case's previous such month
  ...(
    [
      [
        'prosecuted',
        'prosecutions prosecution JOIN cases tip_case ON tip_case.id = prosecution.case_id',
        'prosecutions prosecution JOIN touched case_row ON case_row.id = prosecution.case_id',
        'prosecution.prosecution_date',
      ],
      [
        'convicted',
        'convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id JOIN cases tip_case ON tip_case.id = prosecution.case_id',
        'convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id JOIN touched case_row ON case_row.id = prosecution.case_id',
        'conviction.judgment_date',
      ],
    ] as const
  ).map(
    ([measure, from, fromTouched, date]) => `
   INSERT INTO ${into(rows, 'statistics_case_firsts')} (${DIM_NAMES}, measure, month, previous_month, cases)
   WITH touched AS MATERIALIZED (SELECT DISTINCT * FROM (${inCells(rows, `tip_case.id, ${DIMS}`, from, date)}) AS touched_case(id, ${DIM_NAMES})),
   months AS (SELECT DISTINCT case_row.id, ${CASE_ROW_DIMS}, ${month(date)} AS month FROM ${fromTouched}),
   lagged AS (SELECT months.*, lag(month) OVER (PARTITION BY id ORDER BY month) AS previous_month FROM months)
   SELECT ${CASE_ROW_DIMS}, '${measure}', case_row.month, case_row.previous_month, count(*)
     FROM lagged case_row
    WHERE ${CASE_ROW_IN_CELLS(rows, 'case_row.month')}
    GROUP BY 1, 2, 3, 4, 5, 7, 8`,
  ),
  // (f) each case's status timeline from its FIR date: the last event on or before a day (else registered) until
  // the current status takes effect on its date — STATUS_AT_END of statistics.sql.ts as spans
  `INSERT INTO ${into(rows, 'statistics_status_months')} (${DIM_NAMES}, month, status, entered, exited)
   WITH touched AS MATERIALIZED (
     SELECT DISTINCT * FROM (
       ${inCells(rows, `tip_case.id, ${DIMS}, tip_case.fir_date, tip_case.status, tip_case.status_date`, 'cases tip_case', 'tip_case.fir_date')}
       UNION ALL ${inCells(rows, `tip_case.id, ${DIMS}, tip_case.fir_date, tip_case.status, tip_case.status_date`, 'cases tip_case', 'tip_case.status_date')}
       UNION ALL ${inCells(rows, `tip_case.id, ${DIMS}, tip_case.fir_date, tip_case.status, tip_case.status_date`, 'case_status_events status_event JOIN cases tip_case ON tip_case.id = status_event.case_id', 'status_event.status_date')}
     ) AS touched_case(id, ${DIM_NAMES}, fir_date, status, status_date)),
   items AS (
     SELECT case_row.id, ${CASE_ROW_DIMS}, case_row.fir_date AS starts, 0 AS kind, case_row.fir_date AS dated_on, 0::bigint AS event_id,
            'registered'::varchar AS status FROM touched case_row
     UNION ALL
     SELECT case_row.id, ${CASE_ROW_DIMS}, GREATEST(status_event.status_date, case_row.fir_date), 1, status_event.status_date, status_event.id, status_event.to_status
       FROM case_status_events status_event JOIN touched case_row ON case_row.id = status_event.case_id WHERE status_event.status_date < case_row.status_date
     UNION ALL
     SELECT case_row.id, ${CASE_ROW_DIMS}, case_row.status_date, 2, case_row.status_date, 0, case_row.status FROM touched case_row),
   spans AS (SELECT items.*, lead(starts) OVER (PARTITION BY id ORDER BY starts, kind, dated_on, event_id) AS ends FROM items),
   moves AS (
     SELECT ${CASE_ROW_DIMS}, case_row.status, ${month('case_row.starts')} AS month, 1 AS entered, 0 AS exited FROM spans case_row
     UNION ALL
     SELECT ${CASE_ROW_DIMS}, case_row.status, ${month('case_row.ends')}, 0, 1 FROM spans case_row WHERE case_row.ends IS NOT NULL)
   SELECT ${CASE_ROW_DIMS}, case_row.month, case_row.status, sum(case_row.entered), sum(case_row.exited)
     FROM moves case_row
    WHERE ${CASE_ROW_IN_CELLS(rows, 'case_row.month')}
    GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  // victims identified by vulnerability × sex × age group, and by district of residence
  `INSERT INTO ${into(rows, 'statistics_victim_vulnerabilities')} (${DIM_NAMES}, month, vulnerability, sex, age_group, victims)
   SELECT ${DIM_NAMES}, month, victim_vulnerability.vulnerability, sex, age_group, count(*) FROM (
     ${identifiedInCells(rows, `${DIMS}, %MONTH%, victim.vulnerabilities, victim.sex, ${AGE_GROUP('victim.age')}`)}
   ) AS identified(${DIM_NAMES}, month, vulnerabilities, sex, age_group)
   CROSS JOIN LATERAL unnest(identified.vulnerabilities) AS victim_vulnerability(vulnerability)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  `INSERT INTO ${into(rows, 'statistics_victim_residences')} (${DIM_NAMES}, month, district_code, victims)
   SELECT ${DIM_NAMES}, month, district_code, count(*) FROM (
     ${identifiedInCells(rows, `${DIMS}, %MONTH%, victim.residence_district_code`)}
   ) AS identified(${DIM_NAMES}, month, district_code) WHERE district_code IS NOT NULL
   GROUP BY ${DIM_NAMES}, month, district_code`,
  // routes of the cases registered: first origin → last destination at each level, with the case's victims; places
  // resolved when written, so a national period sums a few rows per pair of countries, not one per pair of districts
  `INSERT INTO ${into(rows, 'statistics_route_flows')} (${DIM_NAMES}, month, level, origin_place, destination_place, cases, victims)
   WITH routed AS MATERIALIZED (
     SELECT * FROM (${inCells(
       rows,
       `${DIMS}, ${month('tip_case.fir_date')}, origin_point.country_code, origin_point.district_code,
                       destination_point.country_code, destination_point.district_code,
                       (SELECT count(*) FROM victims victim WHERE victim.case_id = tip_case.id)`,
       `cases tip_case
        LEFT JOIN LATERAL (SELECT country_code, district_code FROM route_points WHERE case_id = tip_case.id AND kind = 'origin' ORDER BY position LIMIT 1) origin_point ON true
        LEFT JOIN LATERAL (SELECT country_code, district_code FROM route_points WHERE case_id = tip_case.id AND kind = 'destination' ORDER BY position DESC LIMIT 1) destination_point ON true`,
       'tip_case.fir_date',
       'origin_point.country_code IS NOT NULL OR destination_point.country_code IS NOT NULL',
     )}) AS flow(${DIM_NAMES}, month, origin_country, origin_district, destination_country, destination_district, victims)),
   levels AS (SELECT * FROM (VALUES ('country'), ('jurisdiction'), ('district')) AS level_name(level))
   SELECT ${CASE_ROW_DIMS}, case_row.month, levels.level,
          COALESCE(${placeAt('levels.level', 'case_row.origin_country', 'case_row.origin_district', 'origin_district.jurisdiction_code')}, 'unknown'),
          COALESCE(${placeAt('levels.level', 'case_row.destination_country', 'case_row.destination_district', 'destination_district.jurisdiction_code')}, 'unknown'),
          count(*), sum(case_row.victims)
     FROM routed case_row CROSS JOIN levels
     LEFT JOIN districts origin_district ON origin_district.code = case_row.origin_district
     LEFT JOIN districts destination_district ON destination_district.code = case_row.destination_district
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  `INSERT INTO ${into(rows, 'statistics_route_transits')} (${DIM_NAMES}, month, level, place, cases)
   SELECT ${DIM_NAMES}, month, level, place, count(*) FROM (
     SELECT DISTINCT id, ${DIM_NAMES}, month, levels.level, ${placeAt('levels.level', 'transit.country', 'transit.district')} AS place FROM (
       ${inCells(rows, `tip_case.id, ${DIMS}, ${month('tip_case.fir_date')}, transit_point.country_code, transit_point.district_code`, `route_points transit_point JOIN cases tip_case ON tip_case.id = transit_point.case_id`, 'tip_case.fir_date', `transit_point.kind = 'transit'`)}
     ) AS transit(id, ${DIM_NAMES}, month, country, district)
     CROSS JOIN (VALUES ('country'), ('jurisdiction'), ('district')) AS levels(level)) AS per_case
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  // the Sankey's legs at each level (as ROUTE_LEGS): places resolved when written, so a case counts once per distinct transit place
  `INSERT INTO ${into(rows, 'statistics_route_legs')} (${DIM_NAMES}, month, level, leg, from_place, to_place, cases)
   WITH routed AS MATERIALIZED (
     SELECT * FROM (${inCells(
       rows,
       `tip_case.id, ${DIMS}, ${month('tip_case.fir_date')}, origin_point.country_code, origin_point.district_code,
                       destination_point.country_code, destination_point.district_code, ${hasTransit('tip_case')}`,
       `cases tip_case
        LEFT JOIN LATERAL (SELECT country_code, district_code FROM route_points WHERE case_id = tip_case.id AND kind = 'origin' ORDER BY position LIMIT 1) origin_point ON true
        LEFT JOIN LATERAL (SELECT country_code, district_code FROM route_points WHERE case_id = tip_case.id AND kind = 'destination' ORDER BY position DESC LIMIT 1) destination_point ON true`,
       'tip_case.fir_date',
       `origin_point.country_code IS NOT NULL OR destination_point.country_code IS NOT NULL OR ${hasTransit('tip_case')}`,
     )}) AS routed_case(id, ${DIM_NAMES}, month, origin_country, origin_district, destination_country, destination_district, has_transit)),
   levels AS (SELECT * FROM (VALUES ('country'), ('jurisdiction'), ('district')) AS level_name(level)),
   placed AS (
     SELECT case_row.*, levels.level,
            COALESCE(${placeAt('levels.level', 'case_row.origin_country', 'case_row.origin_district', 'origin_district.jurisdiction_code')}, 'unknown') AS origin,
            COALESCE(${placeAt('levels.level', 'case_row.destination_country', 'case_row.destination_district', 'destination_district.jurisdiction_code')}, 'unknown') AS destination
       FROM routed case_row CROSS JOIN levels
       LEFT JOIN districts origin_district ON origin_district.code = case_row.origin_district
       LEFT JOIN districts destination_district ON destination_district.code = case_row.destination_district),
   transits AS (
     SELECT DISTINCT transit_point.case_id, levels.level,
            ${placeAt('levels.level', 'transit_point.country_code', 'transit_point.district_code', 'transit_district.jurisdiction_code')} AS place
       FROM route_points transit_point JOIN routed ON routed.id = transit_point.case_id CROSS JOIN levels
       LEFT JOIN districts transit_district ON transit_district.code = transit_point.district_code
      WHERE transit_point.kind = 'transit'),
   legs AS (
     SELECT ${CASE_ROW_DIMS}, case_row.month, case_row.level, 'origin-transit' AS leg, case_row.origin AS from_place, transits.place AS to_place
       FROM placed case_row JOIN transits ON transits.case_id = case_row.id AND transits.level = case_row.level
     UNION ALL
     SELECT ${CASE_ROW_DIMS}, case_row.month, case_row.level, 'transit-destination', transits.place, case_row.destination
       FROM placed case_row JOIN transits ON transits.case_id = case_row.id AND transits.level = case_row.level
     UNION ALL
     SELECT ${CASE_ROW_DIMS}, case_row.month, case_row.level, 'origin-destination', case_row.origin, case_row.destination
       FROM placed case_row WHERE NOT case_row.has_transit AND (case_row.origin <> 'unknown' OR case_row.destination <> 'unknown'))
   SELECT ${DIM_NAMES}, month, level, leg, from_place, to_place, count(*) FROM legs
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  // attrition: each case registered in a dirty cell, followed to today (as ATTRITION)
  ...scratch(
    'statistics_followed',
    `WITH cohort AS MATERIALIZED (
     SELECT * FROM (${inCells(rows, `tip_case.id, ${DIMS}, ${month('tip_case.fir_date')}, tip_case.fir_date, tip_case.investigation_concluded_on`, 'cases tip_case', 'tip_case.fir_date')})
       AS registered_case(id, ${DIM_NAMES}, month, fir_date, concluded_on)),
   ${FOLLOWED_TO_TODAY}
   SELECT ${dims('cohort')}, cohort.month, cohort.fir_date, cohort.concluded_on, history.challan_on, trials.judged_on,
          trials.case_id IS NOT NULL AS prosecuted, COALESCE(trials.convicted, false) AS convicted, COALESCE(history.acquitted, false) AS acquitted,
          COALESCE(history.cancelled, false) AS cancelled, COALESCE(history.untraced, false) AS untraced
     FROM cohort LEFT JOIN history ON history.case_id = cohort.id LEFT JOIN trials ON trials.case_id = cohort.id`,
  ),
  `INSERT INTO ${into(rows, 'statistics_attrition_months')} (${DIM_NAMES}, month, registered, concluded, challan_submitted, prosecuted, convicted, acquitted, cancelled, untraced)
   SELECT ${DIM_NAMES}, month, count(*), count(concluded_on), count(challan_on), count(*) FILTER (WHERE prosecuted),
          count(*) FILTER (WHERE convicted), count(*) FILTER (WHERE acquitted), count(*) FILTER (WHERE cancelled), count(*) FILTER (WHERE untraced)
     FROM statistics_followed GROUP BY 1, 2, 3, 4, 5, 6`,
  `INSERT INTO ${into(rows, 'statistics_attrition_days')} (${DIM_NAMES}, month, measure, days, cases)
   SELECT ${dims('followed')}, followed.month, duration.measure, duration.days, count(*)
     FROM statistics_followed followed CROSS JOIN LATERAL ${ATTRITION_DURATIONS}
    WHERE duration.days IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  // emptied for the next recomputation in this transaction (a few rows of edited cases; a jurisdiction's, at once)
  rows === 'cases' ? `DELETE FROM statistics_followed` : `TRUNCATE statistics_followed`,
  // (b) persons of the cases registered in a month (scope all), and of the cases prosecuted, counted like statistics_case_firsts
  `INSERT INTO ${into(rows, 'statistics_demographics')} (${DIM_NAMES}, month, scope, previous_month, population, sex, age_band, nationality, persons)
   SELECT ${DIM_NAMES}, month, 'all', NULL, population, sex, age_band, nationality, count(*) FROM (
     ${inCells(
       rows,
       `${DIMS}, ${month('tip_case.fir_date')}, 'victims', victim.sex, ${AGE_BAND('victim.age')}, COALESCE(victim.nationality, 'UNK')`,
       'victims victim JOIN cases tip_case ON tip_case.id = victim.case_id',
       'tip_case.fir_date',
     )}
     UNION ALL
     ${inCells(
       rows,
       `${DIMS}, ${month('tip_case.fir_date')}, 'defendants', defendant.sex, ${AGE_BAND('defendant.age')}, COALESCE(defendant.nationality, 'UNK')`,
       'defendants defendant JOIN cases tip_case ON tip_case.id = defendant.case_id',
       'tip_case.fir_date',
     )}
   ) AS person(${DIM_NAMES}, month, population, sex, age_band, nationality)
   GROUP BY 1, 2, 3, 4, 5, 6, 9, 10, 11, 12`,
  `INSERT INTO ${into(rows, 'statistics_demographics')} (${DIM_NAMES}, month, scope, previous_month, population, sex, age_band, nationality, persons)
   WITH touched AS MATERIALIZED (
     SELECT DISTINCT * FROM (${inCells(rows, `tip_case.id, ${DIMS}`, 'prosecutions prosecution JOIN cases tip_case ON tip_case.id = prosecution.case_id', 'prosecution.prosecution_date')})
       AS touched_case(id, ${DIM_NAMES})),
   months AS (
     SELECT DISTINCT case_row.id, ${CASE_ROW_DIMS}, ${month('prosecution.prosecution_date')} AS month
       FROM prosecutions prosecution JOIN touched case_row ON case_row.id = prosecution.case_id),
   lagged AS (SELECT months.*, lag(month) OVER (PARTITION BY id ORDER BY month) AS previous_month FROM months),
   counted AS (SELECT * FROM lagged case_row WHERE ${CASE_ROW_IN_CELLS(rows, 'case_row.month')}),
   persons AS (
     SELECT case_row.id, 'victims' AS population, victim.sex, ${AGE_BAND('victim.age')} AS age_band, COALESCE(victim.nationality, 'UNK') AS nationality
       FROM victims victim JOIN touched case_row ON case_row.id = victim.case_id
     UNION ALL
     SELECT case_row.id, 'defendants', defendant.sex, ${AGE_BAND('defendant.age')}, COALESCE(defendant.nationality, 'UNK')
       FROM defendants defendant JOIN touched case_row ON case_row.id = defendant.case_id)
   SELECT ${dims('counted')}, counted.month, 'prosecuted', counted.previous_month,
          person.population, person.sex, person.age_band, person.nationality, count(*)
     FROM counted JOIN persons person ON person.id = counted.id
    GROUP BY 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12`,
  // (d) prosecutions begun and (e) persons convicted by the defendant's sex, victims identified by theirs (the trends by sex)
  `INSERT INTO ${into(rows, 'statistics_person_sexes')} (${DIM_NAMES}, month, measure, sex, persons)
   SELECT ${DIM_NAMES}, month, measure, sex, count(*) FROM (
     ${inCells(rows, `${DIMS}, ${month('prosecution.prosecution_date')}, 'prosecutions', person.sex`, 'prosecutions prosecution JOIN cases tip_case ON tip_case.id = prosecution.case_id JOIN defendants person ON person.id = prosecution.defendant_id', 'prosecution.prosecution_date')}
     UNION ALL
     ${inCells(rows, `${DIMS}, ${month('conviction.judgment_date')}, 'convictions', person.sex`, 'convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id JOIN cases tip_case ON tip_case.id = prosecution.case_id JOIN defendants person ON person.id = prosecution.defendant_id', 'conviction.judgment_date')}
     UNION ALL
     ${identifiedInCells(rows, `${DIMS}, %MONTH%, 'victims', victim.sex`)}
   ) AS counted(${DIM_NAMES}, month, measure, sex)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  // defendants with a CNIC hash, one row per (hash, case), by the case's FIR month
  `INSERT INTO ${into(rows, 'statistics_offender_cases')} (${DIM_NAMES}, month, district_code, fir_date, case_id, cnic_hash)
   SELECT DISTINCT * FROM (
     ${inCells(rows, `${DIMS}, ${month('tip_case.fir_date')}, tip_case.district_code, tip_case.fir_date, tip_case.id, defendant.cnic_hash`, 'defendants defendant JOIN cases tip_case ON tip_case.id = defendant.case_id', 'tip_case.fir_date', 'defendant.cnic_hash IS NOT NULL')}
   ) AS offender_case`,
];

/** Whether every mark taken names a case (`byCase`: none is a jurisdiction or a month without one), and how many cases. */
export const MARKS_BY_CASE = `
  SELECT COALESCE(bool_and(case_id IS NOT NULL), false) AS "byCase", count(DISTINCT case_id)::int AS cases FROM statistics_taken`;

/**
 * The case's own tables, in the order their rows are rebuilt, and which rows of each belong to
 * the cases `cases` (a parenthesised list or query of case ids; `row` the table's row; a
 * conviction by its prosecution, in the temporary prosecutions, rebuilt first).
 */
const CASE_ROWS: Array<[table: string, ofCases: (row: string, cases: string) => string]> = [
  ['cases', (row, cases) => `${row}.id IN ${cases}`],
  ...['case_status_events', 'victims', 'defendants', 'prosecutions', 'route_points'].map(
    (table): [string, (row: string, cases: string) => string] => [table, (row, cases) => `${row}.case_id IN ${cases}`],
  ),
  [
    'convictions',
    (row, cases) =>
      `${row}.prosecution_id IN (SELECT prosecution.id FROM pg_temp.prosecutions prosecution WHERE prosecution.case_id IN ${cases})`,
  ],
];

/** The cases a table of case ids (`case_id`) names, for CASE_ROWS. */
const casesOf = (marked: string) => `(SELECT case_id FROM ${marked})`;

/**
 * The temporary tables of the case tables' names (CASE_ROWS) that hold some cases' rows in their
 * place — the marked cases' (deltaSql) or the edited cases' (editedCaseRows) — kept by the
 * connection as the scratch tables are, indexed as the case tables are looked up (by case, by
 * id: without, every case read them all). The connection then searches its temporary tables
 * last (search_path), so that its other statements read the case tables; those that are to read
 * the cases' rows instead run after IN_CASE_TABLES_PLACE, until CASE_TABLES_AGAIN.
 */
const CASE_ROW_TABLES = [
  `SET search_path = "$user", public, pg_temp`,
  // without the case tables' constraints: a case's kept earlier rows hold only the columns counted
  ...CASE_ROWS.map(
    ([table]) =>
      `CREATE TEMP TABLE IF NOT EXISTS ${table} ON COMMIT DELETE ROWS AS SELECT * FROM public.${table} WITH NO DATA`,
  ),
  ...[
    ['cases', 'id'],
    ['case_status_events', 'case_id'],
    ['victims', 'case_id'],
    ['defendants', 'case_id'],
    ['defendants', 'id'],
    ['prosecutions', 'case_id'],
    ['prosecutions', 'id'],
    ['convictions', 'prosecution_id'],
    ['route_points', 'case_id'],
  ].map(([table, column]) => `CREATE INDEX IF NOT EXISTS ${table}_by_${column} ON pg_temp.${table} (${column})`),
];
const IN_CASE_TABLES_PLACE = `SET LOCAL search_path = pg_temp, "$user", public`;
const CASE_TABLES_AGAIN = `SET LOCAL search_path = "$user", public, pg_temp`;
/** The case rows' tables emptied, for the next cases' rows in this transaction. */
const EMPTY_CASE_ROW_TABLES = CASE_ROWS.map(([table]) => `DELETE FROM pg_temp.${table}`);
/** The rows now of the cases `marked` (a table of case_id) names, into the case rows' tables. */
const caseRowsNow = (marked: string): string[] =>
  CASE_ROWS.map(
    ([table, ofCases]) =>
      `INSERT INTO pg_temp.${table} SELECT live.* FROM public.${table} live WHERE ${ofCases('live', casesOf(marked))}`,
  );

/** The key columns of the cube's tables that may be null (compared as not distinct, which no index reads). */
const NULLABLE_KEYS = new Set(['trafficking_type', 'previous_month', 'place']);

/**
 * Whether the rows `a` and `b` of a cube table have the same key: equal in the columns that
 * cannot be null, which its key index holds (migration StatisticsCubeKeyIndexes), so that a
 * merge finds a key's row directly; not distinct in the others.
 */
const sameKey = (table: string, a: string, b: string) => {
  const columns = [...DIM_NAMES.split(', '), 'month', ...TABLES[table].keys];
  return [
    ...columns.filter((c) => !NULLABLE_KEYS.has(c)).map((c) => `${a}.${c} = ${b}.${c}`),
    ...columns.filter((c) => NULLABLE_KEYS.has(c)).map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`),
  ].join(' AND ');
};

/**
 * Adds a table's `_delta` twin into it, reading the table at the twin's keys only: a key's counts
 * added to the table's, a key new to it inserted, a key whose counts all come to 0 removed. The
 * keys new to the table are those the update did not meet (its RETURNING), not looked for in the
 * table again: the planner would sort the whole table to find them.
 */
function mergeSql(table: string): string[] {
  const { keys, measures } = TABLES[table];
  const columns = [DIM_NAMES, 'month', ...keys].join(', ');
  if (!measures.length)
    // a case's rows replaced by its current ones
    return [
      `DELETE FROM ${table} WHERE case_id IN (SELECT case_id FROM statistics_delta_cases)`,
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${table}_delta`,
    ];
  const summed = measures.map((m) => `sum(${m})::int AS ${m}`).join(', ');
  const changeColumns = columns
    .split(', ')
    .map((c) => `change.${c}`)
    .join(', ');
  return [
    `WITH change AS MATERIALIZED (SELECT ${columns}, ${summed} FROM ${table}_delta GROUP BY ${columns}),
          added AS (UPDATE ${table} cube_row SET ${measures.map((m) => `${m} = cube_row.${m} + change.${m}`).join(', ')}
                      FROM change WHERE ${sameKey(table, 'change', 'cube_row')} RETURNING ${changeColumns})
     INSERT INTO ${table} (${columns}, ${measures.join(', ')})
     SELECT ${columns}, ${measures.join(', ')} FROM change
      WHERE NOT EXISTS (SELECT 1 FROM added WHERE ${sameKey(table, 'change', 'added')})
        AND (${measures.map((m) => `${m} <> 0`).join(' OR ')})`,
    `DELETE FROM ${table} cube_row USING ${table}_delta change
      WHERE ${sameKey(table, 'change', 'cube_row')} AND ${measures.map((m) => `cube_row.${m} = 0`).join(' AND ')}`,
  ];
}

/**
 * The marked cases' rows (CASE_ROWS) into the case rows' tables (CASE_ROW_TABLES), analysed: as
 * they were at the previous refresh (`earlier`: the rows no change since touched, and the earlier
 * version of every row the log holds — the first change of a row holds it; a row the log first
 * saw inserted was not there), or as they are now.
 */
function markedCaseRows(version: 'earlier' | 'now'): string[] {
  return [
    ...(version === 'now'
      ? caseRowsNow('statistics_delta_cases')
      : CASE_ROWS.map(
          ([table, ofCases]) => `
   INSERT INTO pg_temp.${table}
   SELECT live.* FROM public.${table} live
    WHERE ${ofCases('live', casesOf('statistics_delta_earlier_cases'))}
      AND live.id::text NOT IN (SELECT row_id FROM statistics_first_changes WHERE table_name = '${table}')
   UNION ALL
   SELECT earlier.* FROM statistics_first_changes change CROSS JOIN LATERAL jsonb_populate_record(NULL::public.${table}, change.old) earlier
    WHERE change.table_name = '${table}' AND change.old IS NOT NULL AND ${ofCases('earlier', casesOf('statistics_delta_earlier_cases'))}`,
        )),
    `ANALYZE ${CASE_ROWS.map(([table]) => `pg_temp.${table}`).join(', ')}`,
  ];
}

/**
 * Brings the cube up to date by the marked cases' own contributions, when every mark names a
 * case (MARKS_BY_CASE), in the refresh's one snapshot: each table's rows of those cases as they
 * were at the previous refresh are rebuilt — the rows no change since then touched, and the
 * earlier version of every row the log holds (the first change of a row holds it; a row the log
 * first saw inserted was not there; a case it first saw inserted had none) — as temporary tables
 * of the same names, which the recomputation then reads in place of the case tables; what it
 * counts there is subtracted, and what it counts in their rows as they are now (read the same
 * way) is added (recomputeSql('cases')). Every
 * figure of the cube is a sum over cases, so this leaves it as a recomputation of the cells
 * would (test/statistics-cube.e2e-spec.ts compares the two after each kind of write); it reads
 * a few rows per case instead of every row of a jurisdiction-month.
 */
export const deltaSql = (): string[] => [
  ...scratch('statistics_delta_cases', `SELECT DISTINCT case_id FROM statistics_taken`),
  `CREATE TEMP TABLE IF NOT EXISTS statistics_delta_days (day date) ON COMMIT DELETE ROWS`,
  `CREATE TEMP TABLE IF NOT EXISTS statistics_delta_districts (district_code varchar) ON COMMIT DELETE ROWS`,
  ...scratch(
    'statistics_first_changes',
    `SELECT DISTINCT ON (table_name, row_id) table_name, row_id, old FROM statistics_changes_taken ORDER BY table_name, row_id, seq`,
  ),
  // the marked cases there were at the previous refresh: not those the log first saw inserted
  ...scratch(
    'statistics_delta_earlier_cases',
    `SELECT case_id FROM statistics_delta_cases
     EXCEPT SELECT row_id::uuid FROM statistics_first_changes WHERE table_name = 'cases' AND old IS NULL`,
  ),
  `ANALYZE statistics_delta_cases, statistics_delta_earlier_cases, statistics_first_changes`,
  ...CUBE_TABLES.map(
    (table) =>
      `CREATE TEMP TABLE IF NOT EXISTS ${table}_delta ON COMMIT DELETE ROWS AS SELECT * FROM ${table} WITH NO DATA`,
  ),
  // the marked cases' rows as they were at the previous refresh, in place of the case tables
  ...CASE_ROW_TABLES,
  IN_CASE_TABLES_PLACE,
  ...markedCaseRows('earlier'),
  MARKED_CASE_DAYS,
  MARKED_CASE_DISTRICTS,
  ...MARKED_CASES_EARLIER_ROWS,
  ...recomputeSql('cases'),
  ...CUBE_TABLES.map((table) =>
    TABLES[table].measures.length
      ? `UPDATE ${table}_delta SET ${TABLES[table].measures.map((m) => `${m} = -${m}`).join(', ')}`
      : `DELETE FROM ${table}_delta`,
  ),
  ...EMPTY_CASE_ROW_TABLES,
  // the same cases now, their rows read once into the same tables (each statement of the
  // recomputation would otherwise look every marked case's rows up in the case tables again)
  ...markedCaseRows('now'),
  MARKED_CASE_DAYS,
  MARKED_CASE_DISTRICTS,
  ...recomputeSql('cases'),
  CASE_TABLES_AGAIN,
  // a few rows each: the planner reads the cube's rows at their keys through its (jurisdiction, month) indexes
  `ANALYZE ${CUBE_TABLES.map((table) => `${table}_delta`).join(', ')}`,
  ...CUBE_TABLES.flatMap(mergeSql),
  ...RECORD_GENERATION_DELTA,
];

/**
 * The dates the statistics compare with a period, of the case's own tables: a case with none
 * of them on a day counts nothing there (period-edges.sql.ts chooses a period's edge cases by them).
 */
const CASE_DATES: Array<[table: string, columns: string[]]> = [
  ['cases', ['fir_date', 'status_date', 'investigation_concluded_on']],
  ['case_status_events', ['status_date']],
  ['prosecutions', ['prosecution_date']],
  ['convictions', ['judgment_date']],
  ['victims', ['identified_on']],
];

/**
 * Every day a date of the marked cases falls on, into statistics_delta_days, in their rows as
 * deltaSql's temporary tables hold them (as they were, or as they are now).
 */
const MARKED_CASE_DAYS = `
   INSERT INTO statistics_delta_days (day)
   ${CASE_DATES.map(
     ([table, columns]) => `
   SELECT day FROM pg_temp.${table} dated CROSS JOIN LATERAL (VALUES ${columns.map((c) => `(dated.${c})`).join(', ')}) AS dated_on(day)`,
   ).join('\n   UNION ALL')}`;

/**
 * Up to how many marked cases a generation keeps their rows as they were before it
 * (statistics_generation_deltas.earlier): a few edits' worth, which a part counted from the case
 * tables over edge days is brought forward by (StatisticsRepository); an upload's are not kept.
 */
export const EARLIER_ROWS_KEPT_UP_TO = 50;

/**
 * The columns of each case table a statistic reads (with the rows' keys), the only ones a
 * generation keeps of its edited cases' earlier rows: no name, reference, CNIC hash, remark or
 * other free text. A statistic that came to read another column would count it as null there
 * (test/statistics-cube.e2e-spec.ts brings figures forward over each kind of edit).
 */
const COUNTED_COLUMNS: Record<string, string[]> = {
  cases: [
    'id',
    'jurisdiction_code',
    'district_code',
    'reporting_unit_code',
    'fir_year',
    'fir_date',
    'offence_family',
    'trafficking_type',
    'exploitation_forms',
    'status',
    'status_date',
    'investigation_concluded_on',
    'deleted_at',
  ],
  case_status_events: ['id', 'case_id', 'to_status', 'status_date'],
  victims: [
    'id',
    'case_id',
    'sex',
    'age',
    'nationality',
    'residence_district_code',
    'exploitation_forms',
    'vulnerabilities',
    'identified_on',
  ],
  defendants: ['id', 'case_id', 'sex', 'age', 'nationality'],
  prosecutions: ['id', 'case_id', 'defendant_id', 'prosecution_date', 'outcome', 'outcome_date'],
  convictions: ['id', 'prosecution_id', 'judgment_date'],
  route_points: ['id', 'case_id', 'position', 'kind', 'country_code', 'district_code', 'place'],
};

/**
 * The marked cases' rows as deltaSql's temporary tables hold them before the refresh (their
 * COUNTED_COLUMNS), by case and table ({ case id: { table: rows } }; a case new since has none),
 * into statistics_delta_earlier_rows; null when more than EARLIER_ROWS_KEPT_UP_TO cases are marked.
 */
const MARKED_CASES_EARLIER_ROWS = scratch(
  'statistics_delta_earlier_rows',
  `SELECT CASE WHEN (SELECT count(*) FROM statistics_delta_cases) <= ${EARLIER_ROWS_KEPT_UP_TO} THEN (
     SELECT COALESCE(jsonb_object_agg(marked.case_id, jsonb_build_object(${CASE_ROWS.map(
       ([table, ofCases]) => `
       '${table}', (SELECT COALESCE(jsonb_agg(jsonb_build_object(${COUNTED_COLUMNS[table].map((column) => `'${column}', earlier.${column}`).join(', ')})), '[]'::jsonb)
                      FROM pg_temp.${table} earlier WHERE ${ofCases('earlier', '(marked.case_id)')})`,
     ).join(',')})), '{}'::jsonb)
       FROM statistics_delta_cases marked) END AS earlier`,
);

/**
 * A query of the case tables read over the cases edited in the generations after `from` up to
 * `to` (integers) instead: `cases` reads those cases, each with its rows as they were at `from`
 * (as the first of those generations to change it kept them), into the temporary
 * statistics_forward_cases; `rows(version)` puts their rows as they were then (`earlier`) or
 * are now into the case rows' tables (CASE_ROW_TABLES), which the query then reads in the case
 * tables' place, and `empty` empties those and reads the case tables again; `done` forgets the
 * cases. Every generation between must have kept its cases' rows (GENERATIONS_BETWEEN's "rowsKept").
 */
export function editedCaseRows(
  from: number,
  to: number,
): { cases: string; rows: (version: 'earlier' | 'now') => string; empty: string; done: string } {
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw new Error('generations are integers');
  return {
    cases: [
      ...scratch(
        'statistics_forward_cases',
        `SELECT DISTINCT ON (marked.key) marked.key::uuid AS case_id, marked.value AS earlier
           FROM statistics_generation_deltas generation_delta CROSS JOIN LATERAL jsonb_each(generation_delta.earlier) marked
          WHERE generation_delta.generation > ${from} AND generation_delta.generation <= ${to}
          ORDER BY marked.key, generation_delta.generation`,
      ),
      ...CASE_ROW_TABLES,
    ].join(';\n'),
    rows: (version) =>
      [
        ...(version === 'now'
          ? caseRowsNow('statistics_forward_cases')
          : CASE_ROWS.map(
              ([table]) => `INSERT INTO pg_temp.${table}
                SELECT earlier.* FROM statistics_forward_cases edited
                 CROSS JOIN LATERAL jsonb_populate_recordset(NULL::public.${table}, edited.earlier -> '${table}') earlier`,
            )),
        IN_CASE_TABLES_PLACE,
      ].join(';\n'),
    empty: [...EMPTY_CASE_ROW_TABLES, CASE_TABLES_AGAIN].join(';\n'),
    done: `DELETE FROM pg_temp.statistics_forward_cases`,
  };
}

/** The districts of the marked cases, into statistics_delta_districts, as deltaSql's temporary `cases` holds them (as they were, or are now). */
const MARKED_CASE_DISTRICTS = `INSERT INTO statistics_delta_districts (district_code) SELECT district_code FROM pg_temp.cases`;

/** How many generations' deltas are kept: a figure kept before them is asked anew. */
const GENERATIONS_KEPT = 500;

/** The cube's tables of counts (every one but the offenders', whose rows are replaced, not added). */
const COUNTED_TABLES = CUBE_TABLES.filter((table) => TABLES[table].measures.length);

/**
 * Records what this refresh added to each table of counts (its `_delta` twin summed by key) and
 * the marked cases' days, under the generation it brings the cube to (migration
 * StatisticsGenerationDeltas); removes what is older than GENERATIONS_KEPT generations.
 */
const RECORD_GENERATION_DELTA = [
  `INSERT INTO statistics_generation_deltas (generation, days, districts, earlier, tables)
   SELECT state.generation + 1, ARRAY(SELECT DISTINCT day FROM statistics_delta_days WHERE day IS NOT NULL ORDER BY 1),
          ARRAY(SELECT DISTINCT district_code FROM statistics_delta_districts WHERE district_code IS NOT NULL ORDER BY 1),
          (SELECT earlier FROM statistics_delta_earlier_rows),
          jsonb_build_object(${COUNTED_TABLES.map((table) => {
            const { keys, measures } = TABLES[table];
            const keyed = [DIM_NAMES, 'month', ...keys].join(', ');
            return `
            '${table}', (SELECT COALESCE(jsonb_agg(change), '[]'::jsonb) FROM (
              SELECT ${keyed}, ${measures.map((m) => `sum(${m})::int AS ${m}`).join(', ')} FROM ${table}_delta
               GROUP BY ${keyed} HAVING ${measures.map((m) => `sum(${m}) <> 0`).join(' OR ')}) change)`;
          }).join(',')})
     FROM statistics_cube_state state`,
  `DELETE FROM statistics_generation_deltas WHERE generation <= (SELECT generation FROM statistics_cube_state) + 1 - ${GENERATIONS_KEPT}`,
];

/**
 * Whether the cube's generations after $1 up to $2 were all reached by the edited cases' own
 * changes (each has its row of statistics_generation_deltas), and whether a changed case had a
 * date between $3 and $4 or between $5 and $6 (null: no day) before or after, and whether one was
 * of district $7 (null: none) before or after (a generation recorded without its districts: any),
 * and whether every one kept its changed cases' earlier rows (MARKED_CASES_EARLIER_ROWS).
 */
export const GENERATIONS_BETWEEN = `
  SELECT count(*) = $2::int - $1::int AS "byDeltas",
         COALESCE(bool_or(EXISTS (SELECT 1 FROM unnest(generation_delta.days) AS changed(day)
                                   WHERE changed.day BETWEEN $3::date AND $4::date OR changed.day BETWEEN $5::date AND $6::date)), false) AS "onDays",
         COALESCE(bool_or($7::varchar IS NOT NULL AND (generation_delta.districts IS NULL OR $7 = ANY(generation_delta.districts))), false) AS "inDistrict",
         COALESCE(bool_and(generation_delta.earlier IS NOT NULL), false) AS "rowsKept"
    FROM statistics_generation_deltas generation_delta WHERE generation_delta.generation > $1 AND generation_delta.generation <= $2`;

/**
 * A query of the cube reading, in place of each of its tables of counts, what the generations
 * after $n up to $n+1 (bound after its own parameters) added to that table: run over the rows
 * of GENERATIONS_BETWEEN's generations, a sum of the cube's rows gives what they changed of it.
 */
export function overGenerationDeltas(sql: string): string {
  const next = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))) + 1;
  const read = new RegExp(`\\bFROM (${COUNTED_TABLES.join('|')}) (\\w+)`, 'g');
  const replaced = sql.replace(
    read,
    (_, table: string, alias: string) => `FROM (
      SELECT counted.* FROM statistics_generation_deltas generation_delta
       CROSS JOIN LATERAL jsonb_populate_recordset(NULL::${table}, generation_delta.tables -> '${table}') counted
       WHERE generation_delta.generation > $${next} AND generation_delta.generation <= $${next + 1}) ${alias}`,
  );
  const left = CUBE_TABLES.filter((table) => replaced.replace(/NULL::\w+|'statistics_\w+'/g, '').includes(table));
  if (left.length || replaced === sql) throw new Error("not a query of the cube's counts");
  return replaced;
}

/** Whether writes have marked cells to recompute, and the cube's generation (migration StatisticsCubeGeneration). */
export const HAS_DIRTY = `SELECT EXISTS (SELECT 1 FROM statistics_dirty) AS dirty, (SELECT generation FROM statistics_cube_state)::int AS generation`;

/** The refresh moves the generation on, in its transaction. */
export const NEXT_GENERATION = `UPDATE statistics_cube_state SET generation = generation + 1 RETURNING generation::int AS generation`;

/**
 * Whether anything a figure counts by date is dated after $1 and on or before $2 (the end of
 * $1's month), in any case, deleted ones included. When nothing is, a period ending on $1
 * counts what the period ending on $2 counts, and the cube answers it.
 */
export const DATED_BETWEEN = `
  SELECT EXISTS (SELECT 1 FROM cases WHERE fir_date > $1 AND fir_date <= $2)
      OR EXISTS (SELECT 1 FROM jurisdictions jurisdiction WHERE EXISTS (
           SELECT 1 FROM cases tip_case WHERE tip_case.jurisdiction_code = jurisdiction.code
              AND tip_case.investigation_concluded_on > $1 AND tip_case.investigation_concluded_on <= $2))
      OR EXISTS (SELECT 1 FROM jurisdictions jurisdiction WHERE EXISTS (
           SELECT 1 FROM cases tip_case WHERE tip_case.jurisdiction_code = jurisdiction.code
              AND tip_case.status_date > $1 AND tip_case.status_date <= $2))
      OR EXISTS (SELECT 1 FROM case_status_events WHERE status_date > $1 AND status_date <= $2)
      OR EXISTS (SELECT 1 FROM prosecutions WHERE prosecution_date > $1 AND prosecution_date <= $2)
      OR EXISTS (SELECT 1 FROM convictions WHERE judgment_date > $1 AND judgment_date <= $2)
      OR EXISTS (SELECT 1 FROM victims WHERE identified_on > $1 AND identified_on <= $2) AS dated`;

/** The filters on the rows `alias` of a cube table (it has no district column: the cube answers no district filter). */
const FILTER = (alias: string) => scopeFilter(alias, { district: false, formAndType: true, unit: true });

/**
 * Items (a), (c), (d), (e), victims identified and suspects per jurisdiction, for a period of
 * whole months ($1 the first day of a month, $2 the last day of one). Cases investigated =
 * registered by $2 − concluded before $1; distinct cases count in the first month of the
 * period they have a prosecution (conviction) in: the month whose previous one is before $1.
 */
export const CUBE_SUMMARY = `
  WITH months AS (
    SELECT case_month.jurisdiction_code,
           sum(case_month.registered) FILTER (WHERE case_month.month BETWEEN $1 AND $2) AS registered,
           COALESCE(sum(case_month.registered) FILTER (WHERE case_month.month <= $2), 0) - COALESCE(sum(case_month.concluded) FILTER (WHERE case_month.month < $1), 0) AS investigated,
           sum(case_month.prosecuted_persons) FILTER (WHERE case_month.month BETWEEN $1 AND $2) AS prosecuted,
           sum(case_month.convicted_persons) FILTER (WHERE case_month.month BETWEEN $1 AND $2) AS convicted,
           sum(case_month.victims_identified) FILTER (WHERE case_month.month BETWEEN $1 AND $2) AS victims,
           sum(case_month.suspects) FILTER (WHERE case_month.month BETWEEN $1 AND $2) AS suspects
      FROM statistics_case_months case_month WHERE case_month.month <= $2 AND ${FILTER('case_month')} GROUP BY 1),
  firsts AS (
    SELECT case_first.jurisdiction_code, sum(case_first.cases) FILTER (WHERE case_first.measure = 'prosecuted') AS prosecuted,
           sum(case_first.cases) FILTER (WHERE case_first.measure = 'convicted') AS convicted
      FROM statistics_case_firsts case_first
     WHERE case_first.month BETWEEN $1 AND $2 AND (case_first.previous_month IS NULL OR case_first.previous_month < $1) AND ${FILTER('case_first')} GROUP BY 1)
  SELECT jurisdiction.code AS jurisdiction,
         COALESCE(months.registered, 0)::int AS "casesRegistered",
         COALESCE(months.investigated, 0)::int AS "casesInvestigated",
         COALESCE(months.prosecuted, 0)::int AS "prosecutedPersons", COALESCE(firsts.prosecuted, 0)::int AS "prosecutedCases",
         COALESCE(months.convicted, 0)::int AS "convictedPersons", COALESCE(firsts.convicted, 0)::int AS "convictedCases",
         COALESCE(months.victims, 0)::int AS "victimsIdentified",
         COALESCE(months.suspects, 0)::int AS suspects
    FROM jurisdictions jurisdiction
    LEFT JOIN months ON months.jurisdiction_code = jurisdiction.code
    LEFT JOIN firsts ON firsts.jurisdiction_code = jurisdiction.code
   WHERE $3::varchar IS NULL OR jurisdiction.code = $3
   ORDER BY jurisdiction.code`;

/** (f) status as at $2 (the last day of a month): entered by then minus left by then. */
export const CUBE_STATUS = `
  SELECT status_month.jurisdiction_code AS jurisdiction, status_month.status, (sum(status_month.entered) - sum(status_month.exited))::int AS count
    FROM statistics_status_months status_month
   WHERE status_month.month <= $2 AND $1::date <= $2::date AND ${FILTER('status_month')}
   GROUP BY 1, 2 HAVING sum(status_month.entered) - sum(status_month.exited) <> 0 ORDER BY 1, 2`;

/** Trend keys on the cube table's rows `cube_row` ($10 = groupBy). */
export const CUBE_TREND_KEYS = {
  none: { key: `'all'`, join: '' },
  jurisdiction: { key: 'cube_row.jurisdiction_code', join: '' },
  offenceFamily: { key: 'cube_row.offence_family', join: '' },
  exploitationForm: {
    key: `COALESCE(exploitation.form, 'unspecified')`,
    join: 'LEFT JOIN LATERAL unnest(cube_row.exploitation_forms) AS exploitation(form) ON true',
  },
} as const;
/** The groupings of the cases' own months; by sex the persons' table answers. */
type CaseTrendGroup = keyof typeof CUBE_TREND_KEYS;
export type CubeTrendGroup = CaseTrendGroup | 'sex';

/**
 * A trend of monthly sums, whole months only: `total` summed over the rows `cube_row` of `table`
 * (with `join`, and `where` besides the period and the filters), by `key`.
 */
function monthlyTrendSql(source: { table: string; total: string; key: string; join?: string; where?: string }): string {
  const { table, total, key, join = '', where = 'true' } = source;
  return `
  WITH ${PERIODS},
  counted AS MATERIALIZED (
    SELECT date_trunc($9, cube_row.month)::date AS start, ${key} AS group_key, sum(${total})::int AS total
      FROM ${table} cube_row ${join}
     WHERE ${where} AND cube_row.month BETWEEN $1 AND $2 AND ${FILTER('cube_row')} GROUP BY 1, 2 HAVING sum(${total}) <> 0),
  keys AS (SELECT DISTINCT group_key FROM counted UNION SELECT 'all' WHERE $10 = 'none')
  SELECT period.start::text AS start, keys.group_key AS key, COALESCE(counted.total, 0) AS value
    FROM periods period CROSS JOIN keys LEFT JOIN counted ON counted.start = period.start AND counted.group_key = keys.group_key
   ORDER BY 2, 1`;
}

/**
 * Cases under investigation in each period (whole months): registered by the period's end
 * minus concluded before its start ($1 for the first). As parts (`asParts`, to add up with
 * INVESTIGATED_ADDED_UP): every key with a count, and a row per key without a period holding the
 * cases it registered by $2 (a key is listed when that is above 0).
 */
export function cubeInvestigatedTrendSql(group: CaseTrendGroup, asParts = false): string {
  const { key, join } = CUBE_TREND_KEYS[group];
  // on the cube a key with cases concluded by $2 has cases registered by then: the same keys
  const counted = asParts ? 'registered <> 0 OR concluded <> 0' : 'registered > 0';
  const registered = `
  UNION ALL
  SELECT NULL, keys.group_key, COALESCE((SELECT sum(registered) FROM monthly WHERE monthly.group_key = keys.group_key), 0)::int
    FROM keys`;
  return `
  WITH ${PERIODS},
  monthly AS MATERIALIZED (
    SELECT cube_row.month, ${key} AS group_key, sum(cube_row.registered) AS registered, sum(cube_row.concluded) AS concluded
      FROM statistics_case_months cube_row ${join}
     WHERE cube_row.month <= $2 AND ${FILTER('cube_row')} GROUP BY 1, 2),
  keys AS (SELECT DISTINCT group_key FROM monthly WHERE ${counted} UNION SELECT 'all' WHERE $10 = 'none'),
  bounds AS (
    SELECT period.start, GREATEST(period.start, date_trunc('month', $1::date)::date) AS opens,
           LEAST((period.start + CASE $9 WHEN 'quarter' THEN interval '3 months' WHEN 'year' THEN interval '1 year' ELSE interval '1 month' END)::date - 1, $2::date) AS closes
      FROM periods period)
  SELECT bounds.start::text AS start, keys.group_key AS key,
         (COALESCE((SELECT sum(registered) FROM monthly WHERE monthly.group_key = keys.group_key AND monthly.month <= bounds.closes), 0)
        - COALESCE((SELECT sum(concluded) FROM monthly WHERE monthly.group_key = keys.group_key AND monthly.month < bounds.opens), 0))::int AS value
    FROM bounds CROSS JOIN keys${asParts ? registered : ''}
   ORDER BY 2, 1`;
}

const TREND_COLUMNS = {
  casesRegistered: 'registered',
  prosecutions: 'prosecuted_persons',
  convictions: 'convicted_persons',
  victims: 'victims_identified',
} as const;

/** The SQL of a trend of `metric` grouped by `group` from the cube (as trendQuerySql). */
export function cubeTrendQuerySql(metric: TrendMetric, group: CubeTrendGroup): string {
  if (group === 'sex') {
    if (metric === 'casesRegistered' || metric === 'casesInvestigated') throw new Error('sex is a property of persons');
    // persons prosecuted, convicted or identified as victims, by their sex
    return monthlyTrendSql({
      table: 'statistics_person_sexes',
      total: 'cube_row.persons',
      key: 'cube_row.sex',
      where: `cube_row.measure = '${metric}'`,
    });
  }
  if (metric === 'casesInvestigated') return cubeInvestigatedTrendSql(group);
  const { key, join } = CUBE_TREND_KEYS[group];
  return monthlyTrendSql({ table: 'statistics_case_months', total: `cube_row.${TREND_COLUMNS[metric]}`, key, join });
}

/** Victims identified in whole months, by vulnerability × sex × age group (as VULNERABILITIES). */
export const CUBE_VULNERABILITIES = `
  SELECT victim_vulnerability.vulnerability, victim_vulnerability.sex, victim_vulnerability.age_group AS "ageGroup", sum(victim_vulnerability.victims)::int AS count
    FROM statistics_victim_vulnerabilities victim_vulnerability WHERE victim_vulnerability.month BETWEEN $1 AND $2 AND ${FILTER('victim_vulnerability')}
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`;

/** Route flows of the cases registered in whole months at level $9, top $10 (as ROUTE_FLOWS). */
export const CUBE_ROUTE_FLOWS = `
  SELECT route_flow.origin_place AS origin, route_flow.destination_place AS destination,
         sum(route_flow.cases)::int AS cases, sum(route_flow.victims)::int AS victims
    FROM statistics_route_flows route_flow WHERE route_flow.level = $9 AND route_flow.month BETWEEN $1 AND $2 AND ${FILTER('route_flow')}
   GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT $10`;

/** Transit places of the same cases (as ROUTE_TRANSITS). */
export const CUBE_ROUTE_TRANSITS = `
  SELECT route_transit.place, sum(route_transit.cases)::int AS cases
    FROM statistics_route_transits route_transit WHERE route_transit.level = $9 AND route_transit.month BETWEEN $1 AND $2 AND ${FILTER('route_transit')}
   GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $10`;

/** The Sankey's legs of the same cases at level $9, top $10 (as ROUTE_LEGS). */
export const CUBE_ROUTE_LEGS = `
  SELECT route_leg.leg, route_leg.from_place AS "from", route_leg.to_place AS "to", sum(route_leg.cases)::int AS cases
    FROM statistics_route_legs route_leg WHERE route_leg.level = $9 AND route_leg.month BETWEEN $1 AND $2 AND ${FILTER('route_leg')}
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT $10`;

/** The same victims' districts of residence, most first (as HOTSPOTS). */
export const CUBE_HOTSPOTS = `
  WITH residences AS (
    SELECT victim_residence.district_code, sum(victim_residence.victims)::int AS victims FROM statistics_victim_residences victim_residence
     WHERE victim_residence.month BETWEEN $1 AND $2 AND ${FILTER('victim_residence')} GROUP BY 1)
  SELECT residences.district_code AS district, residence.name AS "districtName", residence.jurisdiction_code AS jurisdiction, residences.victims
    FROM residences JOIN districts residence ON residence.code = residences.district_code
   ORDER BY 4 DESC, 1 LIMIT 25`;

/**
 * The median of each measure's days, from `distribution` (measure, days, n), exactly as
 * percentile_cont(0.5) computes it: the mean of the two middle values when their number is even.
 */
export const MEDIANS = `
  ranked AS (
    SELECT measure, days, sum(n) OVER (PARTITION BY measure ORDER BY days) AS upto, (sum(n) OVER (PARTITION BY measure) - 1) / 2.0 AS middle
      FROM distribution),
  middles AS (
    SELECT measure, min(days) FILTER (WHERE upto > floor(middle)) AS low, min(days) FILTER (WHERE upto > ceil(middle)) AS high, min(middle) AS middle
      FROM ranked GROUP BY measure),
  medians AS (SELECT measure, (low + (middle - floor(middle)) * (high - low))::float8 AS median FROM middles)`;

/** Attrition's three medians as its columns, from MEDIANS. */
export const MEDIAN_COLUMNS = `
         (SELECT median FROM medians WHERE measure = 'fir_to_challan') AS "firToChallan",
         (SELECT median FROM medians WHERE measure = 'challan_to_judgment') AS "challanToJudgment",
         (SELECT median FROM medians WHERE measure = 'fir_to_judgment') AS "firToJudgment"`;

/** Attrition's counts in whole months (as ATTRITION). */
const CUBE_ATTRITION_COUNTS = `
    SELECT COALESCE(sum(registered), 0)::int AS registered, COALESCE(sum(concluded), 0)::int AS "investigationConcluded",
           COALESCE(sum(challan_submitted), 0)::int AS "challanSubmitted", COALESCE(sum(prosecuted), 0)::int AS prosecuted,
           COALESCE(sum(convicted), 0)::int AS convicted, COALESCE(sum(acquitted), 0)::int AS acquitted,
           COALESCE(sum(cancelled), 0)::int AS cancelled, COALESCE(sum(untraced), 0)::int AS untraced
      FROM statistics_attrition_months attrition_month WHERE attrition_month.month BETWEEN $1 AND $2 AND ${FILTER('attrition_month')}`;

/** The distributions of days behind attrition's medians in whole months (as ATTRITION_PARTS). */
const CUBE_ATTRITION_DISTRIBUTION = `
    SELECT attrition_day.measure, attrition_day.days, sum(attrition_day.cases)::int AS n FROM statistics_attrition_days attrition_day
     WHERE attrition_day.month BETWEEN $1 AND $2 AND ${FILTER('attrition_day')} GROUP BY 1, 2`;

/**
 * Attrition of the cases registered in whole months (as ATTRITION); each median is read from
 * the distribution of days exactly as percentile_cont(0.5) computes it: the mean of the two
 * middle values when their number is even.
 */
export const CUBE_ATTRITION = `
  WITH counts AS (${CUBE_ATTRITION_COUNTS}),
  distribution AS (${CUBE_ATTRITION_DISTRIBUTION}),
  ${MEDIANS}
  SELECT counts.*, ${MEDIAN_COLUMNS}
    FROM counts`;

/** Attrition in whole months as rows to add up (as ATTRITION_PARTS): a row of each count, and the distributions of days. */
export const CUBE_ATTRITION_PARTS = `
  WITH counts AS (${CUBE_ATTRITION_COUNTS})
  SELECT count.measure, NULL::int AS days, count.n
    FROM counts CROSS JOIN LATERAL (VALUES ${ATTRITION_MEASURES.map((measure) => `('${measure}', counts."${measure}")`).join(', ')}) AS count(measure, n)
  UNION ALL ${CUBE_ATTRITION_DISTRIBUTION}`;

/** (b) persons by sex × age band × nationality in whole months ($9 population, $10 scope; as DEMOGRAPHICS). */
export const CUBE_DEMOGRAPHICS = `
  SELECT demographic.sex, CASE demographic.age_band WHEN 'unknown' THEN 'unknown' WHEN '0-11' THEN 'child' WHEN '12-17' THEN 'child' ELSE 'adult' END AS "ageGroup",
         demographic.age_band AS "ageBand", demographic.nationality, sum(demographic.persons)::int AS count
    FROM statistics_demographics demographic
   WHERE demographic.population = $9 AND demographic.scope = $10 AND demographic.month BETWEEN $1 AND $2
     AND ($10 = 'all' OR demographic.previous_month IS NULL OR demographic.previous_month < $1) AND ${FILTER('demographic')}
   GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 3, 4`;

/**
 * Defendants whose CNIC hash appears in two or more cases registered in the period, for any
 * period and filter (the table keeps each case's FIR date and district; as REPEAT_OFFENDERS).
 */
export const CUBE_REPEAT_OFFENDERS = `
  SELECT count(DISTINCT offender_case.case_id)::int AS cases, count(DISTINCT offender_case.jurisdiction_code)::int AS jurisdictions,
         min(offender_case.fir_date)::text AS "firstFirDate", max(offender_case.fir_date)::text AS "lastFirDate"
    FROM statistics_offender_cases offender_case
   WHERE offender_case.fir_date BETWEEN $1 AND $2 AND ${scopeFilter('offender_case', { district: true, formAndType: true, unit: true })}
   GROUP BY offender_case.cnic_hash HAVING count(DISTINCT offender_case.case_id) >= 2
   ORDER BY 1 DESC, 2 DESC, 3, 4 LIMIT 500`;
