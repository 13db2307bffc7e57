import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the case list's own filters select on, and so what its counts are kept by. */
const DIMS = 'jurisdiction_code, reporting_unit_code, district_code, status, offence_family, trafficking_type, exploitation_forms';
const DIMS_OF = (alias: string) =>
  DIMS.split(', ')
    .map((name) => (name === 'exploitation_forms' ? `COALESCE(${alias}.${name}, '{}')` : `${alias}.${name}`))
    .join(', ');

/** The live cases in each of the list's orders, by index name. */
const LIST_ORDERS = {
  live_fir_date_id: '"fir_date", "id"',
  live_fir_year_date_id: '"fir_year", "fir_date", "id"',
  live_status_id: '"status", "id"',
  live_status_date_id: '"status_date", "id"',
};

/**
 * The number of live cases by the case list's own filters (jurisdiction, reporting unit,
 * district, status, offence family, trafficking type, forms of exploitation), so that the list's
 * exact total is a sum over a few thousand rows rather than a count of every case.
 *
 * Exact by construction: statement triggers on `cases` insert, inside the writing transaction,
 * one row of the changes per group the statement touched (+n, −n; a soft delete is −1), so any
 * snapshot sees the counts of exactly the cases it sees. Writers only insert (no row is ever
 * updated), so concurrent writers never wait for each other here. `merged` rows are the
 * compacted sums; the service folds the unmerged rows into them now and then (CaseListCounts),
 * in one transaction, so readers see the table before or after, never between.
 */
export class CaseListCounts1795700900000 implements MigrationInterface {
  name = 'CaseListCounts1795700900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "case_list_counts" (
        "jurisdiction_code" varchar(5) NOT NULL,
        "reporting_unit_code" varchar(40) NOT NULL,
        "district_code" varchar(16) NOT NULL,
        "status" varchar(20) NOT NULL,
        "offence_family" varchar(5) NOT NULL,
        "trafficking_type" varchar(15),
        "exploitation_forms" text[] NOT NULL,
        "cases" integer NOT NULL,
        "merged" boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_case_list_counts_unmerged" ON "case_list_counts" ("merged") WHERE NOT "merged"`);
    await queryRunner.query(`
      INSERT INTO case_list_counts (${DIMS}, cases, merged)
      SELECT ${DIMS_OF('tip_case')}, count(*), true FROM cases tip_case WHERE tip_case.deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    const changes = (rows: string) => `
        INSERT INTO case_list_counts (${DIMS}, cases)
        SELECT ${DIMS}, sum(change) FROM (${rows}) AS changed(${DIMS}, change)
         GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(change) <> 0;`;
    const live = (table: string, sign: string) =>
      `SELECT ${DIMS_OF(table)}, ${sign}1 FROM ${table} WHERE ${table}.deleted_at IS NULL`;
    for (const [event, transition, rows] of [
      ['insert', 'NEW TABLE AS new_cases', live('new_cases', '')],
      ['update', 'OLD TABLE AS old_cases NEW TABLE AS new_cases', `${live('new_cases', '')} UNION ALL ${live('old_cases', '-')}`],
      ['delete', 'OLD TABLE AS old_cases', live('old_cases', '-')],
    ] as const) {
      await queryRunner.query(`
        CREATE FUNCTION case_list_counts_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${changes(rows)}
          RETURN NULL;
        END $$`);
      await queryRunner.query(
        `CREATE TRIGGER "case_list_counts_${event}" AFTER ${event.toUpperCase()} ON "cases" REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION case_list_counts_${event}()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION case_list_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_list_counts;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "case_list_counts_truncate" AFTER TRUNCATE ON "cases" FOR EACH STATEMENT EXECUTE FUNCTION case_list_counts_truncate()`,
    );
    // the list's orders (FIR date, newest first by default; status; status date) read page after page through an
    // index each, the FIR date also within a FIR year
    for (const [index, columns] of Object.entries(LIST_ORDERS))
      await queryRunner.query(`CREATE INDEX "IDX_cases_${index}" ON "cases" (${columns}) WHERE "deleted_at" IS NULL`);
    // the list's search (part of a police station or FIR number, keyed as nameKey keys it) through trigrams
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_police_station_trigrams" ON "cases" USING gin ("police_station_key" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_fir_number_trigrams" ON "cases" USING gin ((lower(regexp_replace("fir_number", '[^[:alnum:]]+', '', 'g'))) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [...Object.keys(LIST_ORDERS), 'police_station_trigrams', 'fir_number_trigrams'])
      await queryRunner.query(`DROP INDEX "IDX_cases_${index}"`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      await queryRunner.query(`DROP TRIGGER "case_list_counts_${event}" ON "cases"`);
      await queryRunner.query(`DROP FUNCTION case_list_counts_${event}()`);
    }
    await queryRunner.query(`DROP TABLE "case_list_counts"`);
  }
}
