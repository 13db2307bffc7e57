import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the totals are kept by: the case list's filters a focal person and an analyst use most. */
const TOTALLED_BY = 'jurisdiction_code, reporting_unit_code, status, fir_year';

/**
 * The merged counts of `case_list_counts` summed again by jurisdiction, reporting unit, status
 * and FIR year only, so that a list filtered by nothing else (the unfiltered list, a status, a
 * year) totals a few thousand rows rather than every group of districts, families and forms
 * (≈ 47,000 at a million cases, ≈ 15 ms a request).
 *
 * Exact by construction: the totals are written only by the fold (CaseListCounts), in the same
 * transaction that writes the merged counts, from exactly those rows; a reader adds the
 * unmerged counts of its own snapshot (through their partial index) to the totals.
 */
export class CaseListTotals1795702000000 implements MigrationInterface {
  name = 'CaseListTotals1795702000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "case_list_totals" (
        "jurisdiction_code" varchar(5) NOT NULL,
        "reporting_unit_code" varchar(40) NOT NULL,
        "status" varchar(20) NOT NULL,
        "fir_year" integer NOT NULL,
        "cases" integer NOT NULL,
        CONSTRAINT "PK_case_list_totals" PRIMARY KEY ("jurisdiction_code", "reporting_unit_code", "status", "fir_year")
      )`);
    await queryRunner.query(`
      INSERT INTO case_list_totals (${TOTALLED_BY}, cases)
      SELECT ${TOTALLED_BY}, sum(cases) FROM case_list_counts WHERE merged GROUP BY ${TOTALLED_BY} HAVING sum(cases) <> 0`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION case_list_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_list_counts;
        DELETE FROM case_list_totals;
        RETURN NULL;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION case_list_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM case_list_counts;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DROP TABLE "case_list_totals"`);
  }
}
