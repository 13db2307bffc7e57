import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files are kept only sealed (AES-256-GCM, see src/imports/storage/upload-vault.ts)
 * and only for as long as a rejected upload's error report needs them; `file_purged_at`
 * records when the bytes were deleted, so the report can answer that it has expired.
 *
 * The files stored so far are plaintext. They cannot be sealed here: the key lives only in
 * the service's configuration, never in the database. So they are deleted, and their reports
 * answer IMPORT.REPORT_EXPIRED. PostgreSQL keeps the old row versions (and their TOAST
 * chunks) on disk until VACUUM reuses the space: run `VACUUM FULL import_batches` after this
 * migration to rewrite the table without them (backups and WAL archives taken before still
 * hold them).
 */
export class SealedUploads1795500300000 implements MigrationInterface {
  name = 'SealedUploads1795500300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_batches" ADD "file_purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "import_batches" SET "file" = NULL, "file_purged_at" = now() WHERE "file" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // the deleted files do not come back, and the sealed ones would be read as uploads by the older code
    await queryRunner.query(`UPDATE "import_batches" SET "file" = NULL WHERE "file" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "import_batches" DROP COLUMN "file_purged_at"`);
  }
}
