import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each generation of the cube records of the cases it took in, besides their days:
 * - `districts`, the districts those cases were of, before or after: a figure of one district
 *   counted from the case tables and kept is still right at a later generation when every
 *   generation since was reached by the edited cases' own changes and none of those cases was of
 *   that district;
 * - `earlier`, up to a few edited cases' rows as they were before it (by case, then table; null
 *   for more, as an upload's): a part counted from the case tables over the edge days of a period
 *   is brought forward by what those cases counted there before and count now, instead of being
 *   counted again (StatisticsRepository). Kept as long as the generation's row (500 generations).
 * A row recorded before has neither (null): it may have changed any district, and its cases'
 * earlier rows are unknown.
 */
export class StatisticsGenerationEditedCases1795702600000 implements MigrationInterface {
  name = 'StatisticsGenerationEditedCases1795702600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "statistics_generation_deltas" ADD COLUMN "districts" varchar(16)[], ADD COLUMN "earlier" jsonb`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statistics_generation_deltas" DROP COLUMN "districts", DROP COLUMN "earlier"`);
  }
}
