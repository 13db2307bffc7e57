import { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `"jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15), "exploitation_forms" text[] NOT NULL, "month" date NOT NULL,`;

/**
 * The statistics cube (see StatisticsCube1795400000000) for the victims' vulnerabilities and
 * residences (by the month a victim counts as identified) and for routes (by the FIR month).
 * A district moved to another jurisdiction changes route places: every jurisdiction is then
 * recomputed.
 */
export class StatisticsCubeVictimsRoutes1795400100000 implements MigrationInterface {
  name = 'StatisticsCubeVictimsRoutes1795400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_victim_vulnerabilities" (
        ${DIMENSIONS}
        "vulnerability" text NOT NULL,
        "sex" character varying(12) NOT NULL,
        "age_group" character varying(7) NOT NULL,
        "victims" integer NOT NULL
      )`);
    // by jurisdiction, offence family and month only: a form or trafficking-type filter reads the case tables
    await queryRunner.query(`
      CREATE TABLE "statistics_victim_residences" (
        "jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL, "month" date NOT NULL,
        "district_code" character varying(16) NOT NULL,
        "victims" integer NOT NULL
      )`);
    // origin and destination as stored (country, district): the level is chosen when read
    await queryRunner.query(`
      CREATE TABLE "statistics_route_flows" (
        ${DIMENSIONS}
        "origin_country" character(3),
        "origin_district" character varying(16),
        "destination_country" character(3),
        "destination_district" character varying(16),
        "cases" integer NOT NULL,
        "victims" integer NOT NULL
      )`);
    // transit places at each level, each case counted once per place
    await queryRunner.query(`
      CREATE TABLE "statistics_route_transits" (
        ${DIMENSIONS}
        "level" character varying(12) NOT NULL CHECK ("level" IN ('country', 'jurisdiction', 'district')),
        "place" character varying(16),
        "cases" integer NOT NULL
      )`);
    for (const table of ['statistics_victim_vulnerabilities', 'statistics_victim_residences', 'statistics_route_flows', 'statistics_route_transits']) {
      await queryRunner.query(`CREATE INDEX "IDX_${table}_cell" ON "${table}" ("jurisdiction_code", "month")`);
    }
    await queryRunner.query(`
      CREATE FUNCTION statistics_mark_districts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM o JOIN n ON n.code = o.code WHERE n.jurisdiction_code IS DISTINCT FROM o.jurisdiction_code) THEN
          INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "statistics_districts_update" AFTER UPDATE ON "districts" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_districts()`);
    // the new tables start empty: every jurisdiction is recomputed on first use
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "statistics_districts_update" ON "districts"`);
    await queryRunner.query(`DROP FUNCTION statistics_mark_districts()`);
    for (const table of ['statistics_route_transits', 'statistics_route_flows', 'statistics_victim_residences', 'statistics_victim_vulnerabilities']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
