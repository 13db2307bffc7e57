import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jurisdiction, offence family and month: these tables answer periods without a form or trafficking-type filter. */
const DIMENSIONS = `"jurisdiction_code" character varying(5) NOT NULL, "offence_family" character varying(5) NOT NULL, "month" date NOT NULL,`;

/**
 * The statistics cube (see StatisticsCube1795400000000) for attrition — what became of the
 * cases registered in a month, and the distribution of days between stages, from which the
 * medians are read exactly — and for the demographics of the persons of the cases registered
 * (scope `all`) or prosecuted (scope `prosecuted`, counted like statistics_case_firsts).
 */
export class StatisticsCubeAttritionDemographics1795400200000 implements MigrationInterface {
  name = 'StatisticsCubeAttritionDemographics1795400200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_attrition_months" (
        ${DIMENSIONS}
        "registered" integer NOT NULL,
        "concluded" integer NOT NULL,
        "challan_submitted" integer NOT NULL,
        "prosecuted" integer NOT NULL,
        "convicted" integer NOT NULL,
        "acquitted" integer NOT NULL,
        "cancelled" integer NOT NULL,
        "untraced" integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "statistics_attrition_days" (
        ${DIMENSIONS}
        "measure" character varying(20) NOT NULL CHECK ("measure" IN ('fir_to_challan', 'challan_to_judgment', 'fir_to_judgment')),
        "days" integer NOT NULL,
        "cases" integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "statistics_demographics" (
        ${DIMENSIONS}
        "scope" character varying(10) NOT NULL CHECK ("scope" IN ('all', 'prosecuted')),
        "previous_month" date,
        "population" character varying(10) NOT NULL CHECK ("population" IN ('victims', 'defendants')),
        "sex" character varying(12) NOT NULL,
        "age_band" character varying(7) NOT NULL,
        "nationality" character(3) NOT NULL,
        "persons" integer NOT NULL
      )`);
    for (const table of ['statistics_attrition_months', 'statistics_attrition_days', 'statistics_demographics']) {
      await queryRunner.query(`CREATE INDEX "IDX_${table}_cell" ON "${table}" ("jurisdiction_code", "month")`);
    }
    // the new tables start empty: every jurisdiction is recomputed on first use
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['statistics_demographics', 'statistics_attrition_days', 'statistics_attrition_months']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
