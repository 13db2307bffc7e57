import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The police stations' keys of the cases, each once (or, when two writers add one at once, a
 * few times), so that the case list's search finds the stations it names among a few thousand
 * keys instead of a million cases, and then counts their cases from an index alone
 * (IDX_cases_live_police_station, which holds the columns of a caller's scope and the list's
 * common filters).
 *
 * Complete by construction: statement triggers on `cases` add the keys a statement wrote that
 * the table does not hold yet, inside the writing transaction, so any snapshot that sees a case
 * sees its key. Writers only insert, without a unique constraint, so two uploads adding the same
 * new station never wait for each other. A key no live case has any more stays; it selects no case.
 */
export class PoliceStationKeys1795702500000 implements MigrationInterface {
  name = 'PoliceStationKeys1795702500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "police_station_keys" ("key" text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_police_station_keys_key" ON "police_station_keys" ("key")`);
    await queryRunner.query(`INSERT INTO police_station_keys (key) SELECT DISTINCT police_station_key FROM cases`);
    await queryRunner.query(`
      CREATE FUNCTION police_station_keys_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO police_station_keys (key)
        SELECT DISTINCT written.police_station_key FROM written_cases written
         WHERE NOT EXISTS (SELECT 1 FROM police_station_keys known WHERE known.key = written.police_station_key);
        RETURN NULL;
      END $$`);
    for (const event of ['insert', 'update'])
      await queryRunner.query(
        `CREATE TRIGGER "police_station_keys_${event}" AFTER ${event.toUpperCase()} ON "cases" REFERENCING NEW TABLE AS written_cases FOR EACH STATEMENT EXECUTE FUNCTION police_station_keys_add()`,
      );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_live_police_station" ON "cases" ("police_station_key")
       INCLUDE ("jurisdiction_code", "reporting_unit_code", "district_code", "status", "fir_year") WHERE "deleted_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_cases_live_police_station"`);
    for (const event of ['insert', 'update']) await queryRunner.query(`DROP TRIGGER "police_station_keys_${event}" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION police_station_keys_add()`);
    await queryRunner.query(`DROP TABLE "police_station_keys"`);
  }
}
