import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of a case whose change moves it between cells of the cube (as StatisticsCubeReportingUnits1795700300000). */
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
const CHANGED = `o JOIN n ON n.id = o.id WHERE (${columns('o')}) IS DISTINCT FROM (${columns('n')})`;

/**
 * statistics_mark_cases(); `dimensions` records, for an edited case, the dimensions it had
 * before the edit (its cells under them are recomputed too); without, as
 * StatisticsCubeReportingUnits1795700300000 left it.
 */
function markCases(dimensions: boolean): string {
  const recorded = dimensions
    ? {
        columns: 'case_id, jurisdiction_code, month, reporting_unit_code, offence_family, trafficking_type, exploitation_forms',
        values: 'o.reporting_unit_code, o.offence_family, o.trafficking_type, o.exploitation_forms',
      }
    : { columns: 'case_id, jurisdiction_code, month', values: '' };
  return `
      CREATE OR REPLACE FUNCTION statistics_mark_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF (SELECT count(*) FROM n) > 2000 THEN
            INSERT INTO statistics_dirty (jurisdiction_code) SELECT DISTINCT jurisdiction_code FROM n;
          ELSE
            INSERT INTO statistics_dirty (case_id, jurisdiction_code) SELECT id, jurisdiction_code FROM n;
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF (SELECT count(*) FROM ${CHANGED}) > 2000 THEN
            INSERT INTO statistics_dirty (jurisdiction_code)
            SELECT o.jurisdiction_code FROM ${CHANGED} UNION SELECT n.jurisdiction_code FROM ${CHANGED};
          ELSE
          INSERT INTO statistics_dirty (${recorded.columns})
          SELECT DISTINCT o.id, o.jurisdiction_code, date_trunc('month', x.d)::date${recorded.values ? `, ${recorded.values}` : ''}
            FROM (SELECT o.* FROM ${CHANGED}) o CROSS JOIN LATERAL (VALUES (NULL::date), (o.fir_date), (o.investigation_concluded_on), (o.status_date)) AS x(d);
          END IF;
        ELSE
          -- a case removed outright takes its rows with it: its jurisdiction is recomputed whole
          INSERT INTO statistics_dirty (jurisdiction_code) SELECT DISTINCT jurisdiction_code FROM o;
        END IF;
        RETURN NULL;
      END $$`;
}

/**
 * The statistics cube recomputed by smaller cells: a cell is now a month of one combination of
 * the cube's dimensions (jurisdiction, reporting unit, offence family, trafficking type, forms),
 * not of a whole jurisdiction, so one case's edit recomputes the cases that share its
 * dimensions in its months (src/statistics/statistics-cube.sql.ts, TAKE_DIRTY). For that, a
 * case's mark records the dimensions the case had before an edit. A mark left by the earlier
 * trigger names a jurisdiction without them: its jurisdiction is recomputed whole.
 */
export class StatisticsCubeCellsByDimensions1795701300000 implements MigrationInterface {
  name = 'StatisticsCubeCellsByDimensions1795701300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "statistics_dirty"
        ADD "reporting_unit_code" character varying(40),
        ADD "offence_family" character varying(5),
        ADD "trafficking_type" character varying(15),
        ADD "exploitation_forms" text[]`);
    await queryRunner.query(`COMMENT ON TABLE "statistics_dirty" IS
      'What writes changed for the statistics cube. (case, j, m, dimensions): the case''s cells under its current dimensions and under those recorded (an edited case''s before the edit), in every month of its dated facts and in m; (NULL, j, m): every cell of j in m; (NULL, j, NULL): every cell of j'`);
    await queryRunner.query(`
      INSERT INTO statistics_dirty (jurisdiction_code)
      SELECT DISTINCT jurisdiction_code FROM statistics_dirty WHERE case_id IS NOT NULL AND jurisdiction_code IS NOT NULL`);
    await queryRunner.query(`DELETE FROM statistics_dirty WHERE case_id IS NOT NULL AND jurisdiction_code IS NOT NULL`);
    await queryRunner.query(markCases(true));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(markCases(false));
    await queryRunner.query(`
      INSERT INTO statistics_dirty (jurisdiction_code)
      SELECT DISTINCT jurisdiction_code FROM statistics_dirty WHERE reporting_unit_code IS NOT NULL`);
    await queryRunner.query(`DELETE FROM statistics_dirty WHERE reporting_unit_code IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE "statistics_dirty"
        DROP COLUMN "reporting_unit_code",
        DROP COLUMN "offence_family",
        DROP COLUMN "trafficking_type",
        DROP COLUMN "exploitation_forms"`);
  }
}
