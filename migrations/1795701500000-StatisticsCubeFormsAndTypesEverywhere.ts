import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cube tables that were keyed by the case's jurisdiction, reporting unit and offence family only. */
const TABLES = [
  'statistics_victim_residences',
  'statistics_attrition_months',
  'statistics_attrition_days',
  'statistics_demographics',
];

/**
 * Attrition, demographics and the victims' districts of residence are kept by trafficking type
 * and exploitation forms too, like every other table of the statistics cube, so that a form or
 * type filter on those figures is read from the cube. The tables are emptied and every
 * jurisdiction marked whole: the next refresh recomputes them.
 */
export class StatisticsCubeFormsAndTypesEverywhere1795701500000 implements MigrationInterface {
  name = 'StatisticsCubeFormsAndTypesEverywhere1795701500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(', ')}`);
    for (const table of TABLES) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "trafficking_type" character varying(15), ADD "exploitation_forms" text[] NOT NULL`,
      );
    }
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE ${TABLES.map((table) => `"${table}"`).join(', ')}`);
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "exploitation_forms", DROP COLUMN "trafficking_type"`);
    }
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }
}
