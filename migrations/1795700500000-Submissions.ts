import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The monthly reporting cycle: each reporting unit's month as submitted, returned, approved or
 * re-opened (one row per unit and month), and every step of it with who, when and why.
 */
export class Submissions1795700500000 implements MigrationInterface {
    name = 'Submissions1795700500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "submissions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "reporting_unit_code" character varying(40) NOT NULL,
                "month" date NOT NULL,
                "status" character varying(10) NOT NULL,
                "nil_return" boolean NOT NULL DEFAULT false,
                "note" text,
                "checks" jsonb NOT NULL DEFAULT '[]',
                "first_submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submitted_by" uuid,
                "late" boolean NOT NULL DEFAULT false,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by" uuid,
                "comment" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_submissions_month" CHECK (month = date_trunc('month', month)::date),
                CONSTRAINT "CHK_submissions_status" CHECK (
                    status IN ('submitted', 'returned', 'approved', 'reopened')
                ),
                CONSTRAINT "PK_10b3be95b8b2fb1e482e07d706b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_submissions_month" ON "submissions" ("month")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_submissions_unit_month" ON "submissions" ("reporting_unit_code", "month")
        `);
        await queryRunner.query(`
            CREATE TABLE "submission_events" (
                "id" BIGSERIAL NOT NULL,
                "submission_id" uuid NOT NULL,
                "action" character varying(10) NOT NULL,
                "actor_id" uuid,
                "actor_email" text,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "comment" text,
                "nil_return" boolean,
                "warnings" integer,
                "late" boolean,
                CONSTRAINT "CHK_submission_events_action" CHECK (
                    action IN ('submit', 'approve', 'return', 'reopen')
                ),
                CONSTRAINT "PK_9d543c147bfdb64e11af9f09c83" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_submission_events_submission" ON "submission_events" ("submission_id", "at")
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions"
            ADD CONSTRAINT "FK_e16520654ee8b2702b0d42f8403" FOREIGN KEY ("reporting_unit_code") REFERENCES "reporting_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "submission_events"
            ADD CONSTRAINT "FK_8c2bb197e4311c469005597a877" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "submission_events" DROP CONSTRAINT "FK_8c2bb197e4311c469005597a877"
        `);
        await queryRunner.query(`
            ALTER TABLE "submissions" DROP CONSTRAINT "FK_e16520654ee8b2702b0d42f8403"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_submission_events_submission"
        `);
        await queryRunner.query(`
            DROP TABLE "submission_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_submissions_unit_month"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_submissions_month"
        `);
        await queryRunner.query(`
            DROP TABLE "submissions"
        `);
    }

}
