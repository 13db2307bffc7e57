import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each table of counts of the statistics cube, and the key columns of its rows that cannot be
 * null (a row's key is these, the month, the case's dimensions and the nullable ones: the
 * trafficking type, a first month's previous one, a transit's place).
 */
const TABLE_KEYS: Record<string, string[]> = {
  statistics_case_months: [],
  statistics_case_firsts: ['measure'],
  statistics_status_months: ['status'],
  statistics_victim_vulnerabilities: ['vulnerability', 'sex', 'age_group'],
  statistics_victim_residences: ['district_code'],
  statistics_route_flows: ['level', 'origin_place', 'destination_place'],
  statistics_route_transits: ['level'],
  statistics_route_legs: ['level', 'leg', 'from_place', 'to_place'],
  statistics_attrition_months: [],
  statistics_attrition_days: ['measure', 'days'],
  statistics_demographics: ['scope', 'population', 'sex', 'age_band', 'nationality'],
  statistics_person_sexes: ['measure', 'sex'],
};

const columns = (keys: string[]) =>
  ['jurisdiction_code', 'month', 'reporting_unit_code', ...keys, 'offence_family', 'exploitation_forms']
    .map((column) => `"${column}"`)
    .join(', ');

/**
 * The cube's (jurisdiction, month) index of each table of counts becomes an index of its rows'
 * keys (the columns that cannot be null, jurisdiction and month first, so that a jurisdiction-
 * month's cells are still read through it). A refresh by the edited cases' own changes adds
 * each changed key's counts into its row, found by key: through the (jurisdiction, month)
 * index it read every row of the jurisdiction-month for each key (a hundred cases' change took
 * 10 s at a million cases; most of it in the demographics' merge). The offenders' rows, which
 * such a refresh replaces case by case, are indexed by case (it read all of them).
 */
export class StatisticsCubeKeyIndexes1795701900000 implements MigrationInterface {
  name = 'StatisticsCubeKeyIndexes1795701900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, keys] of Object.entries(TABLE_KEYS)) {
      await queryRunner.query(`DROP INDEX "IDX_${table}_cell"`);
      await queryRunner.query(`CREATE INDEX "IDX_${table}_key" ON "${table}" (${columns(keys)})`);
    }
    await queryRunner.query(`CREATE INDEX "IDX_statistics_offender_cases_case" ON "statistics_offender_cases" ("case_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_statistics_offender_cases_case"`);
    for (const table of Object.keys(TABLE_KEYS)) {
      await queryRunner.query(`DROP INDEX "IDX_${table}_key"`);
      await queryRunner.query(`CREATE INDEX "IDX_${table}_cell" ON "${table}" ("jurisdiction_code", "month")`);
    }
  }
}
