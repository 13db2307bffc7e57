import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each refresh of the cube by the edited cases' own changes did to it, by generation: the
 * signed rows it added to each counting table of the cube (`tables`, keyed by table name, rows of
 * that table's columns: counts by month and dimension, no case and no person), and every day the
 * changed cases had a date on before or after (`days`). A figure kept at an earlier generation is
 * brought forward by them (StatisticsRepository): the rows it read plus the same query over the
 * generations' rows; a part counted from the case tables over edge days is still right when no
 * changed case had a date on those days. A generation the cube reached otherwise (cells
 * recomputed) has no row: what was kept before it is asked anew. Each refresh removes rows
 * older than the last 500 generations.
 */
export class StatisticsGenerationDeltas1795701800000 implements MigrationInterface {
  name = 'StatisticsGenerationDeltas1795701800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_generation_deltas" (
        "generation" integer PRIMARY KEY,
        "days" date[] NOT NULL,
        "tables" jsonb NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "statistics_generation_deltas"`);
  }
}
