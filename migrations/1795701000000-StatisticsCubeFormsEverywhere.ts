import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cube tables that were keyed by the case's jurisdiction, unit and offence family only. */
const CASE_KEYED = [
  'statistics_victim_residences',
  'statistics_attrition_months',
  'statistics_attrition_days',
  'statistics_demographics',
];

/**
 * The attrition, demographics and victims' residences (hotspots) of the statistics cube by the
 * case's trafficking type and forms of exploitation too, as every other cube table is: a form
 * or trafficking-type filter on those figures is read from the cube rather than counted from
 * the case tables. The tables are emptied and every jurisdiction marked whole, so the next
 * refresh recomputes them (until it has, the figures are counted from the case tables).
 */
export class StatisticsCubeFormsEverywhere1795701000000 implements MigrationInterface {
  name = 'StatisticsCubeFormsEverywhere1795701000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE ${CASE_KEYED.map((table) => `"${table}"`).join(', ')}`);
    for (const table of CASE_KEYED)
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "trafficking_type" character varying(15), ADD "exploitation_forms" text[] NOT NULL`,
      );
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE ${CASE_KEYED.map((table) => `"${table}"`).join(', ')}`);
    for (const table of CASE_KEYED)
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "trafficking_type", DROP COLUMN "exploitation_forms"`);
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }
}
