import { MigrationInterface, QueryRunner } from 'typeorm';

/** What case_list_counts keeps its counts by, without and with the FIR year. */
const COLUMNS = [
  'jurisdiction_code',
  'reporting_unit_code',
  'district_code',
  'status',
  'offence_family',
  'trafficking_type',
  'exploitation_forms',
];
const dimensions = (firYear: boolean) => [...COLUMNS, ...(firYear ? ['fir_year'] : [])];
const of = (alias: string, columns: string[]) =>
  columns
    .map((name) => (name === 'exploitation_forms' ? `COALESCE(${alias}.${name}, '{}')` : `${alias}.${name}`))
    .join(', ');
const groups = (columns: string[]) => columns.map((_, i) => i + 1).join(', ');

/** The three statement triggers' functions of CaseListCounts1795700900000 over `columns`. */
function triggerFunctions(columns: string[]): string[] {
  const live = (table: string, sign: string) =>
    `SELECT ${of(table, columns)}, ${sign}1 FROM ${table} WHERE ${table}.deleted_at IS NULL`;
  return [
    ['insert', live('new_cases', '')],
    ['update', `${live('new_cases', '')} UNION ALL ${live('old_cases', '-')}`],
    ['delete', live('old_cases', '-')],
  ].map(
    ([event, rows]) => `
      CREATE OR REPLACE FUNCTION case_list_counts_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO case_list_counts (${columns.join(', ')}, cases)
        SELECT ${columns.join(', ')}, sum(change) FROM (${rows}) AS changed(${columns.join(', ')}, change)
         GROUP BY ${groups(columns)} HAVING sum(change) <> 0;
        RETURN NULL;
      END $$`,
  );
}

/** Empties the counts and counts the live cases again by `columns`, as merged rows. */
const recount = (columns: string[]) => [
  `DELETE FROM case_list_counts`,
  `INSERT INTO case_list_counts (${columns.join(', ')}, cases, merged)
   SELECT ${of('tip_case', columns)}, count(*), true FROM cases tip_case WHERE tip_case.deleted_at IS NULL GROUP BY ${groups(columns)}`,
];

/**
 * The case list's kept counts (CaseListCounts1795700900000) by FIR year as well, so that the
 * list's FIR-year filter — the one the web list offers beside the search — is totalled from them
 * rather than counted over a year's cases (≈ 100,000 at a million). The counts are recounted.
 */
export class CaseListCountsByFirYear1795701400000 implements MigrationInterface {
  name = 'CaseListCountsByFirYear1795701400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_list_counts" ADD "fir_year" integer`);
    for (const sql of [...triggerFunctions(dimensions(true)), ...recount(dimensions(true))]) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE "case_list_counts" ALTER COLUMN "fir_year" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_list_counts" DROP COLUMN "fir_year"`);
    for (const sql of [...triggerFunctions(dimensions(false)), ...recount(dimensions(false))]) await queryRunner.query(sql);
  }
}
