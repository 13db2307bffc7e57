import { DataSource } from 'typeorm';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import * as SQL from 'src/statistics/statistics.sql';

const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

/**
 * Every figure for the parameters `params` ($1–$8: from, to, jurisdiction, district, offence
 * families, exploitation form, trafficking type, reporting units) from the monthly cube and from
 * the case tables, which must agree; `pick` chooses the interval, grouping and place level.
 * The cube is read as it is: refresh it first (StatisticsCube.refresh) to compare what it has taken in.
 */
export async function expectCubeToEqualCaseTables(
  dataSource: DataSource,
  params: unknown[],
  pick: <T>(xs: readonly T[]) => T,
): Promise<void> {
  const label = JSON.stringify(params);
  const q = (sql: string, extra: unknown[] = []) => dataSource.query(sql, [...params, ...extra]);
  expect([label, await q(CUBE.CUBE_SUMMARY)]).toEqual([label, await q(SQL.SUMMARY_BY_JURISDICTION)]);
  expect([label, sorted(await q(CUBE.CUBE_STATUS))]).toEqual([label, sorted(await q(SQL.STATUS_BY_JURISDICTION))]);
  const interval = pick(['month', 'quarter', 'year']);
  const group = pick(['none', 'jurisdiction', 'offenceFamily', 'exploitationForm'] as const);
  const extra = [interval, group];
  expect([label, interval, group, await q(CUBE.cubeTrendQuerySql('casesInvestigated', group), extra)]).toEqual([
    label,
    interval,
    group,
    await q(SQL.trendQuerySql('casesInvestigated', group), extra),
  ]);
  expect([label, await q(CUBE.CUBE_VULNERABILITIES)]).toEqual([label, await q(SQL.VULNERABILITIES)]);
  const level = pick(['country', 'jurisdiction', 'district']);
  expect([label, level, await q(CUBE.CUBE_ROUTE_FLOWS, [level, 200])]).toEqual([
    label,
    level,
    await q(SQL.ROUTE_FLOWS, [level, 200]),
  ]);
  expect([label, level, await q(CUBE.CUBE_ROUTE_TRANSITS, [level, 200])]).toEqual([
    label,
    level,
    await q(SQL.ROUTE_TRANSITS, [level, 200]),
  ]);
  expect([label, level, await q(CUBE.CUBE_ROUTE_LEGS, [level, 300])]).toEqual([
    label,
    level,
    await q(SQL.ROUTE_LEGS, [level, 300]),
  ]);
  expect([label, await q(CUBE.CUBE_REPEAT_OFFENDERS)]).toEqual([label, await q(SQL.REPEAT_OFFENDERS)]);
  expect([label, await q(CUBE.CUBE_ATTRITION)]).toEqual([label, await q(SQL.ATTRITION)]);
  expect([label, await q(CUBE.CUBE_HOTSPOTS)]).toEqual([label, await q(SQL.HOTSPOTS)]);
  for (const population of ['victims', 'defendants']) {
    for (const scope of ['prosecuted', 'all']) {
      expect([label, population, scope, await q(CUBE.CUBE_DEMOGRAPHICS, [population, scope])]).toEqual([
        label,
        population,
        scope,
        await q(SQL.DEMOGRAPHICS, [population, scope]),
      ]);
    }
  }
  for (const metric of ['casesRegistered', 'prosecutions', 'convictions', 'victims'] as const) {
    expect([label, metric, group, await q(CUBE.cubeTrendQuerySql(metric, group), extra)]).toEqual([
      label,
      metric,
      group,
      await q(SQL.trendQuerySql(metric, group), extra),
    ]);
  }
  for (const metric of ['prosecutions', 'convictions', 'victims'] as const) {
    const bySex = [interval, 'sex'];
    expect([label, metric, 'sex', await q(CUBE.cubeTrendQuerySql(metric, 'sex'), bySex)]).toEqual([
      label,
      metric,
      'sex',
      await q(SQL.trendQuerySql(metric, 'sex'), bySex),
    ]);
  }
}
