import { MigrationInterface, QueryRunner } from "typeorm";

export class MonthlyExports1795368086934 implements MigrationInterface {
    name = 'MonthlyExports1795368086934'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "monthly_exports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "month" character(7) NOT NULL,
                "audience" character varying(10) NOT NULL,
                "version" integer NOT NULL,
                "file_name" text NOT NULL,
                "size" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "content" bytea NOT NULL,
                "trigger" character varying(10) NOT NULL,
                "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "generated_by" uuid,
                "generated_by_email" text,
                CONSTRAINT "CHK_monthly_exports_trigger" CHECK (trigger IN ('scheduled', 'on_demand')),
                CONSTRAINT "CHK_monthly_exports_audience" CHECK (audience IN ('ministry', 'internal')),
                CONSTRAINT "PK_27b63af18e6bc82a6bd4d6fcbee" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_monthly_exports_version" ON "monthly_exports" ("month", "audience", "version")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."UQ_monthly_exports_version"
        `);
        await queryRunner.query(`
            DROP TABLE "monthly_exports"
        `);
    }

}
