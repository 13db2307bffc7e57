import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every cube table: each is keyed by the case's jurisdiction and month, and now by its reporting unit too. */
const CUBE_TABLES = [
  'statistics_case_months',
  'statistics_case_firsts',
  'statistics_status_months',
  'statistics_victim_vulnerabilities',
  'statistics_victim_residences',
  'statistics_route_flows',
  'statistics_route_transits',
  'statistics_route_legs',
  'statistics_attrition_months',
  'statistics_attrition_days',
  'statistics_demographics',
  'statistics_offender_cases',
];

/** The columns of a case whose change moves it between cells of the cube (StatisticsCube1795400000000), `unit` adding its reporting unit. */
const caseColumns = (unit: boolean) =>
  (alias: string) =>
    ['jurisdiction_code', 'district_code', 'offence_family', 'trafficking_type', 'exploitation_forms', 'fir_date',
     'investigation_concluded_on', 'status', 'status_date', 'deleted_at', ...(unit ? ['reporting_unit_code'] : [])]
      .map((column) => `${alias}.${column}`)
      .join(', ');

/** statistics_mark_cases() as StatisticsCube1795400000000 created it, comparing the columns `caseColumns(unit)`. */
function markCases(unit: boolean): string {
  const columns = caseColumns(unit);
  const changed = `o JOIN n ON n.id = o.id
       WHERE (${columns('o')})
             IS DISTINCT FROM
             (${columns('n')})`;
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
          IF (SELECT count(*) FROM ${changed}) > 2000 THEN
            INSERT INTO statistics_dirty (jurisdiction_code)
            SELECT o.jurisdiction_code FROM ${changed} UNION SELECT n.jurisdiction_code FROM ${changed};
          ELSE
          INSERT INTO statistics_dirty (case_id, jurisdiction_code, month)
          SELECT DISTINCT o.id, o.jurisdiction_code, date_trunc('month', x.d)::date
            FROM (SELECT o.* FROM ${changed}) o CROSS JOIN LATERAL (VALUES (NULL::date), (o.fir_date), (o.investigation_concluded_on), (o.status_date)) AS x(d);
          END IF;
        ELSE
          -- a case removed outright takes its rows with it: its jurisdiction is recomputed whole
          INSERT INTO statistics_dirty (jurisdiction_code) SELECT DISTINCT jurisdiction_code FROM o;
        END IF;
        RETURN NULL;
      END $$`;
}

/**
 * The statistics cube (see StatisticsCube1795400000000) by reporting unit: every cube table
 * carries the case's unit beside its jurisdiction, so that a focal person's figures, a unit or
 * agency filter and the summary by agency are read from the cube. A case moved to another unit
 * marks its cells dirty (the unit joins the columns the cases trigger compares; a unit's code
 * renamed reaches its cases by ON UPDATE CASCADE, which fires the same trigger). The cube is
 * emptied and every jurisdiction marked whole, so the next refresh recomputes it all.
 */
export class StatisticsCubeReportingUnits1795700300000 implements MigrationInterface {
  name = 'StatisticsCubeReportingUnits1795700300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE ${CUBE_TABLES.map((table) => `"${table}"`).join(', ')}`);
    for (const table of CUBE_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "reporting_unit_code" character varying(40) NOT NULL`);
      // a unit's figures read its rows by month (a focal person's dashboard, an agency's units)
      await queryRunner.query(`CREATE INDEX "IDX_${table}_unit" ON "${table}" ("reporting_unit_code", "month")`);
    }
    await queryRunner.query(markCases(true));
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(markCases(false));
    await queryRunner.query(`TRUNCATE ${CUBE_TABLES.map((table) => `"${table}"`).join(', ')}`);
    for (const table of CUBE_TABLES) {
      await queryRunner.query(`DROP INDEX "IDX_${table}_unit"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "reporting_unit_code"`);
    }
    await queryRunner.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
  }
}
