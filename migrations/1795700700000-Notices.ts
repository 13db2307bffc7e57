import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Notices to users in the application: a focal person is told, once per month, that their
 * unit's month is due soon and not yet submitted (reminders; an e-mail may go with it).
 */
export class Notices1795700700000 implements MigrationInterface {
    name = 'Notices1795700700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" character varying(30) NOT NULL,
                "month" date NOT NULL,
                "reporting_unit_code" character varying(40) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_notices_month" CHECK (month = date_trunc('month', month)::date),
                CONSTRAINT "CHK_notices_kind" CHECK (kind IN ('submission_due')),
                CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_notices_user_created" ON "notices" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_notices_user_kind_month" ON "notices" ("user_id", "kind", "month")
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "FK_a0a19c24dba7bd201f3cc72f79f" FOREIGN KEY ("reporting_unit_code") REFERENCES "reporting_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "FK_a0a19c24dba7bd201f3cc72f79f"
        `);
        await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_notices_user_kind_month"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_notices_user_created"
        `);
        await queryRunner.query(`
            DROP TABLE "notices"
        `);
    }

}
