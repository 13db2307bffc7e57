import { MigrationInterface, QueryRunner } from 'typeorm';

/** An import whose process stopped before it ended is recorded as interrupted (at the next start). */
export class ImportBatchInterrupted1795500000000 implements MigrationInterface {
  name = 'ImportBatchInterrupted1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_batches" DROP CONSTRAINT "CHK_import_batches_status"`);
    await queryRunner.query(
      `ALTER TABLE "import_batches" ADD CONSTRAINT "CHK_import_batches_status" CHECK (status IN ('processing', 'validated', 'committed', 'rejected', 'failed', 'interrupted'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "import_batches" SET status = 'failed' WHERE status = 'interrupted'`);
    await queryRunner.query(`ALTER TABLE "import_batches" DROP CONSTRAINT "CHK_import_batches_status"`);
    await queryRunner.query(
      `ALTER TABLE "import_batches" ADD CONSTRAINT "CHK_import_batches_status" CHECK (status IN ('processing', 'validated', 'committed', 'rejected', 'failed'))`,
    );
  }
}
