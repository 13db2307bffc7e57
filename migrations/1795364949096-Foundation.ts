import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795364949096 implements MigrationInterface {
    name = 'Foundation1795364949096'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "jurisdictions" (
                "code" character varying(5) NOT NULL,
                "pcode" character varying(8) NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "UQ_8006e5dc9b77e9af2af4f840eee" UNIQUE ("pcode"),
                CONSTRAINT "PK_e33b5f6afb84e58de0c2399edb0" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" text NOT NULL,
                "password_hash" text NOT NULL,
                "role" character varying(20) NOT NULL,
                "jurisdiction_code" character varying(5),
                "disabled" boolean NOT NULL DEFAULT false,
                "token_version" integer NOT NULL DEFAULT '0',
                "failed_logins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_users_scope" CHECK (
                    (role = 'focal_person') = (jurisdiction_code IS NOT NULL)
                ),
                CONSTRAINT "CHK_users_role" CHECK (
                    role IN ('admin', 'analyst', 'focal_person', 'viewer')
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "law_sections" (
                "code" character varying(20) NOT NULL,
                "act" character varying(10) NOT NULL,
                "section" character varying(10) NOT NULL,
                "family" character varying(3) NOT NULL,
                "title" text NOT NULL,
                CONSTRAINT "CHK_law_sections_family" CHECK (family IN ('tip', 'som')),
                CONSTRAINT "PK_508ecd176d3563f1c28dde33cf3" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "countries" (
                "alpha3" character(3) NOT NULL,
                "alpha2" character(2) NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "UQ_187a10264d8ce975ec27ac3240a" UNIQUE ("alpha2"),
                CONSTRAINT "PK_10db92c536c536a828dbd72e1c5" PRIMARY KEY ("alpha3")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "code_list_items" (
                "list" character varying(40) NOT NULL,
                "code" character varying(40) NOT NULL,
                "label" text NOT NULL,
                "position" smallint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_400b110f8ecdf8460a941cb0872" PRIMARY KEY ("list", "code")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "districts" (
                "code" character varying(16) NOT NULL,
                "jurisdiction_code" character varying(5) NOT NULL,
                "name" text NOT NULL,
                "valid_from" date,
                "valid_to" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_districts_validity" CHECK (
                    valid_to IS NULL
                    OR valid_from IS NULL
                    OR valid_to >= valid_from
                ),
                CONSTRAINT "PK_8e9d73424149b43b38244f75528" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_16a12d240f5131c464968f47e1" ON "districts" ("jurisdiction_code")
        `);
        await queryRunner.query(`
            CREATE TABLE "district_aliases" (
                "id" SERIAL NOT NULL,
                "district_code" character varying(16) NOT NULL,
                "alias" text NOT NULL,
                "alias_key" text NOT NULL,
                "valid_from" date,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_696d1a7c21003fd778c253eb776" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e798e2cbb5804f3419635417b6" ON "district_aliases" ("district_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_5fbc9d1bba29f7011aab49dd11" ON "district_aliases" ("alias_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "actor_email" text,
                "action" character varying(60) NOT NULL,
                "entity" character varying(60),
                "entity_id" text,
                "changed_fields" text array NOT NULL DEFAULT '{}',
                "jurisdiction_code" character varying(5),
                "ip" text,
                "request_id" text,
                "detail" jsonb,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3648e11676f1929b9875ee272b" ON "audit_events" ("at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_04c7c044146c6632491a370fc0" ON "audit_events" ("actor_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_68d908019304f757740bc47a0a" ON "audit_events" ("action")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b25896e0d3162bc1307dd93f79" ON "audit_events" ("entity", "entity_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "districts"
            ADD CONSTRAINT "FK_16a12d240f5131c464968f47e1d" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "district_aliases"
            ADD CONSTRAINT "FK_e798e2cbb5804f3419635417b69" FOREIGN KEY ("district_code") REFERENCES "districts"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "district_aliases" DROP CONSTRAINT "FK_e798e2cbb5804f3419635417b69"
        `);
        await queryRunner.query(`
            ALTER TABLE "districts" DROP CONSTRAINT "FK_16a12d240f5131c464968f47e1d"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b25896e0d3162bc1307dd93f79"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_68d908019304f757740bc47a0a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_04c7c044146c6632491a370fc0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3648e11676f1929b9875ee272b"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5fbc9d1bba29f7011aab49dd11"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e798e2cbb5804f3419635417b6"
        `);
        await queryRunner.query(`
            DROP TABLE "district_aliases"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_16a12d240f5131c464968f47e1"
        `);
        await queryRunner.query(`
            DROP TABLE "districts"
        `);
        await queryRunner.query(`
            DROP TABLE "code_list_items"
        `);
        await queryRunner.query(`
            DROP TABLE "countries"
        `);
        await queryRunner.query(`
            DROP TABLE "law_sections"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "jurisdictions"
        `);
    }

}
