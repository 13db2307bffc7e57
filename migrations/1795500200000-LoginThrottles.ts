import { MigrationInterface, QueryRunner } from "typeorm";

export class LoginThrottles1795500200000 implements MigrationInterface {
    name = 'LoginThrottles1795500200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "login_throttles" (
                "email" text NOT NULL,
                "client_address" text NOT NULL,
                "failures" integer NOT NULL DEFAULT '0',
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                "last_failure_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_9568319b8020e20b7eea6fb3a8a" PRIMARY KEY ("email", "client_address")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_c34e8e0fe0f587f288db1bc4b3" ON "login_throttles" ("last_failure_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "failed_logins"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "locked_until"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "locked_until" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "failed_logins" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c34e8e0fe0f587f288db1bc4b3"
        `);
        await queryRunner.query(`
            DROP TABLE "login_throttles"
        `);
    }

}
