import { MigrationInterface, QueryRunner } from "typeorm";

export class CaseRecords1795365313865 implements MigrationInterface {
    name = 'CaseRecords1795365313865'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "jurisdiction_code" character varying(5) NOT NULL,
                "district_code" character varying(16) NOT NULL,
                "police_station" text NOT NULL,
                "police_station_key" text NOT NULL,
                "reporting_agency" character varying(10) NOT NULL DEFAULT 'police',
                "fir_number" character varying(40) NOT NULL,
                "fir_year" smallint NOT NULL,
                "fir_date" date NOT NULL,
                "offence_family" character varying(5) NOT NULL,
                "law_sections" text array NOT NULL DEFAULT '{}',
                "trafficking_type" character varying(15),
                "exploitation_forms" text array NOT NULL DEFAULT '{}',
                "status" character varying(20) NOT NULL,
                "status_date" date NOT NULL,
                "investigation_concluded_on" date,
                "remarks" text,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "import_batch_id" uuid,
                CONSTRAINT "CHK_cases_status" CHECK (
                    status IN (
                        'registered',
                        'under_investigation',
                        'challan_submitted',
                        'under_trial',
                        'convicted',
                        'acquitted',
                        'cancelled',
                        'untraced',
                        'transferred',
                        'closed_other'
                    )
                ),
                CONSTRAINT "CHK_cases_reporting_agency" CHECK (reporting_agency IN ('police', 'fia', 'other')),
                CONSTRAINT "CHK_cases_trafficking_type" CHECK (
                    trafficking_type IS NULL
                    OR trafficking_type IN ('internal', 'transnational')
                ),
                CONSTRAINT "CHK_cases_offence_family" CHECK (offence_family IN ('tip', 'som', 'mixed')),
                CONSTRAINT "CHK_cases_status_after_fir" CHECK (status_date >= fir_date),
                CONSTRAINT "CHK_cases_concluded_after_fir" CHECK (
                    investigation_concluded_on IS NULL
                    OR investigation_concluded_on >= fir_date
                ),
                CONSTRAINT "CHK_cases_fir_year" CHECK (
                    fir_year = EXTRACT(
                        YEAR
                        FROM fir_date
                    )
                ),
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cases_status" ON "cases" ("status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cases_district" ON "cases" ("district_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cases_jurisdiction_fir_date" ON "cases" ("jurisdiction_code", "fir_date")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cases_fir_date" ON "cases" ("fir_date")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_cases_natural_key" ON "cases" (
                "jurisdiction_code",
                "district_code",
                "police_station_key",
                "fir_number",
                "fir_year"
            )
            WHERE deleted_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "victims" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "case_id" uuid NOT NULL,
                "ref" character varying(40) NOT NULL,
                "sex" character varying(12) NOT NULL DEFAULT 'unknown',
                "age" smallint,
                "age_estimated" boolean NOT NULL DEFAULT false,
                "nationality" character(3),
                "residence_district_code" character varying(16),
                "residence_country" character(3),
                "exploitation_forms" text array NOT NULL DEFAULT '{}',
                "vulnerabilities" text array NOT NULL DEFAULT '{}',
                "identified_on" date,
                "referred_to" character varying(10),
                "repatriated" boolean,
                "cnic_hash" character varying(64),
                "import_batch_id" uuid,
                CONSTRAINT "CHK_victims_referred_to" CHECK (
                    referred_to IS NULL
                    OR referred_to IN ('shelter', 'ngo', 'none')
                ),
                CONSTRAINT "CHK_victims_sex" CHECK (
                    sex IN ('male', 'female', 'transgender', 'unknown')
                ),
                CONSTRAINT "CHK_victims_age" CHECK (
                    age IS NULL
                    OR (
                        age >= 0
                        AND age <= 120
                    )
                ),
                CONSTRAINT "PK_36e54b9fe73d6e09c30f964507d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bfd15866a4e5bdc87372a79b92" ON "victims" ("cnic_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_victims_identified_on" ON "victims" ("identified_on")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_victims_case_ref" ON "victims" ("case_id", "ref")
        `);
        await queryRunner.query(`
            CREATE TABLE "defendants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "case_id" uuid NOT NULL,
                "ref" character varying(40) NOT NULL,
                "name" text,
                "cnic_hash" character varying(64),
                "sex" character varying(12) NOT NULL DEFAULT 'unknown',
                "age" smallint,
                "nationality" character(3),
                "role" character varying(30),
                "custody_status" character varying(20) NOT NULL DEFAULT 'suspect',
                "group_name" text,
                "import_batch_id" uuid,
                CONSTRAINT "CHK_defendants_custody" CHECK (
                    custody_status IN (
                        'suspect',
                        'arrested',
                        'on_bail',
                        'absconding',
                        'proclaimed_offender',
                        'released'
                    )
                ),
                CONSTRAINT "CHK_defendants_sex" CHECK (
                    sex IN ('male', 'female', 'transgender', 'unknown')
                ),
                CONSTRAINT "CHK_defendants_age" CHECK (
                    age IS NULL
                    OR (
                        age >= 0
                        AND age <= 120
                    )
                ),
                CONSTRAINT "PK_489ba14899931739f9a25f9232d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_613090cc75071f1bda4f643fbe" ON "defendants" ("cnic_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_defendants_case_ref" ON "defendants" ("case_id", "ref")
        `);
        await queryRunner.query(`
            CREATE TABLE "prosecutions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "case_id" uuid NOT NULL,
                "defendant_id" uuid NOT NULL,
                "court" text,
                "charges" text array NOT NULL DEFAULT '{}',
                "prosecution_date" date NOT NULL,
                "outcome" character varying(12) NOT NULL DEFAULT 'pending',
                "outcome_date" date,
                "import_batch_id" uuid,
                CONSTRAINT "UQ_cb31f1ebf9988ba61db1d34a1ca" UNIQUE ("defendant_id"),
                CONSTRAINT "REL_cb31f1ebf9988ba61db1d34a1c" UNIQUE ("defendant_id"),
                CONSTRAINT "CHK_prosecutions_pending_no_date" CHECK (
                    outcome <> 'pending'
                    OR outcome_date IS NULL
                ),
                CONSTRAINT "CHK_prosecutions_decided_has_date" CHECK (
                    outcome = 'pending'
                    OR outcome = 'withdrawn'
                    OR outcome_date IS NOT NULL
                ),
                CONSTRAINT "CHK_prosecutions_outcome_date" CHECK (
                    outcome_date IS NULL
                    OR outcome_date >= prosecution_date
                ),
                CONSTRAINT "CHK_prosecutions_outcome" CHECK (
                    outcome IN (
                        'pending',
                        'convicted',
                        'acquitted',
                        'discharged',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "PK_e307bcea808e3f1a2b0ba63f7a0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_prosecutions_date" ON "prosecutions" ("prosecution_date")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_prosecutions_case" ON "prosecutions" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "convictions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "prosecution_id" uuid NOT NULL,
                "judgment_date" date NOT NULL,
                "sections" text array NOT NULL DEFAULT '{}',
                "imprisonment_months" integer,
                "fine_pkr" bigint,
                "appeal_status" character varying(12) NOT NULL DEFAULT 'none',
                CONSTRAINT "UQ_3daf2b599b178c1e26ee057b54a" UNIQUE ("prosecution_id"),
                CONSTRAINT "REL_3daf2b599b178c1e26ee057b54" UNIQUE ("prosecution_id"),
                CONSTRAINT "CHK_convictions_appeal" CHECK (
                    appeal_status IN ('none', 'pending', 'upheld', 'overturned')
                ),
                CONSTRAINT "CHK_convictions_fine" CHECK (
                    fine_pkr IS NULL
                    OR fine_pkr >= 0
                ),
                CONSTRAINT "CHK_convictions_imprisonment" CHECK (
                    imprisonment_months IS NULL
                    OR imprisonment_months >= 0
                ),
                CONSTRAINT "PK_b136d6d35c88c6a9849c7cd441c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_convictions_judgment_date" ON "convictions" ("judgment_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "route_points" (
                "id" BIGSERIAL NOT NULL,
                "case_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "kind" character varying(11) NOT NULL,
                "country_code" character(3) NOT NULL,
                "district_code" character varying(16),
                "place" text,
                CONSTRAINT "CHK_route_points_kind" CHECK (kind IN ('origin', 'transit', 'destination')),
                CONSTRAINT "PK_9684d129d71ff38906e7cb08c68" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_19a6311a7c3511bf0494fd6700" ON "route_points" ("country_code")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_15d2f652bc651234e4f26c621f" ON "route_points" ("district_code")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_route_points_position" ON "route_points" ("case_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_status_events" (
                "id" BIGSERIAL NOT NULL,
                "case_id" uuid NOT NULL,
                "from_status" character varying(20),
                "to_status" character varying(20) NOT NULL,
                "status_date" date NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "import_batch_id" uuid,
                CONSTRAINT "PK_e138d0768e432e9b660b7b6ac47" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_case_status_events_case_date" ON "case_status_events" ("case_id", "status_date")
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_e157e4da00f3553f702b3a3916f" FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_ba74fe9c30616064fcd78c639cf" FOREIGN KEY ("district_code") REFERENCES "districts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "victims"
            ADD CONSTRAINT "FK_2c8f627ebbbf8d6575405e49291" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "victims"
            ADD CONSTRAINT "FK_5893751f95108fac8dd1f94bcd0" FOREIGN KEY ("nationality") REFERENCES "countries"("alpha3") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "victims"
            ADD CONSTRAINT "FK_ab32039488a0721b7a3df7946b6" FOREIGN KEY ("residence_country") REFERENCES "countries"("alpha3") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "victims"
            ADD CONSTRAINT "FK_f94b0910ef2421fc8bda58a262c" FOREIGN KEY ("residence_district_code") REFERENCES "districts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants"
            ADD CONSTRAINT "FK_f2c4f1a6c58c280bc9fd13a940a" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants"
            ADD CONSTRAINT "FK_e74c8cb308adddd4bef86ee396e" FOREIGN KEY ("nationality") REFERENCES "countries"("alpha3") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "prosecutions"
            ADD CONSTRAINT "FK_5e9364776c4695bbd83d205f655" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "prosecutions"
            ADD CONSTRAINT "FK_cb31f1ebf9988ba61db1d34a1ca" FOREIGN KEY ("defendant_id") REFERENCES "defendants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "convictions"
            ADD CONSTRAINT "FK_3daf2b599b178c1e26ee057b54a" FOREIGN KEY ("prosecution_id") REFERENCES "prosecutions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points"
            ADD CONSTRAINT "FK_7b9853e9582621a227439f78337" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points"
            ADD CONSTRAINT "FK_19a6311a7c3511bf0494fd67007" FOREIGN KEY ("country_code") REFERENCES "countries"("alpha3") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points"
            ADD CONSTRAINT "FK_15d2f652bc651234e4f26c621fc" FOREIGN KEY ("district_code") REFERENCES "districts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_status_events"
            ADD CONSTRAINT "FK_71db700e101fbc8fa6124cccb4b" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "case_status_events" DROP CONSTRAINT "FK_71db700e101fbc8fa6124cccb4b"
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points" DROP CONSTRAINT "FK_15d2f652bc651234e4f26c621fc"
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points" DROP CONSTRAINT "FK_19a6311a7c3511bf0494fd67007"
        `);
        await queryRunner.query(`
            ALTER TABLE "route_points" DROP CONSTRAINT "FK_7b9853e9582621a227439f78337"
        `);
        await queryRunner.query(`
            ALTER TABLE "convictions" DROP CONSTRAINT "FK_3daf2b599b178c1e26ee057b54a"
        `);
        await queryRunner.query(`
            ALTER TABLE "prosecutions" DROP CONSTRAINT "FK_cb31f1ebf9988ba61db1d34a1ca"
        `);
        await queryRunner.query(`
            ALTER TABLE "prosecutions" DROP CONSTRAINT "FK_5e9364776c4695bbd83d205f655"
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants" DROP CONSTRAINT "FK_e74c8cb308adddd4bef86ee396e"
        `);
        await queryRunner.query(`
            ALTER TABLE "defendants" DROP CONSTRAINT "FK_f2c4f1a6c58c280bc9fd13a940a"
        `);
        await queryRunner.query(`
            ALTER TABLE "victims" DROP CONSTRAINT "FK_f94b0910ef2421fc8bda58a262c"
        `);
        await queryRunner.query(`
            ALTER TABLE "victims" DROP CONSTRAINT "FK_ab32039488a0721b7a3df7946b6"
        `);
        await queryRunner.query(`
            ALTER TABLE "victims" DROP CONSTRAINT "FK_5893751f95108fac8dd1f94bcd0"
        `);
        await queryRunner.query(`
            ALTER TABLE "victims" DROP CONSTRAINT "FK_2c8f627ebbbf8d6575405e49291"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_ba74fe9c30616064fcd78c639cf"
        `);
        await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_e157e4da00f3553f702b3a3916f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_case_status_events_case_date"
        `);
        await queryRunner.query(`
            DROP TABLE "case_status_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_route_points_position"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_15d2f652bc651234e4f26c621f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_19a6311a7c3511bf0494fd6700"
        `);
        await queryRunner.query(`
            DROP TABLE "route_points"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_convictions_judgment_date"
        `);
        await queryRunner.query(`
            DROP TABLE "convictions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_prosecutions_case"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_prosecutions_date"
        `);
        await queryRunner.query(`
            DROP TABLE "prosecutions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_defendants_case_ref"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_613090cc75071f1bda4f643fbe"
        `);
        await queryRunner.query(`
            DROP TABLE "defendants"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_victims_case_ref"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_victims_identified_on"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bfd15866a4e5bdc87372a79b92"
        `);
        await queryRunner.query(`
            DROP TABLE "victims"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_cases_natural_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_fir_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_jurisdiction_fir_date"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_district"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cases_status"
        `);
        await queryRunner.query(`
            DROP TABLE "cases"
        `);
    }

}
