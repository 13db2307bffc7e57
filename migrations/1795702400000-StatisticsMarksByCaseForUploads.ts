import { MigrationInterface, QueryRunner } from 'typeorm';

/** The statistics triggers' functions that decide, by a statement's number of rows, how its changes are marked and logged. */
const FUNCTIONS = [
  'statistics_mark_cases',
  'statistics_mark_case_status_events',
  'statistics_mark_victims',
  'statistics_mark_defendants',
  'statistics_mark_prosecutions',
  'statistics_mark_convictions',
  'statistics_mark_route_points',
  'statistics_log_cases',
  'statistics_log_rows',
];

/**
 * Each function's definition with its row threshold `from` replaced by `to` (the two comparisons
 * they make of a statement's rows: more than it, the jurisdiction is marked whole; up to it, each
 * case is marked and its rows logged). Refuses a function without the threshold, so that a
 * definition changed since is not left half done.
 */
async function replaceThreshold(queryRunner: QueryRunner, from: number, to: number): Promise<void> {
  for (const name of FUNCTIONS) {
    const rows = (await queryRunner.query(`SELECT pg_get_functiondef($1::regproc) AS definition`, [name])) as Array<{
      definition: string;
    }>;
    const [{ definition }] = rows;
    const comparisons = [`) > ${from} THEN`, `) <= ${from} THEN`];
    if (!comparisons.some((comparison) => definition.includes(comparison)))
      throw new Error(`${name}: no threshold of ${from} rows found`);
    await queryRunner.query(
      comparisons.reduce(
        (sql, comparison) => sql.split(comparison).join(comparison.replace(String(from), String(to))),
        definition,
      ),
    );
  }
}

/**
 * A statement of up to 50,000 rows marks the cases it changes (and logs their rows) for the
 * statistics cube, where one of more than 2,000 marked its jurisdiction whole. An upload writes
 * 10,000 rows a statement, so every upload was counted again by recomputing its whole
 * jurisdiction (64–82 s for the Punjab's 385,000 cases at the bench's million) while the figures
 * of that jurisdiction and the country were counted from the case tables; the cube now takes in
 * the uploaded cases' own changes (StatisticsRepository, CASE_DELTAS_UP_TO: a 20,000-case upload
 * in 4–7 s). Only the threshold changes, in the nine functions that compare with it.
 */
export class StatisticsMarksByCaseForUploads1795702400000 implements MigrationInterface {
  name = 'StatisticsMarksByCaseForUploads1795702400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await replaceThreshold(queryRunner, 2000, 50000);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await replaceThreshold(queryRunner, 50000, 2000);
  }
}
