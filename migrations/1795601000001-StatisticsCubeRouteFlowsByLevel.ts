import { MigrationInterface, QueryRunner } from 'typeorm';

const DIMENSIONS = `"jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15), "exploitation_forms" text[] NOT NULL, "month" date NOT NULL,`;

/**
 * The cube's route flows keep each origin and destination as placed at each level (country,
 * jurisdiction, district; `unknown` for none) rather than as stored: a national period then sums
 * a few rows per pair of countries instead of one per pair of districts. The table is rebuilt:
 * every jurisdiction is recomputed on first use.
 */
export class StatisticsCubeRouteFlowsByLevel1795601000001 implements MigrationInterface {
  name = 'StatisticsCubeRouteFlowsByLevel1795601000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_route_flows"`);
    await queryRunner.query(`
      CREATE TABLE "statistics_route_flows" (
        ${DIMENSIONS}
        "level" character varying(12) NOT NULL CHECK ("level" IN ('country', 'jurisdiction', 'district')),
        "origin_place" character varying(16) NOT NULL,
        "destination_place" character varying(16) NOT NULL,
        "cases" integer NOT NULL,
        "victims" integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_statistics_route_flows_cell" ON "statistics_route_flows" ("jurisdiction_code", "month")`,
    );
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_route_flows"`);
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
    await queryRunner.query(
      `CREATE INDEX "IDX_statistics_route_flows_cell" ON "statistics_route_flows" ("jurisdiction_code", "month")`,
    );
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }
}
