import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics cube's table of route legs (origin → transit → destination, see
 * ROUTE_LEG_KINDS in counting-rules.sql.ts) by FIR month, places resolved at each level as
 * for transits. It starts empty: every jurisdiction is recomputed on first use.
 */
export class StatisticsCubeRouteLegs1795601000000 implements MigrationInterface {
  name = 'StatisticsCubeRouteLegs1795601000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_route_legs" (
        "jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15), "exploitation_forms" text[] NOT NULL, "month" date NOT NULL,
        "level" character varying(12) NOT NULL CHECK ("level" IN ('country', 'jurisdiction', 'district')),
        "leg" character varying(20) NOT NULL CHECK ("leg" IN ('origin-transit', 'transit-destination', 'origin-destination')),
        "from_place" character varying(16) NOT NULL,
        "to_place" character varying(16) NOT NULL,
        "cases" integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_statistics_route_legs_cell" ON "statistics_route_legs" ("jurisdiction_code", "month")`,
    );
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_route_legs"`);
  }
}
