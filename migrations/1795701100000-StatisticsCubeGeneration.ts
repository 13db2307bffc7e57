import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the cube's queries read beside the cube: a change to them changes an answer too. */
const READ_BESIDE = ['jurisdictions', 'districts'];

/**
 * The cube's generation: one number, moved on by every refresh that recomputed cells (in its
 * transaction) and by any change to the jurisdictions or districts the cube's queries join. While
 * nothing is marked dirty, the same generation means the same cube, so the service may answer a
 * question it answered before at that generation with the same figures.
 */
export class StatisticsCubeGeneration1795701100000 implements MigrationInterface {
  name = 'StatisticsCubeGeneration1795701100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_cube_state" (
        "single" boolean PRIMARY KEY DEFAULT true CHECK ("single"),
        "generation" bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO "statistics_cube_state" ("generation") VALUES (1)`);
    await queryRunner.query(`
      CREATE FUNCTION statistics_next_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE statistics_cube_state SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    for (const table of READ_BESIDE)
      await queryRunner.query(
        `CREATE TRIGGER "statistics_next_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION statistics_next_generation()`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of READ_BESIDE) await queryRunner.query(`DROP TRIGGER "statistics_next_generation" ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION statistics_next_generation()`);
    await queryRunner.query(`DROP TABLE "statistics_cube_state"`);
  }
}
