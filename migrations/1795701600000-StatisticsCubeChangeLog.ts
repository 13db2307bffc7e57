import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of a case whose change moves it between cells of the cube (as StatisticsCubeCellsByDimensions1795701300000). */
const CASE_COLUMNS = [
  'jurisdiction_code',
  'district_code',
  'offence_family',
  'trafficking_type',
  'exploitation_forms',
  'fir_date',
  'investigation_concluded_on',
  'status',
  'status_date',
  'deleted_at',
  'reporting_unit_code',
];
const columns = (alias: string) => CASE_COLUMNS.map((column) => `${alias}.${column}`).join(', ');

/** The case's own tables, whose rows the cube counts. */
const CHILD_TABLES = ['case_status_events', 'victims', 'defendants', 'prosecutions', 'convictions', 'route_points'];

/**
 * A log of the rows the cube counts, written beside statistics_dirty by every statement that marks
 * cases (not jurisdictions) dirty — 2,000 rows or fewer, as statistics_mark_*() decide: each row
 * a statement inserted (`old` NULL) and the old version of each row it updated or deleted (for
 * cases, of those whose counted columns changed). A refresh whose marks all name cases takes
 * the log with them and rebuilds each marked case's rows as they were at the previous refresh —
 * the first change of a row since then holds its earlier version — so that it can subtract the
 * case's earlier contribution to the cube and add its current one, reading only those cases.
 * The log holds no name (a defendant's name and group are left out) and is emptied by each
 * refresh. Every jurisdiction is marked whole once: no change before this migration was logged.
 */
export class StatisticsCubeChangeLog1795701600000 implements MigrationInterface {
  name = 'StatisticsCubeChangeLog1795701600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "statistics_changes" (
        "seq" BIGSERIAL PRIMARY KEY,
        "table_name" character varying(30) NOT NULL,
        "row_id" text NOT NULL,
        "old" jsonb
      )`);
    await queryRunner.query(`
      CREATE FUNCTION statistics_log_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF (SELECT count(*) FROM n) <= 2000 THEN
            INSERT INTO statistics_changes (table_name, row_id) SELECT 'cases', n.id::text FROM n;
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF (SELECT count(*) FROM o JOIN n ON n.id = o.id WHERE (${columns('o')}) IS DISTINCT FROM (${columns('n')})) <= 2000 THEN
            INSERT INTO statistics_changes (table_name, row_id, old)
            SELECT 'cases', o.id::text, to_jsonb(o) FROM o JOIN n ON n.id = o.id WHERE (${columns('o')}) IS DISTINCT FROM (${columns('n')});
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION statistics_log_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF (SELECT count(*) FROM n) <= 2000 THEN
            INSERT INTO statistics_changes (table_name, row_id) SELECT TG_TABLE_NAME, n.id::text FROM n;
          END IF;
        ELSIF (SELECT count(*) FROM o) <= 2000 THEN
          -- a defendant's name and group are not kept: the cube counts neither
          INSERT INTO statistics_changes (table_name, row_id, old) SELECT TG_TABLE_NAME, o.id::text, to_jsonb(o) - 'name' - 'group_name' FROM o;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['cases', ...CHILD_TABLES]) {
      const fn = table === 'cases' ? 'statistics_log_cases' : 'statistics_log_rows';
      await queryRunner.query(
        `CREATE TRIGGER "statistics_log_${table}_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "statistics_log_${table}_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      if (table !== 'cases')
        await queryRunner.query(
          `CREATE TRIGGER "statistics_log_${table}_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
        );
    }
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cases', ...CHILD_TABLES]) {
      for (const op of table === 'cases' ? ['insert', 'update'] : ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "statistics_log_${table}_${op}" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION statistics_log_rows()`);
    await queryRunner.query(`DROP FUNCTION statistics_log_cases()`);
    await queryRunner.query(`DROP TABLE "statistics_changes"`);
  }
}
