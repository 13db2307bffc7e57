import { TrendGroup, TrendMetric } from 'src/statistics/dto/statistics-query.dto';
import {
  AGE_BAND,
  AGE_GROUP,
  CHALLAN_STATUSES,
  hasTransit,
  identifiedIn,
  investigatedIn,
  judgedIn,
  nationalityOf,
  PeriodSql,
  placeAt,
  prosecutionBeganIn,
  registeredBy,
  registeredIn,
  routeDestination,
  routeOrigin,
  scopeFilter,
  statusAt,
  transitPlace,
} from 'src/statistics/counting-rules.sql';

export { AGE_BAND, AGE_GROUP, placeAt, scopeFilter };

/**
 * Every counting rule of the statistics, as reviewed SQL built from the rules of
 * counting-rules.sql.ts (which the case list shares). Each query takes the same seven
 * parameters, bound by StatisticsRepository:
 *   $1 from (date), $2 to (date), $3 jurisdiction, $4 district, $5 offence families (text[],
 *   null = all), $6 exploitation form, $7 trafficking type.
 * `scoped` is the set of cases the filters select: never deleted ones. It is inlined into
 * each use (NOT MATERIALIZED) so that every aggregate reaches the cases through its own index.
 */
const PERIOD: PeriodSql = { from: '$1', to: '$2' };

/** The `scoped` cases, read from `from` (the cases `tip_case`, or a join that holds them). */
export const scopedSql = (from = 'cases tip_case') => `
  scoped AS NOT MATERIALIZED (
    SELECT tip_case.* FROM ${from}
     WHERE tip_case.deleted_at IS NULL AND ${scopeFilter('tip_case', { district: true, formAndType: true, unit: true })}
  )`;
export const SCOPED = scopedSql();

/** A case's status as at $2 (item f). */
const STATUS_AT_END = statusAt('tip_case', '$2');

/**
 * Items (a), (c), (d), (e), victims identified and suspects, per jurisdiction.
 * (a) cases registered: FIR date in the period.
 * (c) cases investigated: FIR date ≤ to and investigation not concluded, or concluded on/after from.
 * (d) prosecutions: defendants whose prosecution began in the period, and their distinct cases.
 * (e) convictions: persons convicted with a judgment date in the period, and their distinct cases.
 * victims identified: identified-on date in the period, else the case's FIR date.
 * suspects: defendants of the cases registered in the period.
 */
export const SUMMARY_BY_JURISDICTION = summarySql(false);

/** The summary's figures: SUMMARY_BY_JURISDICTION's columns besides the jurisdiction. */
export const SUMMARY_FIGURES = [
  'casesRegistered',
  'casesInvestigated',
  'prosecutedPersons',
  'prosecutedCases',
  'convictedPersons',
  'convictedCases',
  'victimsIdentified',
  'suspects',
];

/**
 * The same figures per jurisdiction and reporting unit (a unit with none of them is left out):
 * the summary's figures for any set of units are sums of their rows.
 */
export const SUMMARY_BY_UNIT = summarySql(true);

/** The summary's SQL, per jurisdiction or (`byUnit`) per jurisdiction and reporting unit. */
function summarySql(byUnit: boolean): string {
  const by = byUnit ? 'tip_case.jurisdiction_code, tip_case.reporting_unit_code' : 'tip_case.jurisdiction_code';
  const group = byUnit ? 'GROUP BY 1, 2' : 'GROUP BY 1';
  const figures = ['registered', 'investigated', 'prosecuted', 'convicted', 'identified', 'suspects'];
  const joined = (key: string) =>
    figures
      .map(
        (figure) => `
    LEFT JOIN ${figure} ON ${figure}.jurisdiction_code = ${key}.${byUnit ? `jurisdiction_code AND ${figure}.reporting_unit_code = ${key}.reporting_unit_code` : 'code'}`,
      )
      .join('');
  return `
  WITH ${SCOPED},
  registered AS (
    SELECT ${by}, count(*) AS cases FROM scoped tip_case WHERE ${registeredIn('tip_case', PERIOD)} ${group}),
  investigated AS (
    SELECT ${by}, count(*) AS cases FROM scoped tip_case
     WHERE ${investigatedIn('tip_case', PERIOD)} ${group}),
  prosecuted AS (
    SELECT ${by}, count(*) AS persons, count(DISTINCT prosecution.case_id) AS cases
      FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id
     WHERE ${prosecutionBeganIn('prosecution', PERIOD)} ${group}),
  convicted AS (
    SELECT ${by}, count(DISTINCT prosecution.defendant_id) AS persons, count(DISTINCT prosecution.case_id) AS cases
      FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
      JOIN scoped tip_case ON tip_case.id = prosecution.case_id
     WHERE ${judgedIn('conviction', PERIOD)} ${group}),
  identified AS (
    SELECT ${by}, count(*) AS victims FROM victims victim JOIN scoped tip_case ON tip_case.id = victim.case_id
     WHERE ${identifiedIn('victim', 'tip_case', PERIOD)} ${group}),
  suspects AS (
    SELECT ${by}, count(*) AS defendants FROM defendants defendant JOIN scoped tip_case ON tip_case.id = defendant.case_id
     WHERE ${registeredIn('tip_case', PERIOD)} ${group})
  SELECT ${byUnit ? 'unit.jurisdiction_code AS jurisdiction, unit.reporting_unit_code AS "reportingUnit"' : 'jurisdiction.code AS jurisdiction'},
         COALESCE(registered.cases, 0)::int AS "casesRegistered",
         COALESCE(investigated.cases, 0)::int AS "casesInvestigated",
         COALESCE(prosecuted.persons, 0)::int AS "prosecutedPersons", COALESCE(prosecuted.cases, 0)::int AS "prosecutedCases",
         COALESCE(convicted.persons, 0)::int AS "convictedPersons", COALESCE(convicted.cases, 0)::int AS "convictedCases",
         COALESCE(identified.victims, 0)::int AS "victimsIdentified",
         COALESCE(suspects.defendants, 0)::int AS suspects
    FROM ${
      byUnit
        ? `(${figures.map((figure) => `SELECT jurisdiction_code, reporting_unit_code FROM ${figure}`).join(' UNION ')}) unit`
        : 'jurisdictions jurisdiction'
    }${joined(byUnit ? 'unit' : 'jurisdiction')}
   WHERE $3::varchar IS NULL OR ${byUnit ? 'unit.jurisdiction_code' : 'jurisdiction.code'} = $3
   ORDER BY 1`;
}

/** (f) each case registered by $2, counted by its status as at $2, per jurisdiction. */
export const STATUS_BY_JURISDICTION = `
  WITH ${SCOPED}
  SELECT tip_case.jurisdiction_code AS jurisdiction, ${STATUS_AT_END} AS status, count(*)::int AS count
    FROM scoped tip_case WHERE ${registeredBy('tip_case', '$2')} AND $1::date <= $2::date
   GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * (b) persons by sex × age band × nationality. $9 = 'victims' | 'defendants';
 * $10 = 'prosecuted' (cases with a prosecution beginning in the period) | 'all' (cases registered in the period).
 */
export const DEMOGRAPHICS = `
  WITH ${SCOPED},
  selected AS (
    SELECT tip_case.id FROM scoped tip_case WHERE $10 = 'all' AND ${registeredIn('tip_case', PERIOD)}
    UNION
    SELECT prosecution.case_id FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id
     WHERE $10 = 'prosecuted' AND ${prosecutionBeganIn('prosecution', PERIOD)}),
  persons AS (
    SELECT victim.sex, victim.age, victim.nationality FROM victims victim JOIN selected ON selected.id = victim.case_id WHERE $9 = 'victims'
    UNION ALL
    SELECT defendant.sex, defendant.age, defendant.nationality FROM defendants defendant JOIN selected ON selected.id = defendant.case_id
     WHERE $9 = 'defendants')
  SELECT sex, ${AGE_GROUP('age')} AS "ageGroup", ${AGE_BAND('age')} AS "ageBand",
         ${nationalityOf('nationality')} AS nationality, count(*)::int AS count
    FROM persons GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 3, 4`;

/**
 * Trend of one metric in periods of $9 ('month' | 'quarter' | 'year'), grouped by $10.
 * Every period from $1 to $2 is present. Cases investigated in a period = cases registered
 * by its end minus cases whose investigation concluded before its start.
 */
const TREND_EVENTS: Record<'casesRegistered' | 'prosecutions' | 'convictions' | 'victims', string> = {
  casesRegistered: `SELECT tip_case.fir_date AS dated_on, %KEY% AS group_key FROM scoped tip_case %JOIN%`,
  prosecutions: `SELECT prosecution.prosecution_date AS dated_on, %KEY% AS group_key FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id JOIN defendants person ON person.id = prosecution.defendant_id %JOIN%`,
  convictions: `SELECT conviction.judgment_date AS dated_on, %KEY% AS group_key FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id JOIN scoped tip_case ON tip_case.id = prosecution.case_id JOIN defendants person ON person.id = prosecution.defendant_id %JOIN%`,
  victims: `SELECT COALESCE(person.identified_on, tip_case.fir_date) AS dated_on, %KEY% AS group_key FROM victims person JOIN scoped tip_case ON tip_case.id = person.case_id %JOIN%`,
};

/** Trend keys on a case `tip_case` (and a person `person` for `sex`), with the join they need; $10 = groupBy. */
export const TREND_KEYS: Record<TrendGroup, { key: string; join: string }> = {
  none: { key: `'all'`, join: '' },
  jurisdiction: { key: 'tip_case.jurisdiction_code', join: '' },
  offenceFamily: { key: 'tip_case.offence_family', join: '' },
  exploitationForm: {
    key: `COALESCE(exploitation.form, 'unspecified')`,
    join: 'LEFT JOIN LATERAL unnest(tip_case.exploitation_forms) AS exploitation(form) ON true',
  },
  sex: { key: 'person.sex', join: '' },
};

/** The SQL of a trend of `metric` grouped by `group` ($9 interval, $10 group). */
export function trendQuerySql(metric: TrendMetric, group: TrendGroup): string {
  const { key, join } = TREND_KEYS[group];
  return metric === 'casesInvestigated'
    ? investigatedTrendSql(key, join)
    : trendSql(TREND_EVENTS[metric].replace('%KEY%', key).replace('%JOIN%', join));
}

/** Calendar periods of `interval` covering `from`…`to` (the first and last clipped to the period asked). */
export const periodsSql = (interval: string, from: string, to: string) => `
  periods AS (
    SELECT period_start::date AS start
      FROM generate_series(date_trunc(${interval}, ${from}::date), ${to}::date,
             CASE ${interval} WHEN 'quarter' THEN interval '3 months' WHEN 'year' THEN interval '1 year' ELSE interval '1 month' END) period_start)`;

/** Calendar periods of $9 covering $1…$2. */
export const PERIODS = periodsSql('$9', '$1', '$2');

function trendSql(events: string): string {
  return `
  WITH ${SCOPED},
  ${PERIODS},
  events AS (${events}),
  counted AS MATERIALIZED (
    SELECT date_trunc($9, dated_on)::date AS start, group_key, count(*)::int AS events
      FROM events WHERE dated_on BETWEEN $1 AND $2 GROUP BY 1, 2),
  keys AS (SELECT DISTINCT group_key FROM counted UNION SELECT 'all' WHERE $10 = 'none')
  SELECT period.start::text AS start, keys.group_key AS key, COALESCE(counted.events, 0) AS value
    FROM periods period CROSS JOIN keys LEFT JOIN counted ON counted.start = period.start AND counted.group_key = keys.group_key
   ORDER BY 2, 1`;
}

/**
 * Cases under investigation in each period: registered by the period's end minus those
 * whose investigation concluded before the period's start (the start being $1 for the first).
 * The per-key counts are computed once (MATERIALIZED), then summed per period.
 */
function investigatedTrendSql(key: string, join: string): string {
  return `
  WITH ${SCOPED},
  ${PERIODS},
  keyed AS MATERIALIZED (
    SELECT tip_case.fir_date, tip_case.investigation_concluded_on, ${key} AS group_key
      FROM scoped tip_case ${join} WHERE ${registeredBy('tip_case', '$2')}),
  keys AS (SELECT DISTINCT group_key FROM keyed UNION SELECT 'all' WHERE $10 = 'none'),
  opened AS MATERIALIZED (SELECT date_trunc($9, fir_date)::date AS start, group_key, count(*) AS cases FROM keyed GROUP BY 1, 2),
  closed AS MATERIALIZED (SELECT date_trunc($9, investigation_concluded_on)::date AS start, group_key, count(*) AS cases FROM keyed
              WHERE investigation_concluded_on >= $1 GROUP BY 1, 2),
  closed_before AS MATERIALIZED (SELECT group_key, count(*) AS cases FROM keyed WHERE investigation_concluded_on < $1 GROUP BY 1)
  SELECT period.start::text AS start, keys.group_key AS key,
         ((SELECT COALESCE(sum(cases), 0) FROM opened WHERE opened.group_key = keys.group_key AND opened.start <= period.start)
        - (SELECT COALESCE(sum(cases), 0) FROM closed_before WHERE closed_before.group_key = keys.group_key)
        - (SELECT COALESCE(sum(cases), 0) FROM closed WHERE closed.group_key = keys.group_key AND closed.start < period.start))::int AS value
    FROM periods period CROSS JOIN keys
   ORDER BY 2, 1`;
}

/** Route flows of cases registered in the period; $9 = level, $10 = limit. */
export const ROUTE_FLOWS = `
  WITH ${SCOPED},
  registered AS (SELECT tip_case.id FROM scoped tip_case WHERE ${registeredIn('tip_case', PERIOD)}),
  ends AS (
    SELECT registered.id,
           ${routeOrigin('registered', '$9')} AS origin,
           ${routeDestination('registered', '$9')} AS destination,
           (SELECT count(*) FROM victims victim WHERE victim.case_id = registered.id) AS victims
      FROM registered)
  SELECT COALESCE(origin, 'unknown') AS origin, COALESCE(destination, 'unknown') AS destination,
         count(*)::int AS cases, sum(victims)::int AS victims
    FROM ends WHERE origin IS NOT NULL OR destination IS NOT NULL
   GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT $10`;

export const ROUTE_TRANSITS = `
  WITH ${SCOPED}
  SELECT ${transitPlace('transit_point', '$9')} AS place, count(DISTINCT transit_point.case_id)::int AS cases
    FROM route_points transit_point JOIN scoped tip_case ON tip_case.id = transit_point.case_id
   WHERE transit_point.kind = 'transit' AND ${registeredIn('tip_case', PERIOD)} AND $9 IS NOT NULL
   GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $10`;

/**
 * The legs of the routes of cases registered in the period at level $9, top $10 by cases (see
 * ROUTE_LEG_KINDS): origin → transit and transit → destination once per distinct transit place
 * of a case, origin → destination for a case without a transit point; `unknown` for a missing end.
 */
export const ROUTE_LEGS = `
  WITH ${SCOPED},
  registered AS (SELECT tip_case.id FROM scoped tip_case WHERE ${registeredIn('tip_case', PERIOD)}),
  ends AS (
    SELECT registered.id,
           COALESCE(${routeOrigin('registered', '$9')}, 'unknown') AS origin,
           COALESCE(${routeDestination('registered', '$9')}, 'unknown') AS destination,
           ${hasTransit('registered')} AS has_transit
      FROM registered),
  transits AS (
    SELECT DISTINCT transit_point.case_id, ${transitPlace('transit_point', '$9')} AS place
      FROM route_points transit_point JOIN registered ON registered.id = transit_point.case_id WHERE transit_point.kind = 'transit'),
  legs AS (
    SELECT 'origin-transit' AS leg, ends.origin AS from_place, transits.place AS to_place FROM transits JOIN ends ON ends.id = transits.case_id
    UNION ALL
    SELECT 'transit-destination', transits.place, ends.destination FROM transits JOIN ends ON ends.id = transits.case_id
    UNION ALL
    SELECT 'origin-destination', ends.origin, ends.destination FROM ends
     WHERE NOT ends.has_transit AND (ends.origin <> 'unknown' OR ends.destination <> 'unknown'))
  SELECT leg, from_place AS "from", to_place AS "to", count(*)::int AS cases
    FROM legs GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3 LIMIT $10`;

/**
 * What became of the cases registered in the period, followed to today: how many reached
 * each stage (from the status history), and the median days between stages. History and
 * trials are aggregated once per case and joined to the cohort.
 */
/**
 * For the cases of a `cohort` CTE (column id), followed to today: the first date the police
 * report sent the case up for trial (challan_on), whether it was ever acquitted, cancelled
 * or untraced (history); the first judgment date and whether anyone was convicted (trials).
 */
export const FOLLOWED_TO_TODAY = `
  history AS (
    SELECT status_event.case_id,
           min(status_event.status_date)
             FILTER (WHERE status_event.to_status IN ${CHALLAN_STATUSES}) AS challan_on,
           bool_or(status_event.to_status = 'acquitted') AS acquitted, bool_or(status_event.to_status = 'cancelled') AS cancelled,
           bool_or(status_event.to_status = 'untraced') AS untraced
      FROM case_status_events status_event JOIN cohort ON cohort.id = status_event.case_id GROUP BY status_event.case_id),
  trials AS (
    SELECT prosecution.case_id,
           min(prosecution.outcome_date) FILTER (WHERE prosecution.outcome IN ('convicted', 'acquitted', 'discharged')) AS judged_on,
           bool_or(conviction.prosecution_id IS NOT NULL) AS convicted
      FROM prosecutions prosecution JOIN cohort ON cohort.id = prosecution.case_id
      LEFT JOIN convictions conviction ON conviction.prosecution_id = prosecution.id GROUP BY prosecution.case_id)`;

const FOLLOWED_COHORT = `
  WITH ${SCOPED},
  cohort AS MATERIALIZED (
    SELECT tip_case.id, tip_case.fir_date, tip_case.investigation_concluded_on FROM scoped tip_case WHERE ${registeredIn('tip_case', PERIOD)}),
  ${FOLLOWED_TO_TODAY},
  followed AS (
    SELECT cohort.fir_date, cohort.investigation_concluded_on, history.challan_on, trials.judged_on, trials.case_id IS NOT NULL AS prosecuted,
           COALESCE(trials.convicted, false) AS convicted, COALESCE(history.acquitted, false) AS acquitted,
           COALESCE(history.cancelled, false) AS cancelled, COALESCE(history.untraced, false) AS untraced
      FROM cohort LEFT JOIN history ON history.case_id = cohort.id LEFT JOIN trials ON trials.case_id = cohort.id)`;

export const ATTRITION = `${FOLLOWED_COHORT}
  SELECT count(*)::int AS registered,
         count(investigation_concluded_on)::int AS "investigationConcluded",
         count(challan_on)::int AS "challanSubmitted",
         count(*) FILTER (WHERE prosecuted)::int AS prosecuted,
         count(*) FILTER (WHERE convicted)::int AS convicted,
         count(*) FILTER (WHERE acquitted)::int AS acquitted,
         count(*) FILTER (WHERE cancelled)::int AS cancelled,
         count(*) FILTER (WHERE untraced)::int AS untraced,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY challan_on - fir_date) AS "firToChallan",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY judged_on - challan_on) FILTER (WHERE challan_on IS NOT NULL) AS "challanToJudgment",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY judged_on - fir_date) AS "firToJudgment"
    FROM followed`;

/** Attrition's counts, each a row of its measure (the names of ATTRITION's columns) without days. */
const ATTRITION_COUNTS = [
  ['registered', 'count(*)'],
  ['investigationConcluded', 'count(investigation_concluded_on)'],
  ['challanSubmitted', 'count(challan_on)'],
  ['prosecuted', 'count(*) FILTER (WHERE prosecuted)'],
  ['convicted', 'count(*) FILTER (WHERE convicted)'],
  ['acquitted', 'count(*) FILTER (WHERE acquitted)'],
  ['cancelled', 'count(*) FILTER (WHERE cancelled)'],
  ['untraced', 'count(*) FILTER (WHERE untraced)'],
];
/** The names of attrition's counts. */
export const ATTRITION_MEASURES = ATTRITION_COUNTS.map(([measure]) => measure);

/**
 * The days between two stages of a case `followed` (FOLLOWED_TO_TODAY's challan_on and judged_on,
 * and its FIR date) behind attrition's medians, as rows `duration(measure, days)` (days null
 * where the stages were not both reached), for a CROSS JOIN LATERAL.
 */
export const ATTRITION_DURATIONS = `
  (VALUES ('fir_to_challan', followed.challan_on - followed.fir_date),
          ('challan_to_judgment', CASE WHEN followed.challan_on IS NOT NULL THEN followed.judged_on - followed.challan_on END),
          ('fir_to_judgment', followed.judged_on - followed.fir_date)) AS duration(measure, days)`;

/**
 * Attrition as rows to add up (period-edges.sql.ts): a row of each count (days null), and the
 * distributions of days behind its medians — how many cases took each number of days between two
 * stages (fir_to_challan, challan_to_judgment, fir_to_judgment), as the cube keeps them.
 */
export const ATTRITION_PARTS = `${FOLLOWED_COHORT}
  SELECT ${ATTRITION_COUNTS.map(([measure, count]) => `'${measure}' AS measure, NULL::int AS days, ${count}::int AS n FROM followed`).join('\n  UNION ALL SELECT ')}
  UNION ALL
  SELECT duration.measure, duration.days, count(*)::int AS n
    FROM followed CROSS JOIN LATERAL ${ATTRITION_DURATIONS}
   WHERE duration.days IS NOT NULL GROUP BY 1, 2`;

/** Victims counted as identified in the period, by vulnerability × sex × age group. */
export const VULNERABILITIES = `
  WITH ${SCOPED},
  identified AS (
    SELECT victim.* FROM victims victim JOIN scoped tip_case ON tip_case.id = victim.case_id
     WHERE ${identifiedIn('victim', 'tip_case', PERIOD)})
  SELECT victim_vulnerability.vulnerability, identified.sex, ${AGE_GROUP('identified.age')} AS "ageGroup", count(*)::int AS count
    FROM identified CROSS JOIN LATERAL unnest(identified.vulnerabilities) AS victim_vulnerability(vulnerability)
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`;

/** The same victims' districts of residence, most first. */
export const HOTSPOTS = `
  WITH ${SCOPED}
  SELECT victim.residence_district_code AS district, residence.name AS "districtName", residence.jurisdiction_code AS jurisdiction,
         count(*)::int AS victims
    FROM victims victim JOIN scoped tip_case ON tip_case.id = victim.case_id JOIN districts residence ON residence.code = victim.residence_district_code
   WHERE ${identifiedIn('victim', 'tip_case', PERIOD)}
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT 25`;

/** Defendants whose CNIC hash appears in two or more cases registered in the period (the hash never leaves the query). */
export const REPEAT_OFFENDERS = `
  WITH ${SCOPED}
  SELECT count(DISTINCT tip_case.id)::int AS cases, count(DISTINCT tip_case.jurisdiction_code)::int AS jurisdictions,
         min(tip_case.fir_date)::text AS "firstFirDate", max(tip_case.fir_date)::text AS "lastFirDate"
    FROM defendants defendant JOIN scoped tip_case ON tip_case.id = defendant.case_id
   WHERE defendant.cnic_hash IS NOT NULL AND ${registeredIn('tip_case', PERIOD)}
   GROUP BY defendant.cnic_hash HAVING count(DISTINCT tip_case.id) >= 2
   ORDER BY 1 DESC, 2 DESC, 3, 4 LIMIT 500`;
