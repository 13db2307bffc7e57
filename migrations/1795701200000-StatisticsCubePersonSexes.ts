import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics cube's persons by sex: prosecutions begun (by the defendant's sex),
 * convictions (the person convicted's) and victims identified, per month and by every dimension
 * the other cube tables keep, so that a trend by sex is read from the cube. The table starts
 * empty with every jurisdiction marked whole: the next refresh fills it.
 */
export class StatisticsCubePersonSexes1795701200000 implements MigrationInterface {
  name = 'StatisticsCubePersonSexes1795701200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_person_sexes" (
        "jurisdiction_code" character varying(5) NOT NULL,
        "reporting_unit_code" character varying(40) NOT NULL,
        "offence_family" character varying(5) NOT NULL,
        "trafficking_type" character varying(15),
        "exploitation_forms" text[] NOT NULL,
        "month" date NOT NULL,
        "measure" character varying(12) NOT NULL CHECK ("measure" IN ('prosecutions', 'convictions', 'victims')),
        "sex" character varying(12) NOT NULL,
        "persons" integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_statistics_person_sexes_cell" ON "statistics_person_sexes" ("jurisdiction_code", "month")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_statistics_person_sexes_unit" ON "statistics_person_sexes" ("reporting_unit_code", "month")`,
    );
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_person_sexes"`);
  }
}
