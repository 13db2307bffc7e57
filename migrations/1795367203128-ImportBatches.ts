import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportBatches1795367203128 implements MigrationInterface {
    name = 'ImportBatches1795367203128'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "import_batches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "user_id" uuid NOT NULL,
                "user_email" text NOT NULL,
                "jurisdiction_code" character varying(5),
                "file_name" text NOT NULL,
                "file_sha256" character(64) NOT NULL,
                "file_size" integer NOT NULL,
                "file_kind" character varying(4) NOT NULL,
                "dry_run" boolean NOT NULL,
                "status" character varying(12) NOT NULL,
                "phase" character varying(12) NOT NULL,
                "rows_processed" integer NOT NULL DEFAULT '0',
                "counts" jsonb,
                "error_count" integer NOT NULL DEFAULT '0',
                "errors" jsonb NOT NULL DEFAULT '[]',
                "file" bytea,
                CONSTRAINT "CHK_import_batches_status" CHECK (
                    status IN (
                        'processing',
                        'validated',
                        'committed',
                        'rejected',
                        'failed'
                    )
                ),
                CONSTRAINT "PK_6162597a2576c03e04bb2c1a2dd" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_import_batches_jurisdiction_created" ON "import_batches" ("jurisdiction_code", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_d6a7c08f96a0ae622bb495e3bdb" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "victims"
            ADD CONSTRAINT "FK_654f5ccbbdf11c032cffa216e7d" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants"
            ADD CONSTRAINT "FK_b17077aa40fe066b8735c92348a" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "prosecutions"
            ADD CONSTRAINT "FK_05738a085762af27c52bc927cc2" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "prosecutions" DROP CONSTRAINT "FK_05738a085762af27c52bc927cc2"
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants" DROP CONSTRAINT "FK_b17077aa40fe066b8735c92348a"
        `);
        await queryRunner.query(`
            ALTER TABLE "victims" DROP CONSTRAINT "FK_654f5ccbbdf11c032cffa216e7d"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_d6a7c08f96a0ae622bb495e3bdb"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_import_batches_jurisdiction_created"
        `);
        await queryRunner.query(`
            DROP TABLE "import_batches"
        `);
    }

}
