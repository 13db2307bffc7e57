import { TrendGroup, TrendMetric } from 'src/statistics/dto/statistics-query.dto';

/**
 * Every counting rule of the statistics, as reviewed SQL. Each query takes the same seven
 * parameters, bound by StatisticsRepository:
 *   $1 from (date), $2 to (date), $3 jurisdiction, $4 district, $5 offence families (text[],
 *   null = all), $6 exploitation form, $7 trafficking type.
 * `scoped` is the set of cases the filters select: never deleted ones. It is inlined into
 * each use (NOT MATERIALIZED) so that every aggregate reaches the cases through its own index.
 */
/**
 * The filters ($3 jurisdiction, $4 district, $5 offence families, $6 exploitation form, $7
 * trafficking type) on the rows `alias` of a table of cases or of a pre-aggregation of them.
 * A table without a district (or a form and type) column answers only while that filter is unset.
 */
export function scopeFilter(alias: string, has: { district: boolean; formAndType: boolean }): string {
  return `($3::varchar IS NULL OR ${alias}.jurisdiction_code = $3)
       AND ${has.district ? `($4::varchar IS NULL OR ${alias}.district_code = $4)` : '$4::varchar IS NULL'}
       AND ($5::text[] IS NULL OR ${alias}.offence_family = ANY($5::text[]))
       AND ${
         has.formAndType
           ? `($6::text IS NULL OR $6 = ANY(${alias}.exploitation_forms)) AND ($7::varchar IS NULL OR ${alias}.trafficking_type = $7)`
           : '$6::text IS NULL AND $7::varchar IS NULL'
       }`;
}

const SCOPED = `
  scoped AS NOT MATERIALIZED (
    SELECT c.* FROM cases c
     WHERE c.deleted_at IS NULL AND ${scopeFilter('c', { district: true, formAndType: true })}
  )`;

/**
 * A case's status as at $2: its current status when that took effect on or before $2
 * (statuses only move forward in time), else the last event dated on or before $2.
 */
const STATUS_AT_END = `
  CASE WHEN c.status_date <= $2::date THEN c.status ELSE COALESCE((
    SELECT e.to_status FROM case_status_events e
     WHERE e.case_id = c.id AND e.status_date <= $2::date
     ORDER BY e.status_date DESC, e.id DESC LIMIT 1), 'registered') END`;

export const AGE_BAND = (age: string) => `
  CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} < 12 THEN '0-11' WHEN ${age} < 18 THEN '12-17'
       WHEN ${age} <= 25 THEN '18-25' WHEN ${age} <= 40 THEN '26-40' WHEN ${age} <= 60 THEN '41-60' ELSE '61+' END`;
export const AGE_GROUP = (age: string) =>
  `CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} < 18 THEN 'child' ELSE 'adult' END`;

/**
 * Items (a), (c), (d), (e), victims identified and suspects, per jurisdiction.
 * (a) cases registered: FIR date in the period.
 * (c) cases investigated: FIR date ≤ to and investigation not concluded, or concluded on/after from.
 * (d) prosecutions: defendants whose prosecution began in the period, and their distinct cases.
 * (e) convictions: persons convicted with a judgment date in the period, and their distinct cases.
 * victims identified: identified-on date in the period, else the case's FIR date.
 * suspects: defendants of the cases registered in the period.
 */
export const SUMMARY_BY_JURISDICTION = `
  WITH ${SCOPED},
  registered AS (
    SELECT jurisdiction_code j, count(*) n FROM scoped WHERE fir_date BETWEEN $1 AND $2 GROUP BY 1),
  investigated AS (
    SELECT jurisdiction_code j, count(*) n FROM scoped
     WHERE fir_date <= $2 AND (investigation_concluded_on IS NULL OR investigation_concluded_on >= $1) GROUP BY 1),
  prosecuted AS (
    SELECT c.jurisdiction_code j, count(*) persons, count(DISTINCT p.case_id) cases
      FROM prosecutions p JOIN scoped c ON c.id = p.case_id
     WHERE p.prosecution_date BETWEEN $1 AND $2 GROUP BY 1),
  convicted AS (
    SELECT c.jurisdiction_code j, count(DISTINCT p.defendant_id) persons, count(DISTINCT p.case_id) cases
      FROM convictions cv JOIN prosecutions p ON p.id = cv.prosecution_id JOIN scoped c ON c.id = p.case_id
     WHERE cv.judgment_date BETWEEN $1 AND $2 GROUP BY 1),
  identified AS (
    SELECT c.jurisdiction_code j, count(*) n FROM victims v JOIN scoped c ON c.id = v.case_id
     WHERE COALESCE(v.identified_on, c.fir_date) BETWEEN $1 AND $2 GROUP BY 1),
  suspects AS (
    SELECT c.jurisdiction_code j, count(*) n FROM defendants d JOIN scoped c ON c.id = d.case_id
     WHERE c.fir_date BETWEEN $1 AND $2 GROUP BY 1)
  SELECT jr.code AS jurisdiction,
         COALESCE(r.n, 0)::int AS "casesRegistered",
         COALESCE(i.n, 0)::int AS "casesInvestigated",
         COALESCE(p.persons, 0)::int AS "prosecutedPersons", COALESCE(p.cases, 0)::int AS "prosecutedCases",
         COALESCE(cv.persons, 0)::int AS "convictedPersons", COALESCE(cv.cases, 0)::int AS "convictedCases",
         COALESCE(v.n, 0)::int AS "victimsIdentified",
         COALESCE(s.n, 0)::int AS suspects
    FROM jurisdictions jr
    LEFT JOIN registered r ON r.j = jr.code LEFT JOIN investigated i ON i.j = jr.code
    LEFT JOIN prosecuted p ON p.j = jr.code LEFT JOIN convicted cv ON cv.j = jr.code
    LEFT JOIN identified v ON v.j = jr.code LEFT JOIN suspects s ON s.j = jr.code
   WHERE $3::varchar IS NULL OR jr.code = $3
   ORDER BY jr.code`;

/** (f) each case registered by $2, counted by its status as at $2, per jurisdiction. */
export const STATUS_BY_JURISDICTION = `
  WITH ${SCOPED}
  SELECT c.jurisdiction_code AS jurisdiction, ${STATUS_AT_END} AS status, count(*)::int AS count
    FROM scoped c WHERE c.fir_date <= $2 AND $1::date <= $2::date
   GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * (b) persons by sex × age band × nationality. $8 = 'victims' | 'defendants';
 * $9 = 'prosecuted' (cases with a prosecution beginning in the period) | 'all' (cases registered in the period).
 */
export const DEMOGRAPHICS = `
  WITH ${SCOPED},
  selected AS (
    SELECT c.id FROM scoped c WHERE $9 = 'all' AND c.fir_date BETWEEN $1 AND $2
    UNION
    SELECT p.case_id FROM prosecutions p JOIN scoped c ON c.id = p.case_id WHERE $9 = 'prosecuted' AND p.prosecution_date BETWEEN $1 AND $2),
  persons AS (
    SELECT v.sex, v.age, v.nationality FROM victims v JOIN selected s ON s.id = v.case_id WHERE $8 = 'victims'
    UNION ALL
    SELECT d.sex, d.age, d.nationality FROM defendants d JOIN selected s ON s.id = d.case_id WHERE $8 = 'defendants')
  SELECT sex, ${AGE_GROUP('age')} AS "ageGroup", ${AGE_BAND('age')} AS "ageBand",
         COALESCE(nationality, 'UNK') AS nationality, count(*)::int AS count
    FROM persons GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 3, 4`;

/**
 * Trend of one metric in periods of $8 ('month' | 'quarter' | 'year'), grouped by $9.
 * Every period from $1 to $2 is present. Cases investigated in a period = cases registered
 * by its end minus cases whose investigation concluded before its start.
 */
const TREND_EVENTS: Record<'casesRegistered' | 'prosecutions' | 'convictions' | 'victims', string> = {
  casesRegistered: `SELECT c.fir_date AS d, %KEY% AS k FROM scoped c %JOIN%`,
  prosecutions: `SELECT p.prosecution_date AS d, %KEY% AS k FROM prosecutions p JOIN scoped c ON c.id = p.case_id JOIN defendants person ON person.id = p.defendant_id %JOIN%`,
  convictions: `SELECT cv.judgment_date AS d, %KEY% AS k FROM convictions cv JOIN prosecutions p ON p.id = cv.prosecution_id JOIN scoped c ON c.id = p.case_id JOIN defendants person ON person.id = p.defendant_id %JOIN%`,
  victims: `SELECT COALESCE(person.identified_on, c.fir_date) AS d, %KEY% AS k FROM victims person JOIN scoped c ON c.id = person.case_id %JOIN%`,
};

/** Trend keys on a case `c` (and a person `person` for `sex`), with the join they need; $9 = groupBy. */
const TREND_KEYS: Record<TrendGroup, { key: string; join: string }> = {
  none: { key: `'all'`, join: '' },
  jurisdiction: { key: 'c.jurisdiction_code', join: '' },
  offenceFamily: { key: 'c.offence_family', join: '' },
  exploitationForm: {
    key: `COALESCE(f.form, 'unspecified')`,
    join: 'LEFT JOIN LATERAL unnest(c.exploitation_forms) AS f(form) ON true',
  },
  sex: { key: 'person.sex', join: '' },
};

/** The SQL of a trend of `metric` grouped by `group` ($8 interval, $9 group). */
export function trendQuerySql(metric: TrendMetric, group: TrendGroup): string {
  const { key, join } = TREND_KEYS[group];
  return metric === 'casesInvestigated'
    ? investigatedTrendSql(key, join)
    : trendSql(TREND_EVENTS[metric].replace('%KEY%', key).replace('%JOIN%', join));
}

/** Calendar periods of $8 covering $1…$2 (the first and last clipped to the period asked). */
export const PERIODS = `
  periods AS (
    SELECT gs::date AS start
      FROM generate_series(date_trunc($8, $1::date), $2::date,
             CASE $8 WHEN 'quarter' THEN interval '3 months' WHEN 'year' THEN interval '1 year' ELSE interval '1 month' END) gs)`;

function trendSql(events: string): string {
  return `
  WITH ${SCOPED},
  ${PERIODS},
  events AS (${events}),
  counted AS MATERIALIZED (
    SELECT date_trunc($8, d)::date AS start, k, count(*)::int AS n FROM events WHERE d BETWEEN $1 AND $2 GROUP BY 1, 2),
  keys AS (SELECT DISTINCT k FROM counted UNION SELECT 'all' WHERE $9 = 'none')
  SELECT p.start::text AS start, keys.k AS key, COALESCE(c.n, 0) AS value
    FROM periods p CROSS JOIN keys LEFT JOIN counted c ON c.start = p.start AND c.k = keys.k
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
  keyed AS MATERIALIZED (SELECT c.fir_date, c.investigation_concluded_on, ${key} AS k FROM scoped c ${join} WHERE c.fir_date <= $2),
  keys AS (SELECT DISTINCT k FROM keyed UNION SELECT 'all' WHERE $9 = 'none'),
  opened AS MATERIALIZED (SELECT date_trunc($8, fir_date)::date AS start, k, count(*) n FROM keyed GROUP BY 1, 2),
  closed AS MATERIALIZED (SELECT date_trunc($8, investigation_concluded_on)::date AS start, k, count(*) n FROM keyed
              WHERE investigation_concluded_on >= $1 GROUP BY 1, 2),
  closed_before AS MATERIALIZED (SELECT k, count(*) n FROM keyed WHERE investigation_concluded_on < $1 GROUP BY 1)
  SELECT p.start::text AS start, keys.k AS key,
         ((SELECT COALESCE(sum(n), 0) FROM opened o WHERE o.k = keys.k AND o.start <= p.start)
        - (SELECT COALESCE(sum(n), 0) FROM closed_before b WHERE b.k = keys.k)
        - (SELECT COALESCE(sum(n), 0) FROM closed x WHERE x.k = keys.k AND x.start < p.start))::int AS value
    FROM periods p CROSS JOIN keys
   ORDER BY 2, 1`;
}

/** Route flows of cases registered in the period; $8 = level, $9 = limit. */
/** A route point's place at `level` ('country' | 'jurisdiction' | 'district'): abroad, or without a district, its country. */
export const placeAt = (level: string, country: string, district: string) => `
  CASE WHEN ${level} = 'country' OR ${country} <> 'PAK' OR ${district} IS NULL THEN ${country}::varchar
       WHEN ${level} = 'jurisdiction' THEN (SELECT jurisdiction_code FROM districts WHERE code = ${district})
       ELSE ${district} END`;
const PLACE = (alias: string) => placeAt('$8', `${alias}.country_code`, `${alias}.district_code`);

export const ROUTE_FLOWS = `
  WITH ${SCOPED},
  registered AS (SELECT c.id FROM scoped c WHERE c.fir_date BETWEEN $1 AND $2),
  ends AS (
    SELECT r.id,
           (SELECT ${PLACE('o')} FROM route_points o WHERE o.case_id = r.id AND o.kind = 'origin' ORDER BY o.position LIMIT 1) AS origin,
           (SELECT ${PLACE('d')} FROM route_points d WHERE d.case_id = r.id AND d.kind = 'destination' ORDER BY d.position DESC LIMIT 1) AS destination,
           (SELECT count(*) FROM victims v WHERE v.case_id = r.id) AS victims
      FROM registered r)
  SELECT COALESCE(origin, 'unknown') AS origin, COALESCE(destination, 'unknown') AS destination,
         count(*)::int AS cases, sum(victims)::int AS victims
    FROM ends WHERE origin IS NOT NULL OR destination IS NOT NULL
   GROUP BY 1, 2 ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT $9`;

export const ROUTE_TRANSITS = `
  WITH ${SCOPED}
  SELECT ${PLACE('t')} AS place, count(DISTINCT t.case_id)::int AS cases
    FROM route_points t JOIN scoped c ON c.id = t.case_id
   WHERE t.kind = 'transit' AND c.fir_date BETWEEN $1 AND $2 AND $8 IS NOT NULL
   GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $9`;

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
    SELECT e.case_id,
           min(e.status_date) FILTER (WHERE e.to_status IN ('challan_submitted', 'under_trial', 'convicted', 'acquitted')) AS challan_on,
           bool_or(e.to_status = 'acquitted') AS acquitted, bool_or(e.to_status = 'cancelled') AS cancelled, bool_or(e.to_status = 'untraced') AS untraced
      FROM case_status_events e JOIN cohort k ON k.id = e.case_id GROUP BY e.case_id),
  trials AS (
    SELECT p.case_id, min(p.outcome_date) FILTER (WHERE p.outcome IN ('convicted', 'acquitted', 'discharged')) AS judged_on,
           bool_or(cv.prosecution_id IS NOT NULL) AS convicted
      FROM prosecutions p JOIN cohort k ON k.id = p.case_id LEFT JOIN convictions cv ON cv.prosecution_id = p.id GROUP BY p.case_id)`;

export const ATTRITION = `
  WITH ${SCOPED},
  cohort AS MATERIALIZED (SELECT c.id, c.fir_date, c.investigation_concluded_on FROM scoped c WHERE c.fir_date BETWEEN $1 AND $2),
  ${FOLLOWED_TO_TODAY},
  followed AS (
    SELECT k.fir_date, k.investigation_concluded_on, h.challan_on, t.judged_on, t.case_id IS NOT NULL AS prosecuted,
           COALESCE(t.convicted, false) AS convicted, COALESCE(h.acquitted, false) AS acquitted,
           COALESCE(h.cancelled, false) AS cancelled, COALESCE(h.untraced, false) AS untraced
      FROM cohort k LEFT JOIN history h ON h.case_id = k.id LEFT JOIN trials t ON t.case_id = k.id)
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

/** Victims counted as identified in the period, by vulnerability × sex × age group. */
export const VULNERABILITIES = `
  WITH ${SCOPED},
  identified AS (
    SELECT v.* FROM victims v JOIN scoped c ON c.id = v.case_id
     WHERE COALESCE(v.identified_on, c.fir_date) BETWEEN $1 AND $2)
  SELECT u.vulnerability, i.sex, ${AGE_GROUP('i.age')} AS "ageGroup", count(*)::int AS count
    FROM identified i CROSS JOIN LATERAL unnest(i.vulnerabilities) AS u(vulnerability)
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`;

/** The same victims' districts of residence, most first. */
export const HOTSPOTS = `
  WITH ${SCOPED}
  SELECT v.residence_district_code AS district, d.name AS "districtName", d.jurisdiction_code AS jurisdiction, count(*)::int AS victims
    FROM victims v JOIN scoped c ON c.id = v.case_id JOIN districts d ON d.code = v.residence_district_code
   WHERE COALESCE(v.identified_on, c.fir_date) BETWEEN $1 AND $2
   GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1 LIMIT 25`;

/** Defendants whose CNIC hash appears in two or more cases registered in the period (the hash never leaves the query). */
export const REPEAT_OFFENDERS = `
  WITH ${SCOPED}
  SELECT count(DISTINCT c.id)::int AS cases, count(DISTINCT c.jurisdiction_code)::int AS jurisdictions,
         min(c.fir_date)::text AS "firstFirDate", max(c.fir_date)::text AS "lastFirDate"
    FROM defendants d JOIN scoped c ON c.id = d.case_id
   WHERE d.cnic_hash IS NOT NULL AND c.fir_date BETWEEN $1 AND $2
   GROUP BY d.cnic_hash HAVING count(DISTINCT c.id) >= 2
   ORDER BY 1 DESC, 2 DESC, 3, 4 LIMIT 500`;
