import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables of a case's records, each with the SQL that names the case of a changed row `changed`. */
const CHILDREN: Record<string, string> = {
  victims: 'SELECT case_id FROM changed',
  defendants: 'SELECT case_id FROM changed',
  prosecutions: 'SELECT case_id FROM changed',
  route_points: 'SELECT case_id FROM changed',
  convictions: 'SELECT p.case_id FROM changed JOIN prosecutions p ON p.id = changed.prosecution_id',
};

const EVENTS = [
  ['insert', 'INSERT', 'NEW TABLE AS changed'],
  ['update', 'UPDATE', 'NEW TABLE AS changed'],
  ['delete', 'DELETE', 'OLD TABLE AS changed'],
] as const;

/**
 * A version for every case, for optimistic concurrency (If-Match): 1 when the case is made,
 * and one more at every change of the case row (a row trigger, unless the change sets the
 * version itself) or of its victims, defendants, prosecutions, convictions or route points
 * (statement triggers, one UPDATE of the cases named by the statement's rows). A case whose row
 * this transaction has already written is not counted again for its records, so a change made
 * in one transaction (a form's, an import's) usually moves the version by one; it never fails
 * to move it. Triggers rather than the application: an import's set-based upserts, a unit's
 * code cascading to its cases and every route alike count.
 */
export class CaseVersions1795700800000 implements MigrationInterface {
  name = 'CaseVersions1795700800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE FUNCTION case_version_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version = OLD.version AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
          NEW.version := OLD.version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "case_version_row" BEFORE UPDATE ON "cases" FOR EACH ROW EXECUTE FUNCTION case_version_row()`,
    );
    for (const [table, casesOf] of Object.entries(CHILDREN)) {
      await queryRunner.query(`
        CREATE FUNCTION case_version_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE cases SET version = version + 1
           WHERE id IN (${casesOf}) AND xmin <> pg_current_xact_id()::xid;
          RETURN NULL;
        END $$`);
      for (const [suffix, event, transition] of EVENTS)
        await queryRunner.query(
          `CREATE TRIGGER "case_version_${table}_${suffix}" AFTER ${event} ON "${table}" REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION case_version_${table}()`,
        );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.keys(CHILDREN)) {
      for (const [suffix] of EVENTS) await queryRunner.query(`DROP TRIGGER "case_version_${table}_${suffix}" ON "${table}"`);
      await queryRunner.query(`DROP FUNCTION case_version_${table}()`);
    }
    await queryRunner.query(`DROP TRIGGER "case_version_row" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION case_version_row()`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "version"`);
  }
}
