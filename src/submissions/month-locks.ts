import { EntityManager, QueryRunner } from 'typeorm';
import {
  AGE_BAND,
  investigatedIn,
  nationalityOf,
  PeriodSql,
  registeredBy,
  routeDestination,
  routeOrigin,
  statusAt,
  transitPlace,
} from 'src/statistics/counting-rules.sql';

/**
 * Locked months (DESIGN §10): once a unit's month is approved, no write may change one of its
 * figures. Each figure a case counts in is a key of the month it is counted in (`figureKeys`):
 * a write is refused when the keys of the cases it wrote, in approved months, are not the same
 * after it as before. The keys before are captured when a write first locks a case in its
 * transaction (CaseAccess.find, the import's staging); the keys after are compared just before
 * the transaction commits (MonthLockSubscriber, or the import's own check that names its rows).
 */

/** The approved months of a case's unit: its figure keys are compared only there. */
const PERIOD: PeriodSql = { from: 'locked.month', to: 'locked.month_end' };

/** A person's figure dimensions: sex, age band and nationality. */
const person = (alias: string) =>
  `${alias}.sex || ':' || ${AGE_BAND(`${alias}.age`)} || ':' || ${nationalityOf(`${alias}.nationality`)}`;

const sorted = (array: string) => `array_to_string(ARRAY(SELECT unnest(${array}) ORDER BY 1), ',')`;

/** The first day of the month of a date. */
const monthOf = (date: string) => `date_trunc('month', ${date})::date`;

/**
 * The figure keys, in approved months, of the live cases `ids` (an SQL query of one uuid column):
 * rows (case_id, reporting_unit_code, month, key). Each key is one thing counted in one of the
 * Rule 42 figures of the month (counting-rules.sql.ts), with the case's filter dimensions, so
 * that any change of what or how a month counts changes a key: registered (with its route and
 * its victims, which the route flows count), under investigation, status at the month's end,
 * each prosecution and conviction (with the defendant's sex, age band and nationality), the
 * victims and defendants of a case prosecuted in the month, each victim identified, each
 * suspect of a case registered. A deleted case has none.
 *
 * What is counted by a date is keyed to that date's month; what holds over a span (under
 * investigation, the status) is tested in each approved month, so a case costs one row per
 * approved month of its unit, not one query per month and figure.
 */
export function figureKeys(ids: string): string {
  return `
  WITH figure_case AS (
         SELECT tip_case.* FROM cases tip_case WHERE tip_case.id IN (${ids}) AND tip_case.deleted_at IS NULL),
       dimensions AS (
         SELECT tip_case.id AS case_id, tip_case.reporting_unit_code,
                concat_ws('|', tip_case.jurisdiction_code, tip_case.district_code, tip_case.offence_family,
                          COALESCE(tip_case.trafficking_type, ''), ${sorted('tip_case.exploitation_forms')}) AS of_case,
                concat_ws('>', ${routeOrigin('tip_case', `'district'`)},
                          (SELECT string_agg(${transitPlace('transit_point', `'district'`)}, ',' ORDER BY transit_point.position)
                             FROM route_points transit_point WHERE transit_point.case_id = tip_case.id AND transit_point.kind = 'transit'),
                          ${routeDestination('tip_case', `'district'`)}) AS route
           FROM figure_case tip_case),
       locked AS (
         SELECT tip_case.id AS case_id, submission.month, (submission.month + interval '1 month' - interval '1 day')::date AS month_end
           FROM figure_case tip_case JOIN submissions submission
             ON submission.reporting_unit_code = tip_case.reporting_unit_code AND submission.status = 'approved'
                AND submission.month >= ${monthOf('tip_case.fir_date')}),
       figure (case_id, month, key) AS (
         SELECT tip_case.id, ${monthOf('tip_case.fir_date')}, 'registered:' || dimensions.route
                || CASE WHEN dimensions.route = '' THEN ''
                        ELSE ':' || (SELECT count(*) FROM victims route_victim WHERE route_victim.case_id = tip_case.id) END
           FROM figure_case tip_case JOIN dimensions ON dimensions.case_id = tip_case.id
         UNION ALL
         SELECT tip_case.id, locked.month, 'investigated'
           FROM locked JOIN figure_case tip_case ON tip_case.id = locked.case_id WHERE ${investigatedIn('tip_case', PERIOD)}
         UNION ALL
         SELECT tip_case.id, locked.month, 'status:' || ${statusAt('tip_case', PERIOD.to)}
           FROM locked JOIN figure_case tip_case ON tip_case.id = locked.case_id WHERE ${registeredBy('tip_case', PERIOD.to)}
         UNION ALL
         SELECT prosecution.case_id, ${monthOf('prosecution.prosecution_date')},
                'prosecution:' || prosecution.defendant_id || ':' || ${person('defendant')}
           FROM prosecutions prosecution JOIN defendants defendant ON defendant.id = prosecution.defendant_id
          WHERE prosecution.case_id IN (SELECT id FROM figure_case)
         UNION ALL
         SELECT victim.case_id, prosecuted.month, 'prosecuted-victim:' || victim.id || ':' || ${person('victim')}
           FROM (SELECT DISTINCT prosecution.case_id, ${monthOf('prosecution.prosecution_date')} AS month
                   FROM prosecutions prosecution WHERE prosecution.case_id IN (SELECT id FROM figure_case)) AS prosecuted
           JOIN victims victim ON victim.case_id = prosecuted.case_id
         UNION ALL
         SELECT prosecution.case_id, ${monthOf('conviction.judgment_date')},
                'conviction:' || prosecution.id || ':' || ${person('defendant')}
           FROM prosecutions prosecution JOIN convictions conviction ON conviction.prosecution_id = prosecution.id
           JOIN defendants defendant ON defendant.id = prosecution.defendant_id
          WHERE prosecution.case_id IN (SELECT id FROM figure_case)
         UNION ALL
         SELECT tip_case.id, ${monthOf('COALESCE(victim.identified_on, tip_case.fir_date)')},
                'victim:' || victim.id || ':' || ${person('victim')} || ':' || ${sorted('victim.exploitation_forms')}
                || ':' || ${sorted('victim.vulnerabilities')}
           FROM figure_case tip_case JOIN victims victim ON victim.case_id = tip_case.id
         UNION ALL
         SELECT tip_case.id, ${monthOf('tip_case.fir_date')}, 'suspect:' || defendant.id || ':' || ${person('defendant')}
           FROM figure_case tip_case JOIN defendants defendant ON defendant.case_id = tip_case.id)
  SELECT figure.case_id, dimensions.reporting_unit_code, figure.month, figure.key || '|' || dimensions.of_case AS key
    FROM figure JOIN dimensions ON dimensions.case_id = figure.case_id
   WHERE EXISTS (SELECT 1 FROM submissions submission
                  WHERE submission.reporting_unit_code = dimensions.reporting_unit_code AND submission.month = figure.month
                    AND submission.status = 'approved')`;
}

/** A case whose figures in approved months a write would change, and those months. */
export interface LockedChange {
  caseId: string;
  reportingUnit: string;
  /** `YYYY-MM`, in order. */
  months: string[];
}

/** What a transaction has captured: the units known to have (or not) an approved month, whether its tables exist. */
interface Capture {
  approved: Map<string, boolean>;
  tables: boolean;
  /** Some case of a unit with an approved month was captured: its commit is checked. */
  armed: boolean;
}

/** Per transaction (its query runner): captures end with the transaction, so other transactions pay nothing. */
const captures = new WeakMap<QueryRunner, Capture>();

function captureOf(manager: EntityManager): { runner: QueryRunner; capture: Capture } | null {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return null;
  let capture = captures.get(runner);
  if (!capture) captures.set(runner, (capture = { approved: new Map(), tables: false, armed: false }));
  return { runner, capture };
}

/** The advisory lock key of the approved months of the reporting unit `code` (an SQL expression). */
const MONTHS_LOCK_SQL = (code: string) => `hashtext('tip-months:' || ${code})`;

/**
 * Holds, until the transaction of `manager` ends, the months of the units (every unit: null) as
 * they are: a write takes this (shared) before it reads which months are approved, so that an
 * approval (which takes `holdMonthsForChange`) waits for the writes that did not see it, and the
 * writes that come after it see it.
 */
async function holdMonths(manager: EntityManager, units: readonly string[] | null): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock_shared(${MONTHS_LOCK_SQL('code')})
       FROM (SELECT code FROM reporting_units WHERE $1::text[] IS NULL UNION SELECT unnest($1::text[])) AS unit(code)
      ORDER BY code`,
    [units],
  );
}

/**
 * For a change of a unit's month in the cycle (approval, re-opening): waits until the writes
 * under way of the unit have ended, and keeps new ones waiting until the transaction of
 * `manager` ends; they then compare with the months as it left them.
 */
export async function holdMonthsForChange(manager: EntityManager, unit: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(${MONTHS_LOCK_SQL('$1')})`, [unit]);
}

/** Whether some month of the units (all units: null) is approved, the units' months held (holdMonths). */
export async function anyApprovedMonth(manager: EntityManager, units: readonly string[] | null): Promise<boolean> {
  await holdMonths(manager, units);
  const [row]: Array<{ approved: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM submissions WHERE status = 'approved' AND ($1::text[] IS NULL OR reporting_unit_code = ANY($1::text[]))) AS approved`,
    [units],
  );
  return row.approved;
}

/** The units of `units` with an approved month, asked once per transaction (their months held: holdMonths). */
async function approvedAmong(manager: EntityManager, capture: Capture, units: readonly string[]): Promise<Set<string>> {
  const unknown = [...new Set(units)].filter((u) => !capture.approved.has(u));
  if (unknown.length) {
    await holdMonths(manager, unknown);
    const rows: Array<{ code: string }> = await manager.query(
      `SELECT DISTINCT reporting_unit_code AS code FROM submissions WHERE status = 'approved' AND reporting_unit_code = ANY($1::text[])`,
      [unknown],
    );
    for (const u of unknown)
      capture.approved.set(
        u,
        rows.some((r) => r.code === u),
      );
  }
  return new Set(units.filter((u) => capture.approved.get(u)));
}

async function ensureTables(manager: EntityManager, capture: Capture): Promise<void> {
  if (capture.tables) return;
  await manager.query(`
    CREATE TEMP TABLE month_lock_cases (case_id uuid PRIMARY KEY) ON COMMIT DROP;
    CREATE TEMP TABLE month_lock_before (case_id uuid, reporting_unit_code varchar, month date, key text) ON COMMIT DROP`);
  capture.tables = true;
}

/**
 * Records, the first time the transaction of `manager` is to write each of `cases`, their
 * figure keys in approved months as they are now. `created`: the cases are new (written by
 * this transaction), so they counted in nothing before it. Nothing is done for cases of units
 * with no approved month.
 */
export async function captureCases(
  manager: EntityManager,
  cases: ReadonlyArray<{ id: string; unit: string }>,
  created = false,
): Promise<void> {
  const found = captureOf(manager);
  if (!found || !cases.length) return;
  const { capture } = found;
  const approved = await approvedAmong(
    manager,
    capture,
    cases.map((c) => c.unit),
  );
  const ids = cases.filter((c) => approved.has(c.unit)).map((c) => c.id);
  if (!ids.length) return;
  await ensureTables(manager, capture);
  capture.armed = true;
  if (created) {
    await manager.query('INSERT INTO month_lock_cases SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING', [ids]);
    return;
  }
  await manager.query(
    `WITH fresh AS (INSERT INTO month_lock_cases SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING case_id)
     INSERT INTO month_lock_before ${figureKeys('SELECT case_id FROM fresh')}`,
    [ids],
  );
}

/**
 * The changes the transaction of `manager` makes to approved months, by case: the figure keys
 * of the cases it captured (and of `createdIds`, an SQL query of cases it created) in approved
 * months that are not the same now as before.
 */
export async function lockedChanges(manager: EntityManager, createdIds?: string): Promise<LockedChange[]> {
  const found = captureOf(manager);
  if (!found) return [];
  const { capture } = found;
  if (!capture.armed && !createdIds) return [];
  await ensureTables(manager, capture);
  const ids = `SELECT case_id FROM month_lock_cases${createdIds ? ` UNION ${createdIds}` : ''}`;
  const rows: Array<{ case_id: string; unit: string; months: string[] }> = await manager.query(
    `WITH after AS (${figureKeys(ids)}),
          changed AS ((SELECT * FROM after EXCEPT SELECT * FROM month_lock_before)
                      UNION (SELECT * FROM month_lock_before EXCEPT SELECT * FROM after))
     SELECT case_id, reporting_unit_code AS unit, array_agg(DISTINCT to_char(month, 'YYYY-MM') ORDER BY to_char(month, 'YYYY-MM')) AS months
       FROM changed GROUP BY case_id, reporting_unit_code ORDER BY reporting_unit_code, case_id`,
  );
  return rows.map((r) => ({ caseId: r.case_id, reportingUnit: r.unit, months: r.months }));
}

/** Whether the commit of this transaction is to be checked. */
export function capturedIn(runner: QueryRunner): boolean {
  return captures.get(runner)?.armed ?? false;
}

/** Forgets the transaction's capture (it has ended: its tables are dropped). */
export function endCapture(runner: QueryRunner): void {
  captures.delete(runner);
}
