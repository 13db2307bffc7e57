import { MigrationInterface, QueryRunner } from 'typeorm';

/** What each ministry workbook published, cell by cell, for auditing later releases against it. */
export class MonthlyExportPublications1795500100000 implements MigrationInterface {
  name = 'MonthlyExportPublications1795500100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "monthly_exports" ADD "published" jsonb`);
    await queryRunner.query(`CREATE INDEX "IDX_monthly_exports_generated_by" ON "monthly_exports" ("generated_by", "generated_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_monthly_exports_generated_by"`);
    await queryRunner.query(`ALTER TABLE "monthly_exports" DROP COLUMN "published"`);
  }
}
