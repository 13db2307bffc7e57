import {
  AGE_GROUP,
  identifiedIn,
  judgedIn,
  PeriodSql,
  prosecutionBeganIn,
  registeredIn,
  scopeFilter,
  ScopeSql,
} from 'src/statistics/counting-rules.sql';

/**
 * The persons behind the international figures of a year, counted by the Rule 42 rules of
 * counting-rules.sql.ts (the same fragments the statistics are built from) and broken down by
 * sex, age group, nationality, exploitation forms and, for convictions, the sentence. $1 the
 * year's first day, $2 its last.
 */
const PERIOD: PeriodSql = { from: '$1::date', to: '$2::date' };

/** Trafficking in persons only, as the monthly workbook: smuggling and mixed cases are not counted. */
const TRAFFICKING_ONLY: ScopeSql = {
  jurisdiction: 'NULL',
  units: 'NULL',
  district: 'NULL',
  families: `ARRAY['tip']`,
  exploitationForm: 'NULL',
  traffickingType: 'NULL',
};

const SCOPED = `
  scoped AS NOT MATERIALIZED (
    SELECT tip_case.* FROM cases tip_case
     WHERE tip_case.deleted_at IS NULL AND ${scopeFilter('tip_case', { district: true, formAndType: true, unit: true }, TRAFFICKING_ONLY)}
  )`;

/**
 * One row per group of persons: `indicator` is `contact` (defendants of the cases registered in
 * the year: UNODC's persons brought into formal contact), `prosecuted` (item d), `convicted`
 * (item e) or `victims` (victims identified in the year). `forms` are the victim's own forms of
 * exploitation, else their case's; a defendant's are their case's.
 */
export const INTERNATIONAL_PERSONS = `
  WITH ${SCOPED},
  persons AS (
    SELECT 'contact' AS indicator, defendant.sex, defendant.age, defendant.nationality, tip_case.exploitation_forms AS forms,
           NULL::int AS imprisonment_months, NULL::bigint AS fine_pkr
      FROM defendants defendant JOIN scoped tip_case ON tip_case.id = defendant.case_id
     WHERE ${registeredIn('tip_case', PERIOD)}
    UNION ALL
    SELECT 'prosecuted', defendant.sex, defendant.age, defendant.nationality, tip_case.exploitation_forms, NULL, NULL
      FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id
      JOIN defendants defendant ON defendant.id = prosecution.defendant_id
     WHERE ${prosecutionBeganIn('prosecution', PERIOD)}
    UNION ALL
    SELECT 'convicted', defendant.sex, defendant.age, defendant.nationality, tip_case.exploitation_forms,
           conviction.imprisonment_months, conviction.fine_pkr
      FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
      JOIN scoped tip_case ON tip_case.id = prosecution.case_id
      JOIN defendants defendant ON defendant.id = prosecution.defendant_id
     WHERE ${judgedIn('conviction', PERIOD)}
    UNION ALL
    SELECT 'victims', victim.sex, victim.age, victim.nationality,
           CASE WHEN cardinality(victim.exploitation_forms) > 0 THEN victim.exploitation_forms ELSE tip_case.exploitation_forms END,
           NULL, NULL
      FROM victims victim JOIN scoped tip_case ON tip_case.id = victim.case_id
     WHERE ${identifiedIn('victim', 'tip_case', PERIOD)})
  SELECT persons.indicator, persons.sex, ${AGE_GROUP('persons.age')} AS "ageGroup",
         COALESCE(persons.nationality, 'UNK') AS nationality, country.name AS "nationalityName", persons.forms,
         persons.imprisonment_months AS "imprisonmentMonths", COALESCE(persons.fine_pkr > 0, false) AS fined,
         count(*)::int AS persons
    FROM persons LEFT JOIN countries country ON country.alpha3 = persons.nationality
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

/**
 * Records the figures of the year count that the case rules forbid, by sex and age group: a
 * conviction judged before its prosecution began (`convicted_before_prosecution`), a conviction
 * whose prosecution's outcome is not `convicted` (`conviction_outcome_mismatch`), a prosecution
 * that began before the FIR was registered (`prosecuted_before_registration`). Data that
 * reached the tables round the case rules (older records, direct corrections) shows up here.
 */
export const INTERNATIONAL_INCONSISTENCIES = `
  WITH ${SCOPED},
  inconsistent AS (
    SELECT 'convicted_before_prosecution' AS kind, defendant.sex, defendant.age
      FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
      JOIN scoped tip_case ON tip_case.id = prosecution.case_id JOIN defendants defendant ON defendant.id = prosecution.defendant_id
     WHERE ${judgedIn('conviction', PERIOD)} AND prosecution.prosecution_date > conviction.judgment_date
    UNION ALL
    SELECT 'conviction_outcome_mismatch', defendant.sex, defendant.age
      FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
      JOIN scoped tip_case ON tip_case.id = prosecution.case_id JOIN defendants defendant ON defendant.id = prosecution.defendant_id
     WHERE ${judgedIn('conviction', PERIOD)} AND prosecution.outcome <> 'convicted'
    UNION ALL
    SELECT 'prosecuted_before_registration', defendant.sex, defendant.age
      FROM prosecutions prosecution JOIN scoped tip_case ON tip_case.id = prosecution.case_id
      JOIN defendants defendant ON defendant.id = prosecution.defendant_id
     WHERE ${prosecutionBeganIn('prosecution', PERIOD)} AND prosecution.prosecution_date < tip_case.fir_date)
  SELECT kind, sex, ${AGE_GROUP('age')} AS "ageGroup", count(*)::int AS persons FROM inconsistent GROUP BY 1, 2, 3`;
