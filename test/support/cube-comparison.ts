import { DataSource } from 'typeorm';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import { CubeQuery, StatisticsRepository } from 'src/statistics/statistics.repository';
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

/**
 * Every figure of a period cut at days (`params`, $1–$8) as StatisticsRepository counts it from
 * the cube's whole months and the case tables' edge days (`cube`), and from the case tables alone.
 */
export async function expectEdgesToEqualCaseTables(
  dataSource: DataSource,
  figures: StatisticsRepository,
  params: unknown[],
  cube: CubeQuery,
  pick: <T>(xs: readonly T[]) => T,
): Promise<void> {
  const label = JSON.stringify([params, cube.values.slice(0, 2), cube.edges]);
  const withExtra = (extra: unknown[]): [unknown[], CubeQuery] => [
    [...params, ...extra],
    { ...cube, values: [...cube.values, ...extra] },
  ];
  const same = async (what: unknown[], viaEdges: Promise<unknown>, sql: string, extra: unknown[] = []) =>
    expect([label, ...what, await viaEdges]).toEqual([
      label,
      ...what,
      await dataSource.query(sql, [...params, ...extra]),
    ]);
  await same(['summary'], figures.summary(params, cube), SQL.SUMMARY_BY_JURISDICTION);
  await same(['status'], figures.status(params, cube), SQL.STATUS_BY_JURISDICTION);
  const [attrition] = await dataSource.query(SQL.ATTRITION, params);
  expect([label, 'attrition', await figures.attrition(params, cube)]).toEqual([label, 'attrition', attrition]);
  await same(['vulnerabilities'], figures.vulnerabilities(params, cube), SQL.VULNERABILITIES);
  await same(['hotspots'], figures.hotspots(params, cube), SQL.HOTSPOTS);
  const route = [pick(['country', 'jurisdiction', 'district']), pick([3, 300])];
  await same(['flows', ...route], figures.routeFlows(...withExtra(route)), SQL.ROUTE_FLOWS, route);
  await same(['transits', ...route], figures.routeTransits(...withExtra(route)), SQL.ROUTE_TRANSITS, route);
  await same(['legs', ...route], figures.routeLegs(...withExtra(route)), SQL.ROUTE_LEGS, route);
  for (const population of ['victims', 'defendants'])
    for (const scope of ['prosecuted', 'all'])
      await same(
        ['demographics', population, scope],
        figures.demographics(...withExtra([population, scope])),
        SQL.DEMOGRAPHICS,
        [population, scope],
      );
  const interval = pick(['month', 'quarter', 'year']);
  for (const metric of ['casesRegistered', 'casesInvestigated', 'prosecutions', 'convictions', 'victims'] as const) {
    const group = pick(['none', 'jurisdiction', 'offenceFamily', 'exploitationForm', 'sex'] as const);
    const ofCases = metric === 'casesRegistered' || metric === 'casesInvestigated';
    const trend = [interval, ofCases && group === 'sex' ? 'none' : group] as const;
    await same(
      ['trend', metric, ...trend],
      figures.trend(metric, trend[1], ...withExtra([...trend])),
      SQL.trendQuerySql(metric, trend[1]),
      [...trend],
    );
  }
}
