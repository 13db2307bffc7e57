import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics cube (see StatisticsCube1795400000000) for repeat offenders: one row per
 * (CNIC hash, case) of the defendants that carry a hash, with the case's filters and FIR
 * date, recomputed with the FIR month's cell. The hash is the keyed HMAC already stored on
 * the defendant; it never leaves the query.
 */
export class StatisticsCubeOffenders1795400300000 implements MigrationInterface {
  name = 'StatisticsCubeOffenders1795400300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_offender_cases" (
        "jurisdiction_code" character varying(5) NOT NULL,
        "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15),
        "exploitation_forms" text[] NOT NULL,
        "month" date NOT NULL,
        "district_code" character varying(16) NOT NULL,
        "fir_date" date NOT NULL,
        "case_id" uuid NOT NULL,
        "cnic_hash" character varying(64) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_offender_cases_cell" ON "statistics_offender_cases" ("jurisdiction_code", "month")`);
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_offender_cases"`);
  }
}
