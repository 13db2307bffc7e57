import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting units: every case belongs to one (the police of a jurisdiction, the FIA, another
 * agency) and every focal person to one, in place of a focal person's jurisdiction.
 *
 * Existing data is placed by its reporting agency and jurisdiction: a police case in Punjab goes
 * to `POLICE-PK-PB`, an FIA case to `FIA`; a case of agency `other` (which no unit covered
 * before) goes to a unit `OTHER` (agency other, all jurisdictions), created only when such
 * cases exist, for an administrator to rename or split. A focal person of a jurisdiction joins
 * that jurisdiction's police unit, and an import batch is recorded under its uploader's unit
 * the same way. The units of jurisdictions seeded later are added by the reference seed.
 */
export class ReportingUnits1795700000000 implements MigrationInterface {
  name = 'ReportingUnits1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "reporting_units" (
        "code" character varying(40) NOT NULL,
        "name" text NOT NULL,
        "agency" character varying(10) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_reporting_units_code_agency" UNIQUE ("code", "agency"),
        CONSTRAINT "CHK_reporting_units_agency" CHECK (agency IN ('police', 'fia', 'other')),
        CONSTRAINT "CHK_reporting_units_code" CHECK (code ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$'),
        CONSTRAINT "PK_fc70fbbc815f7e80b9a77ac7c18" PRIMARY KEY ("code"))`);
    await queryRunner.query(`
      CREATE TABLE "reporting_unit_jurisdictions" (
        "reporting_unit_code" character varying(40) NOT NULL,
        "jurisdiction_code" character varying(5) NOT NULL,
        CONSTRAINT "PK_dc1684ea403e23278deec280382" PRIMARY KEY ("reporting_unit_code", "jurisdiction_code"))`);
    await queryRunner.query(`
      ALTER TABLE "reporting_unit_jurisdictions" ADD CONSTRAINT "FK_5a5790578690641c94e374a5779"
        FOREIGN KEY ("reporting_unit_code") REFERENCES "reporting_units"("code") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`
      ALTER TABLE "reporting_unit_jurisdictions" ADD CONSTRAINT "FK_2b07fce8e0f8974cd714f36317a"
        FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // the seeded units, for the jurisdictions already present (a new database gets them from the seed)
    await queryRunner.query(`
      INSERT INTO reporting_units (code, name, agency)
      SELECT 'POLICE-' || code, name || ' Police', 'police' FROM jurisdictions
      UNION ALL SELECT 'FIA', 'Federal Investigation Agency', 'fia' WHERE EXISTS (SELECT 1 FROM jurisdictions)
      UNION ALL SELECT 'OTHER', 'Other agencies', 'other' WHERE EXISTS (SELECT 1 FROM cases WHERE reporting_agency = 'other')`);
    await queryRunner.query(`
      INSERT INTO reporting_unit_jurisdictions (reporting_unit_code, jurisdiction_code)
      SELECT 'POLICE-' || code, code FROM jurisdictions
      UNION ALL SELECT unit.code, jurisdiction.code FROM reporting_units unit CROSS JOIN jurisdictions jurisdiction
       WHERE unit.code IN ('FIA', 'OTHER')`);

    // cases: placed by agency and jurisdiction
    await queryRunner.query(`ALTER TABLE "cases" ADD "reporting_unit_code" character varying(40)`);
    await queryRunner.query(`
      UPDATE cases SET reporting_unit_code = CASE reporting_agency
        WHEN 'police' THEN 'POLICE-' || jurisdiction_code WHEN 'fia' THEN 'FIA' ELSE 'OTHER' END`);
    await queryRunner.query(`ALTER TABLE "cases" ALTER COLUMN "reporting_unit_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "cases" ALTER COLUMN "reporting_agency" DROP DEFAULT`);
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_reporting_unit_fir_date" ON "cases" ("reporting_unit_code", "fir_date")`,
    );
    await queryRunner.query(`
      ALTER TABLE "cases" ADD CONSTRAINT "FK_d43d446cb33220470e250baea15"
        FOREIGN KEY ("reporting_unit_code", "reporting_agency") REFERENCES "reporting_units"("code", "agency")
        ON DELETE RESTRICT ON UPDATE CASCADE`);
    await queryRunner.query(`
      ALTER TABLE "cases" ADD CONSTRAINT "FK_35d22dc9d8de1d62a2693ba50be"
        FOREIGN KEY ("reporting_unit_code", "jurisdiction_code")
        REFERENCES "reporting_unit_jurisdictions"("reporting_unit_code", "jurisdiction_code")
        ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // focal persons: their jurisdiction's police unit
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_scope"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "reporting_unit_code" character varying(40)`);
    await queryRunner.query(
      `UPDATE users SET reporting_unit_code = 'POLICE-' || jurisdiction_code WHERE jurisdiction_code IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "jurisdiction_code"`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "CHK_users_scope" CHECK ((role = 'focal_person') = (reporting_unit_code IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "FK_fcb59cd9237ca95876fe98bfdb0"
        FOREIGN KEY ("reporting_unit_code") REFERENCES "reporting_units"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // import batches: the uploader's unit
    await queryRunner.query(`DROP INDEX "public"."IDX_import_batches_jurisdiction_created"`);
    await queryRunner.query(`ALTER TABLE "import_batches" ADD "reporting_unit_code" character varying(40)`);
    await queryRunner.query(
      `UPDATE import_batches SET reporting_unit_code = 'POLICE-' || jurisdiction_code WHERE jurisdiction_code IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "import_batches" DROP COLUMN "jurisdiction_code"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_import_batches_reporting_unit_created" ON "import_batches" ("reporting_unit_code", "created_at")`,
    );
  }

  /** Back to jurisdictions: a focal person or batch of a unit with one jurisdiction keeps it; other focal persons become viewers. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_import_batches_reporting_unit_created"`);
    await queryRunner.query(`ALTER TABLE "import_batches" ADD "jurisdiction_code" character varying(5)`);
    await queryRunner.query(`
      UPDATE import_batches batch SET jurisdiction_code = (
        SELECT min(jurisdiction_code) FROM reporting_unit_jurisdictions WHERE reporting_unit_code = batch.reporting_unit_code
        HAVING count(*) = 1)`);
    await queryRunner.query(`ALTER TABLE "import_batches" DROP COLUMN "reporting_unit_code"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_import_batches_jurisdiction_created" ON "import_batches" ("jurisdiction_code", "created_at")`,
    );

    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_fcb59cd9237ca95876fe98bfdb0"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_scope"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "jurisdiction_code" character varying(5)`);
    await queryRunner.query(`
      UPDATE users account SET jurisdiction_code = (
        SELECT min(jurisdiction_code) FROM reporting_unit_jurisdictions WHERE reporting_unit_code = account.reporting_unit_code
        HAVING count(*) = 1)`);
    await queryRunner.query(`UPDATE users SET role = 'viewer' WHERE role = 'focal_person' AND jurisdiction_code IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "reporting_unit_code"`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "CHK_users_scope" CHECK ((role = 'focal_person') = (jurisdiction_code IS NOT NULL))`);
    await queryRunner.query(`
      ALTER TABLE "users" ADD CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a"
        FOREIGN KEY ("jurisdiction_code") REFERENCES "jurisdictions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_35d22dc9d8de1d62a2693ba50be"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_d43d446cb33220470e250baea15"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_reporting_unit_fir_date"`);
    await queryRunner.query(`ALTER TABLE "cases" ALTER COLUMN "reporting_agency" SET DEFAULT 'police'`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "reporting_unit_code"`);
    await queryRunner.query(`DROP TABLE "reporting_unit_jurisdictions"`);
    await queryRunner.query(`DROP TABLE "reporting_units"`);
  }
}
