import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly pre-aggregated statistics, kept exact.
 *
 * Statement-level triggers on every table a figure reads record, in the writing
 * transaction, which (jurisdiction, month) cells the statement may have changed
 * (`statistics_dirty`): the case's own cells (all months of its dated facts, under its old
 * and its current jurisdiction) and the cells of every old date a row carried. A statement
 * touching more than 2,000 rows, or removing a case outright, marks its jurisdictions whole instead. Before a figure is
 * read from the cube, StatisticsCube recomputes the dirty cells from the case tables (the
 * SQL is in src/statistics/statistics-cube.sql.ts), so an answer always reflects every
 * committed write. The cube tables are filled there too: this migration marks every
 * jurisdiction dirty.
 */
/** The dimensions every cube table is keyed by (with its month). */
const DIMENSIONS = `"jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15), "exploitation_forms" text[] NOT NULL,`;
const TABLES = ['cases', 'case_status_events', 'victims', 'defendants', 'prosecutions', 'convictions', 'route_points'];

export class StatisticsCube1795400000000 implements MigrationInterface {
  name = 'StatisticsCube1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_dirty" (
        "id" BIGSERIAL PRIMARY KEY,
        "case_id" uuid,
        "jurisdiction_code" character varying(5),
        "month" date
      )`);
    await queryRunner.query(`COMMENT ON TABLE "statistics_dirty" IS
      'Cells of the statistics cube to recompute. (case, j, NULL): every month of the case under j and under its current jurisdiction; (case, NULL, m): month m under its current jurisdiction; (NULL, j, m): one cell; (NULL, j, NULL): every cell of j'`);

    // Case-level figures by the month their own date falls in.
    await queryRunner.query(`
      CREATE TABLE "statistics_case_months" (
        ${DIMENSIONS}
        "month" date NOT NULL,
        "registered" integer NOT NULL DEFAULT 0,
        "concluded" integer NOT NULL DEFAULT 0,
        "suspects" integer NOT NULL DEFAULT 0,
        "prosecuted_persons" integer NOT NULL DEFAULT 0,
        "convicted_persons" integer NOT NULL DEFAULT 0,
        "victims_identified" integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_case_months_cell" ON "statistics_case_months" ("jurisdiction_code", "month")`);

    // Distinct cases with a prosecution (or conviction) in a month, by the previous month the case had one.
    await queryRunner.query(`
      CREATE TABLE "statistics_case_firsts" (
        ${DIMENSIONS}
        "measure" character varying(10) NOT NULL CHECK ("measure" IN ('prosecuted', 'convicted')),
        "month" date NOT NULL,
        "previous_month" date,
        "cases" integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_case_firsts_cell" ON "statistics_case_firsts" ("jurisdiction_code", "month")`);

    // Status timelines: cases entering and leaving each status in a month.
    await queryRunner.query(`
      CREATE TABLE "statistics_status_months" (
        ${DIMENSIONS}
        "month" date NOT NULL,
        "status" character varying(20) NOT NULL,
        "entered" integer NOT NULL DEFAULT 0,
        "exited" integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_status_months_cell" ON "statistics_status_months" ("jurisdiction_code", "month")`);

    // What the cell recomputation reads by date.
    await queryRunner.query(`CREATE INDEX "IDX_cases_jurisdiction_concluded" ON "cases" ("jurisdiction_code", "investigation_concluded_on")`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_jurisdiction_status_date" ON "cases" ("jurisdiction_code", "status_date")`);
    await queryRunner.query(`CREATE INDEX "IDX_case_status_events_date" ON "case_status_events" ("status_date")`);

    // cases: the case itself (all its months, under the old and the new jurisdiction) and the old row's own dates
    const changed = `o JOIN n ON n.id = o.id
       WHERE (o.jurisdiction_code, o.district_code, o.offence_family, o.trafficking_type, o.exploitation_forms, o.fir_date,
              o.investigation_concluded_on, o.status, o.status_date, o.deleted_at)
             IS DISTINCT FROM
             (n.jurisdiction_code, n.district_code, n.offence_family, n.trafficking_type, n.exploitation_forms, n.fir_date,
              n.investigation_concluded_on, n.status, n.status_date, n.deleted_at)`;
    const oldCells = (from: string) => `
          INSERT INTO statistics_dirty (case_id, jurisdiction_code, month)
          SELECT DISTINCT o.id, o.jurisdiction_code, date_trunc('month', x.d)::date
            FROM ${from} CROSS JOIN LATERAL (VALUES (NULL::date), (o.fir_date), (o.investigation_concluded_on), (o.status_date)) AS x(d);`;
    await queryRunner.query(`
      CREATE FUNCTION statistics_mark_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF (SELECT count(*) FROM n) > 2000 THEN
            INSERT INTO statistics_dirty (jurisdiction_code) SELECT DISTINCT jurisdiction_code FROM n;
          ELSE
            INSERT INTO statistics_dirty (case_id, jurisdiction_code) SELECT id, jurisdiction_code FROM n;
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF (SELECT count(*) FROM ${changed}) > 2000 THEN
            INSERT INTO statistics_dirty (jurisdiction_code)
            SELECT o.jurisdiction_code FROM ${changed} UNION SELECT n.jurisdiction_code FROM ${changed};
          ELSE ${oldCells(`(SELECT o.* FROM ${changed}) o`)}
          END IF;
        ELSE
          -- a case removed outright takes its rows with it: its jurisdiction is recomputed whole
          INSERT INTO statistics_dirty (jurisdiction_code) SELECT DISTINCT jurisdiction_code FROM o;
        END IF;
        RETURN NULL;
      END $$`);

    // rows of a case's own tables: the case (all its current months) and the months of the old row's dates
    const child = (table: string, dates: string[], caseOf: (alias: string) => string) => {
      const whole = (from: string) => `
            INSERT INTO statistics_dirty (jurisdiction_code)
            SELECT DISTINCT c.jurisdiction_code FROM cases c WHERE c.id IN (${from});`;
      const cases = (alias: string) => `
            INSERT INTO statistics_dirty (case_id) SELECT DISTINCT ${caseOf(alias)} FROM ${alias} WHERE ${caseOf(alias)} IS NOT NULL;`;
      const oldDates = dates.length ? `
            INSERT INTO statistics_dirty (case_id, month)
            SELECT DISTINCT ${caseOf('o')}, date_trunc('month', x.d)::date
              FROM o CROSS JOIN LATERAL (VALUES ${dates.map((d) => `(o.${d})`).join(', ')}) AS x(d)
             WHERE x.d IS NOT NULL AND ${caseOf('o')} IS NOT NULL;
            -- a row whose case can no longer be found (its parent went first): its months in every jurisdiction
            INSERT INTO statistics_dirty (jurisdiction_code, month)
            SELECT DISTINCT j.code, date_trunc('month', x.d)::date
              FROM o CROSS JOIN LATERAL (VALUES ${dates.map((d) => `(o.${d})`).join(', ')}) AS x(d) CROSS JOIN jurisdictions j
             WHERE x.d IS NOT NULL AND ${caseOf('o')} IS NULL;` : '';
      return `
      CREATE FUNCTION statistics_mark_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF (SELECT count(*) FROM n) > 2000 THEN ${whole(`SELECT ${caseOf('n')} FROM n`)}
          ELSE ${cases('n')}
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF (SELECT count(*) FROM o) > 2000 THEN ${whole(`SELECT ${caseOf('n')} FROM n UNION SELECT ${caseOf('o')} FROM o`)}
          ELSE ${cases('n')} ${cases('o')} ${oldDates}
          END IF;
        ELSE
          IF (SELECT count(*) FROM o) > 2000 THEN ${whole(`SELECT ${caseOf('o')} FROM o`)}
          ELSE ${cases('o')} ${oldDates}
          END IF;
        END IF;
        RETURN NULL;
      END $$`;
    };
    const direct = (alias: string) => `${alias}.case_id`;
    const viaProsecution = (alias: string) => `(SELECT p.case_id FROM prosecutions p WHERE p.id = ${alias}.prosecution_id)`;
    await queryRunner.query(child('case_status_events', ['status_date'], direct));
    await queryRunner.query(child('victims', ['identified_on'], direct));
    await queryRunner.query(child('defendants', [], direct));
    await queryRunner.query(child('prosecutions', ['prosecution_date', 'outcome_date'], direct));
    await queryRunner.query(child('convictions', ['judgment_date'], viaProsecution));
    await queryRunner.query(child('route_points', [], direct));

    for (const table of TABLES) {
      await queryRunner.query(`CREATE TRIGGER "statistics_${table}_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_${table}()`);
      await queryRunner.query(`CREATE TRIGGER "statistics_${table}_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_${table}()`);
      await queryRunner.query(`CREATE TRIGGER "statistics_${table}_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_${table}()`);
    }

    // the cube starts empty: every jurisdiction is computed on first use
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      for (const op of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "statistics_${table}_${op}" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION statistics_mark_${table}()`);
    }
    await queryRunner.query(`DROP INDEX "IDX_case_status_events_date"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_jurisdiction_status_date"`);
    await queryRunner.query(`DROP INDEX "IDX_cases_jurisdiction_concluded"`);
    await queryRunner.query(`DROP TABLE "statistics_status_months"`);
    await queryRunner.query(`DROP TABLE "statistics_case_firsts"`);
    await queryRunner.query(`DROP TABLE "statistics_case_months"`);
    await queryRunner.query(`DROP TABLE "statistics_dirty"`);
  }
}
