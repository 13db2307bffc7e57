/**
 * The counting rules of DESIGN §2 as SQL fragments, shared by the statistics
 * (statistics.sql.ts) and the case list and case export that show the cases behind each
 * figure (src/cases/case-selection.ts): both build their queries from these functions, so a
 * list drilled down from a figure selects exactly the cases the figure counts.
 *
 * Each takes the aliases of the rows it tests and the SQL of the values it compares with (a
 * bound parameter such as `$1` or `:from`), never a value itself.
 */

/** The SQL of a period's first and last day (inclusive). */
export interface PeriodSql {
  from: string;
  to: string;
}

/** (a) A case registered in the period: its FIR date falls in it. */
export const registeredIn = (tipCase: string, p: PeriodSql) => `${tipCase}.fir_date BETWEEN ${p.from} AND ${p.to}`;

/**
 * (c) A case under investigation at some time in the period: registered by its end, and its
 * investigation not concluded, or concluded on or after its first day.
 */
export const investigatedIn = (tipCase: string, p: PeriodSql) =>
  `${tipCase}.fir_date <= ${p.to} AND (${tipCase}.investigation_concluded_on IS NULL OR ${tipCase}.investigation_concluded_on >= ${p.from})`;

/** (d) A prosecution that began (challan accepted / charge filed) in the period. */
export const prosecutionBeganIn = (prosecution: string, p: PeriodSql) =>
  `${prosecution}.prosecution_date BETWEEN ${p.from} AND ${p.to}`;

/** (e) A conviction whose judgment is dated in the period. */
export const judgedIn = (conviction: string, p: PeriodSql) =>
  `${conviction}.judgment_date BETWEEN ${p.from} AND ${p.to}`;

/** A victim identified in the period: the identified-on date, or without one the FIR date of the case. */
export const identifiedIn = (victim: string, tipCase: string, p: PeriodSql) =>
  `COALESCE(${victim}.identified_on, ${tipCase}.fir_date) BETWEEN ${p.from} AND ${p.to}`;

/** The age bands of the demographics, by age at the offence (`unknown`: no age recorded). */
export const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
/** The age groups of the vulnerabilities and demographics: under 18 at the offence, 18 or over, no age recorded. */
export const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** A person's age band (AGE_BANDS) from the age at the offence `age`. */
export const AGE_BAND = (age: string) => `
  CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} < 12 THEN '0-11' WHEN ${age} < 18 THEN '12-17'
       WHEN ${age} <= 25 THEN '18-25' WHEN ${age} <= 40 THEN '26-40' WHEN ${age} <= 60 THEN '41-60' ELSE '61+' END`;
/** A person's age group (AGE_GROUPS) from the age at the offence `age`. */
export const AGE_GROUP = (age: string) =>
  `CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} < 18 THEN 'child' ELSE 'adult' END`;
/** A person's nationality as the figures show it: ISO alpha-3, `UNK` when not recorded. */
export const nationalityOf = (nationality: string) => `COALESCE(${nationality}, 'UNK')`;

/** (f) A case counted in the status as at `to`: registered by then. */
export const registeredBy = (tipCase: string, to: string) => `${tipCase}.fir_date <= ${to}`;

/**
 * (f) A case's status as at `to`: its current status when that took effect on or before `to`
 * (statuses only move forward in time), else the last event dated on or before `to`.
 */
export const statusAt = (tipCase: string, to: string) => `
  CASE WHEN ${tipCase}.status_date <= ${to}::date THEN ${tipCase}.status ELSE COALESCE((
    SELECT status_event.to_status FROM case_status_events status_event
     WHERE status_event.case_id = ${tipCase}.id AND status_event.status_date <= ${to}::date
     ORDER BY status_event.status_date DESC, status_event.id DESC LIMIT 1), 'registered') END`;

/** The SQL of the six filters every figure takes (null: not filtered). */
export interface ScopeSql {
  jurisdiction: string;
  /** Reporting unit codes, text[]: the caller's own unit, or those an agency or unit filter names. */
  units: string;
  district: string;
  /** Offence families, text[]. */
  families: string;
  exploitationForm: string;
  traffickingType: string;
}

/** The offence families an `offenceFamily` filter selects, bound as text[] (null: every family). */
export const FAMILIES_OF = { tip: ['tip'], som: ['som'], mixed: ['mixed'], all: null } as const;

/** The statistics' parameters $3–$8. */
export const STATISTICS_SCOPE: ScopeSql = {
  jurisdiction: '$3',
  units: '$8',
  district: '$4',
  families: '$5',
  exploitationForm: '$6',
  traffickingType: '$7',
};

/**
 * The reporting units' filter. One unit (a focal person's scope) is compared with `=`, more with
 * `= ANY`: the planner folds the parameter's cardinality and keeps one of the two, so that a
 * unit's cases are read in an index led by the unit, in its order (a unit's cases by FIR date,
 * page after page), and their number estimated as one condition's.
 */
export const unitFilter = (alias: string, units: string) =>
  `(${units}::text[] IS NULL
     OR (cardinality(${units}::text[]) = 1 AND ${alias}.reporting_unit_code = (${units}::text[])[1])
     OR (cardinality(${units}::text[]) <> 1 AND ${alias}.reporting_unit_code = ANY(${units}::text[])))`;

/**
 * The filters (jurisdiction, reporting units, district, offence families, exploitation form,
 * trafficking type) on the rows `alias` of a table of cases or of a pre-aggregation of them. A
 * table without a unit, a district (or a form and type) column answers only while that filter is unset.
 */
export function scopeFilter(
  alias: string,
  has: { district: boolean; formAndType: boolean; unit?: boolean },
  s: ScopeSql = STATISTICS_SCOPE,
): string {
  return `(${s.jurisdiction}::varchar IS NULL OR ${alias}.jurisdiction_code = ${s.jurisdiction})
       AND ${has.unit ? unitFilter(alias, s.units) : `${s.units}::text[] IS NULL`}
       AND ${has.district ? `(${s.district}::varchar IS NULL OR ${alias}.district_code = ${s.district})` : `${s.district}::varchar IS NULL`}
       AND (${s.families}::text[] IS NULL OR ${alias}.offence_family = ANY(${s.families}::text[]))
       AND ${
         has.formAndType
           ? `(${s.exploitationForm}::text IS NULL OR ${s.exploitationForm} = ANY(${alias}.exploitation_forms)) AND (${s.traffickingType}::varchar IS NULL OR ${alias}.trafficking_type = ${s.traffickingType})`
           : `${s.exploitationForm}::text IS NULL AND ${s.traffickingType}::varchar IS NULL`
       }`;
}

export const ROUTE_LEVELS = ['country', 'jurisdiction', 'district'] as const;
export type RouteLevel = (typeof ROUTE_LEVELS)[number];

/**
 * A route point's place at `level` ('country' | 'jurisdiction' | 'district'): abroad, or without a
 * district, its country. `jurisdiction` is the district's jurisdiction when the caller has it at
 * hand (joined), else it is looked up.
 */
export const placeAt = (
  level: string,
  country: string,
  district: string,
  jurisdiction = `(SELECT jurisdiction_code FROM districts WHERE code = ${district})`,
) => `
  CASE WHEN ${level} = 'country' OR ${country} <> 'PAK' OR ${district} IS NULL THEN ${country}::varchar
       WHEN ${level} = 'jurisdiction' THEN ${jurisdiction}
       ELSE ${district} END`;

/** A case's origin at `level`: the place of its first origin point (null without one). */
export const routeOrigin = (tipCase: string, level: string) => `
  (SELECT ${placeAt(level, 'origin_point.country_code', 'origin_point.district_code')} FROM route_points origin_point
    WHERE origin_point.case_id = ${tipCase}.id AND origin_point.kind = 'origin' ORDER BY origin_point.position LIMIT 1)`;

/** A case's destination at `level`: the place of its last destination point (null without one). */
export const routeDestination = (tipCase: string, level: string) => `
  (SELECT ${placeAt(level, 'destination_point.country_code', 'destination_point.district_code')} FROM route_points destination_point
    WHERE destination_point.case_id = ${tipCase}.id AND destination_point.kind = 'destination'
    ORDER BY destination_point.position DESC LIMIT 1)`;

/** A transit point `transit` of a case at `level`. */
export const transitPlace = (transit: string, level: string) =>
  placeAt(level, `${transit}.country_code`, `${transit}.district_code`);

/** Whether a case has a transit point: a case without one goes straight from origin to destination. */
export const hasTransit = (tipCase: string) =>
  `EXISTS (SELECT 1 FROM route_points any_transit WHERE any_transit.case_id = ${tipCase}.id AND any_transit.kind = 'transit')`;

/**
 * The legs of the routes' Sankey, each counting cases: `origin-transit` (origin → a transit
 * place) and `transit-destination` (a transit place → destination) for a case with transit
 * points, once per distinct transit place it passes at the level (a case through two
 * places counts in the legs of each, through one place twice once); `origin-destination`
 * for a case with no transit point (and an origin or a destination).
 */
export const ROUTE_LEG_KINDS = ['origin-transit', 'transit-destination', 'origin-destination'] as const;
export type RouteLegKind = (typeof ROUTE_LEG_KINDS)[number];

/** The statuses that show the police report sent the case up for trial: a case that had one reached challan. */
export const CHALLAN_STATUSES = `('challan_submitted', 'under_trial', 'convicted', 'acquitted')`;

/** The stages of the attrition of registered cases, followed to today. */
export const STAGES = [
  'concluded',
  'challan',
  'prosecuted',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Whether a case reached `stage` by today, as the attrition counts: its investigation
 * concluded; a status of challan or later in its history; a prosecution; a conviction; ever
 * acquitted, cancelled or untraced in its history.
 */
export function reachedStage(tipCase: string, stage: Stage): string {
  const everStatus = (statuses: string) => `EXISTS (SELECT 1 FROM case_status_events stage_event
     WHERE stage_event.case_id = ${tipCase}.id AND stage_event.to_status IN ${statuses})`;
  switch (stage) {
    case 'concluded':
      return `${tipCase}.investigation_concluded_on IS NOT NULL`;
    case 'challan':
      return everStatus(CHALLAN_STATUSES);
    case 'prosecuted':
      return `EXISTS (SELECT 1 FROM prosecutions stage_prosecution WHERE stage_prosecution.case_id = ${tipCase}.id)`;
    case 'convicted':
      return `EXISTS (SELECT 1 FROM prosecutions stage_prosecution JOIN convictions stage_conviction ON stage_conviction.prosecution_id = stage_prosecution.id
         WHERE stage_prosecution.case_id = ${tipCase}.id)`;
    default:
      return everStatus(`('${stage}')`);
  }
}
