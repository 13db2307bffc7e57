import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The districts the changed cases of each generation were of, before or after (`districts`):
 * a figure of one district counted from the case tables and kept is still right at a later
 * generation when every generation since was reached by the edited cases' own changes and none
 * of those cases was of that district (StatisticsRepository). A row recorded before has none
 * (null): it may have changed any district.
 */
export class StatisticsGenerationDistricts1795702600000 implements MigrationInterface {
  name = 'StatisticsGenerationDistricts1795702600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statistics_generation_deltas" ADD COLUMN "districts" varchar(16)[]`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statistics_generation_deltas" DROP COLUMN "districts"`);
  }
}
