import { DataSource } from 'typeorm';
import { monthEnd, StatisticsCube } from 'src/statistics/statistics-cube.service';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import { StatisticsRepository } from 'src/statistics/statistics.repository';
import * as SQL from 'src/statistics/statistics.sql';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { expectCubeToEqualCaseTables, expectEdgesToEqualCaseTables } from 'test/support/cube-comparison';
import { buildCases, FCase, insertCases, nationalTip, rng } from 'test/support/statistics-fixture';
import { signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';

/*
 * The monthly cube must answer exactly what the case tables answer, for any whole-month
 * period and filter, and stay so after every kind of write: single rows, whole statements,
 * moves between jurisdictions and months, deletions. Both sides are queried directly here;
 * statistics.e2e-spec.ts checks the figures themselves against the fixture.
 */
const FAMILIES = [['tip'], ['som'], ['mixed'], null];
const FORMS = [null, 'forced_labour', 'sexual_exploitation'];
const TYPES = [null, 'internal', 'transnational'];
const JURISDICTIONS = [null, 'PK-PB', 'PK-SD', 'PK-KP'];
/** A unit of another agency, beside the police and the FIA, in Khyber Pakhtunkhwa. */
const OTHER_UNIT = 'AHTC-KP';
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

jest.setTimeout(60_000);

describe('statistics cube', () => {
  let t: TestApp;
  let cube: StatisticsCube;
  const random = rng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  /** The reporting units ($8) a figure is drawn for: none, one unit, an agency's units, an agency outside the caller's scope. */
  let unitFilters: Array<string[] | null>;

  beforeAll(async () => {
    t = await createTestApp();
    cube = t.app.get(StatisticsCube);
    await t.dataSource.query(
      `INSERT INTO reporting_units (code, name, agency) VALUES ($1, 'Anti-trafficking cell KP', 'other')`,
      [OTHER_UNIT],
    );
    await t.dataSource.query(
      `INSERT INTO reporting_unit_jurisdictions (reporting_unit_code, jurisdiction_code) VALUES ($1, 'PK-KP')`,
      [OTHER_UNIT],
    );
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts',
    );
    const units = rng(5);
    const cases: FCase[] = buildCases(districts, 500, 23).map((c) => {
      if (units() < 0.3) return { ...c, unit: { code: 'FIA', agency: 'fia' } };
      if (c.jurisdiction === 'PK-KP' && units() < 0.3) return { ...c, unit: { code: OTHER_UNIT, agency: 'other' } };
      return c;
    });
    await insertCases(t.dataSource, cases);
    // routes for the Sankey's legs: two transits in Pakistan's districts (some in one jurisdiction), transits without ends
    await t.dataSource.query(`
      WITH chosen AS (SELECT case_id, row_number() OVER (ORDER BY case_id) AS n FROM route_points WHERE kind = 'origin'),
      district AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM districts)
      INSERT INTO route_points (case_id, position, kind, country_code, district_code)
      SELECT chosen.case_id, 10 + step, 'transit', 'PAK', district.code
        FROM chosen CROSS JOIN generate_series(0, 1) step JOIN district ON district.k = (chosen.n * 7 + step) % district.total
       WHERE chosen.n % 4 = 0`);
    await t.dataSource.query(`
      INSERT INTO route_points (case_id, position, kind, country_code)
      SELECT id, 0, 'transit', 'TUR' FROM cases WHERE NOT EXISTS (SELECT 1 FROM route_points WHERE case_id = cases.id) ORDER BY id LIMIT 30`);
    const police: Array<{ code: string }> = await t.dataSource.query(
      `SELECT code FROM reporting_units WHERE agency = 'police' ORDER BY code`,
    );
    unitFilters = [
      null,
      null,
      ['FIA'],
      ['POLICE-PK-PB'],
      police.map((unit) => unit.code),
      [OTHER_UNIT],
      ['FIA', 'POLICE-PK-SD'],
      [''],
    ];
  });
  afterAll(() => t.close());

  /** Random whole-month periods and filters; every figure from the cube and from the case tables. */
  async function expectCubeToMatch(samples: number): Promise<void> {
    await cube.refresh();
    for (let i = 0; i < samples; i++) {
      const y1 = 2015 + Math.floor(random() * 11);
      const m1 = 1 + Math.floor(random() * 12);
      const span = Math.floor(random() * 60);
      const y2 = y1 + Math.floor((m1 - 1 + span) / 12);
      const m2 = ((m1 - 1 + span) % 12) + 1;
      const params = [
        `${y1}-${String(m1).padStart(2, '0')}-01`,
        lastDay(y2, m2),
        pick(JURISDICTIONS),
        null,
        pick(FAMILIES),
        pick(FORMS),
        pick(TYPES),
        pick(unitFilters),
      ];
      await expectSameFigures(params);
    }
  }

  /** Every figure for the parameters `params` ($1–$8) from the cube and from the case tables. */
  /** Runs `sql` on the case `id` with no trigger firing (nothing marked): a figure counted anew sees it, one brought forward does not. */
  const silently = (sql: string, id: string) =>
    t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(sql, [id]);
    });
  const expectSameFigures = (params: unknown[]) => expectCubeToEqualCaseTables(t.dataSource, params, pick);

  it('answers as the case tables do, for any whole-month period and filter', async () => {
    await expectCubeToMatch(40);
    // repeat offenders are kept with each case's FIR date and district: any period, any filter
    const [{ district }] = await t.dataSource
      .query(`SELECT c.district_code AS district FROM defendants d JOIN cases c ON c.id = d.case_id
                                                      WHERE d.cnic_hash IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    for (const params of [
      ['2016-03-17', '2024-11-02', null, null, null, null, null, null],
      ['2015-01-01', '2026-12-31', null, district, ['tip'], null, null, null],
      ['2016-03-17', '2024-11-02', null, null, null, null, null, ['FIA']],
      ['2015-01-01', '2026-12-31', null, district, null, null, null, unitFilters[4]],
    ]) {
      const rows = await t.dataSource.query(CUBE.CUBE_REPEAT_OFFENDERS, params);
      expect(rows).toEqual(await t.dataSource.query(SQL.REPEAT_OFFENDERS, params));
    }
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM statistics_case_months');
    expect(n).toBeGreaterThan(0);
  });

  it('stays exact after single-row writes of every kind', async () => {
    const one = async (sql: string) => t.dataSource.query(sql);
    // a case moves jurisdiction, month and family; another's status and conclusion change; one is deleted
    await one(`UPDATE cases SET jurisdiction_code = 'PK-SD', reporting_unit_code = 'POLICE-PK-SD', reporting_agency = 'police', district_code = (SELECT code FROM districts WHERE jurisdiction_code = 'PK-SD' LIMIT 1),
                                fir_date = fir_date - 40, fir_year = extract(year FROM fir_date - 40)::int
                 WHERE id = (SELECT id FROM cases WHERE reporting_unit_code = 'POLICE-PK-PB' AND deleted_at IS NULL ORDER BY id LIMIT 1)`);
    await one(`UPDATE cases SET offence_family = 'som', exploitation_forms = '{forced_labour}'
                 WHERE id = (SELECT id FROM cases WHERE offence_family = 'tip' AND deleted_at IS NULL ORDER BY id OFFSET 3 LIMIT 1)`);
    await one(`UPDATE cases SET status = 'cancelled', status_date = GREATEST(status_date, fir_date + 90), investigation_concluded_on = fir_date + 90
                 WHERE id = (SELECT id FROM cases WHERE investigation_concluded_on IS NULL AND deleted_at IS NULL ORDER BY id LIMIT 1)`);
    await one(
      `UPDATE cases SET deleted_at = now() WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY id OFFSET 7 LIMIT 1)`,
    );
    await one(
      `UPDATE cases SET deleted_at = NULL WHERE id = (SELECT id FROM cases WHERE deleted_at IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    await one(
      `DELETE FROM cases WHERE id = (SELECT c.id FROM cases c JOIN prosecutions p ON p.case_id = c.id ORDER BY c.id LIMIT 1)`,
    );
    // a case passes from the police to the FIA, another from the FIA to its jurisdiction's police
    await one(`UPDATE cases SET reporting_unit_code = 'FIA', reporting_agency = 'fia'
                 WHERE id = (SELECT id FROM cases WHERE reporting_agency = 'police' AND deleted_at IS NULL ORDER BY id OFFSET 2 LIMIT 1)`);
    await one(`UPDATE cases SET reporting_unit_code = 'POLICE-' || jurisdiction_code, reporting_agency = 'police'
                 WHERE id = (SELECT c.id FROM cases c JOIN prosecutions p ON p.case_id = c.id WHERE c.reporting_agency = 'fia' AND c.deleted_at IS NULL ORDER BY c.id LIMIT 1)`);
    // the children: a prosecution moves to another month, a conviction is quashed, a victim and an event change date
    await one(
      `UPDATE prosecutions SET prosecution_date = prosecution_date + 45 WHERE id = (SELECT id FROM prosecutions WHERE outcome = 'pending' ORDER BY id LIMIT 1)`,
    );
    await one(`DELETE FROM convictions WHERE id = (SELECT id FROM convictions ORDER BY id LIMIT 1)`);
    await one(
      `UPDATE convictions SET judgment_date = judgment_date + 31 WHERE id = (SELECT id FROM convictions ORDER BY id OFFSET 2 LIMIT 1)`,
    );
    await one(
      `UPDATE victims SET identified_on = NULL WHERE id = (SELECT id FROM victims WHERE identified_on IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    await one(`DELETE FROM victims WHERE id = (SELECT id FROM victims ORDER BY id OFFSET 5 LIMIT 1)`);
    await one(`UPDATE case_status_events SET status_date = status_date + 20
                 WHERE id = (SELECT e.id FROM case_status_events e JOIN cases c ON c.id = e.case_id WHERE e.status_date + 20 < c.status_date ORDER BY e.id LIMIT 1)`);
    await one(`DELETE FROM defendants WHERE id = (SELECT defendant_id FROM prosecutions ORDER BY id OFFSET 4 LIMIT 1)`);
    // routes and residences: a destination changes country, a transit is added and one removed, a victim moves district and loses a vulnerability
    await one(
      `UPDATE route_points SET country_code = 'IRN', district_code = NULL WHERE id = (SELECT id FROM route_points WHERE kind = 'destination' ORDER BY id LIMIT 1)`,
    );
    await one(
      `INSERT INTO route_points (case_id, position, kind, country_code) SELECT case_id, 9, 'transit', 'AFG' FROM route_points WHERE kind = 'origin' ORDER BY id LIMIT 1`,
    );
    await one(
      `DELETE FROM route_points WHERE id = (SELECT id FROM route_points WHERE kind = 'transit' AND district_code IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    await one(`UPDATE victims SET residence_district_code = (SELECT code FROM districts ORDER BY code LIMIT 1), vulnerabilities = vulnerabilities[2:]
                 WHERE id = (SELECT id FROM victims WHERE residence_district_code IS NOT NULL AND cardinality(vulnerabilities) > 0 ORDER BY id OFFSET 3 LIMIT 1)`);
    await one(`UPDATE cases c SET district_code = (SELECT code FROM districts d WHERE d.jurisdiction_code = c.jurisdiction_code AND d.code <> c.district_code LIMIT 1)
                 WHERE id = (SELECT case_id FROM defendants WHERE cnic_hash IS NOT NULL ORDER BY id LIMIT 1)`);
    await one(
      `UPDATE defendants SET cnic_hash = NULL WHERE id = (SELECT id FROM defendants WHERE cnic_hash IS NOT NULL ORDER BY id OFFSET 2 LIMIT 1)`,
    );
    await one(
      `UPDATE districts SET jurisdiction_code = 'PK-GB' WHERE code = (SELECT district_code FROM route_points WHERE district_code IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    await expectCubeToMatch(25);
  });

  it('follows a case from one reporting unit to another', async () => {
    await cube.refresh();
    const [moved] = await t.dataSource.query(`
      SELECT c.id, c.jurisdiction_code AS jurisdiction FROM cases c
       WHERE c.reporting_agency = 'police' AND c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM prosecutions p WHERE p.case_id = c.id)
       ORDER BY c.id LIMIT 1`);
    const figures = (units: string[]) =>
      t.dataSource.query(CUBE.CUBE_SUMMARY, [
        '2015-01-01',
        '2026-12-31',
        moved.jurisdiction,
        null,
        null,
        null,
        null,
        units,
      ]);
    const fiaBefore = await figures(['FIA']);
    await t.dataSource.query(`UPDATE cases SET reporting_unit_code = 'FIA', reporting_agency = 'fia' WHERE id = $1`, [
      moved.id,
    ]);
    await cube.refresh();
    const [fiaAfter] = await figures(['FIA']);
    expect(fiaAfter.casesRegistered).toBe(fiaBefore[0].casesRegistered + 1);
    expect(fiaAfter.prosecutedCases).toBe(fiaBefore[0].prosecutedCases + 1);
    for (const units of [['FIA'], [`POLICE-${moved.jurisdiction}`]])
      await expectSameFigures(['2015-01-01', '2026-12-31', moved.jurisdiction, null, null, null, null, units]);
  });

  it("reads a focal person's figures and the summary by agency from the cube", async () => {
    await cube.refresh();
    const period = { from: '2020-01-01', to: '2020-12-31', offenceFamily: 'tip' };
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    const analyst = await signIn(t, 'analyst');
    const summaries = async () => [
      (await punjab.get('/api/v1/statistics/summary').query(period)).body,
      (await analyst.get('/api/v1/statistics/summary').query(period)).body,
    ];
    const [own, national] = await summaries();
    // a cell only the cube holds: a figure that changes with it was read from the cube
    const cell = `('PK-PB', 'POLICE-PK-PB', 'tip', NULL, '{}', '2020-06-01', 1000)`;
    await t.dataSource.query(`INSERT INTO statistics_case_months
      (jurisdiction_code, reporting_unit_code, offence_family, trafficking_type, exploitation_forms, month, registered) VALUES ${cell}`);
    // a cube changed behind the service's back is read again once its generation moves on
    const nextGeneration = () => t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
    await nextGeneration();
    try {
      const [ownAfter, nationalAfter] = await summaries();
      expect(ownAfter.casesRegistered).toBe(own.casesRegistered + 1000);
      const registered = (body: { byAgency: Array<{ agency: string; casesRegistered: number }> }) =>
        body.byAgency.map((a) => [a.agency, a.casesRegistered]);
      expect(registered(nationalAfter)).toEqual(
        registered(national).map(([agency, n]) => [agency, agency === 'police' ? (n as number) + 1000 : n]),
      );
    } finally {
      await t.dataSource.query(`DELETE FROM statistics_case_months WHERE registered = 1000 AND month = '2020-06-01'`);
      await nextGeneration();
    }
  });

  it('reads attrition, demographics and hotspots filtered by exploitation form and trafficking type from the cube', async () => {
    await cube.refresh();
    const analyst = await signIn(t, 'analyst');
    const [{ district }] = await t.dataSource.query(
      `SELECT code AS district FROM districts WHERE jurisdiction_code = 'PK-PB' ORDER BY code LIMIT 1`,
    );
    const cell = `'PK-PB', 'POLICE-PK-PB', 'tip', 'internal', '{forced_labour}', '2020-06-01'`;
    const dims = 'jurisdiction_code, reporting_unit_code, offence_family, trafficking_type, exploitation_forms, month';
    // rows only the cube holds, in one cell of form and type: a figure that changes with them was read from the cube
    const planted = [
      `INSERT INTO statistics_attrition_months (${dims}, registered, concluded, challan_submitted, prosecuted, convicted, acquitted, cancelled, untraced)
       VALUES (${cell}, 1000, 0, 0, 0, 0, 0, 0, 0)`,
      `INSERT INTO statistics_demographics (${dims}, scope, previous_month, population, sex, age_band, nationality, persons)
       VALUES (${cell}, 'all', NULL, 'victims', 'female', '0-11', 'PAK', 1000)`,
      `INSERT INTO statistics_victim_residences (${dims}, district_code, victims) VALUES (${cell}, '${district}', 1000)`,
    ];
    const figures = async (filter: Record<string, string>) => {
      const query = { from: '2020-01-01', to: '2020-12-31', ...filter };
      const [attrition, demographics, vulnerabilities] = await Promise.all(
        (
          [
            ['attrition', {}],
            ['demographics', { population: 'victims', scope: 'all' }],
            ['vulnerabilities', {}],
          ] as Array<[string, Record<string, string>]>
        ).map(
          async ([path, extra]) =>
            (
              await analyst
                .get(`/api/v1/statistics/${path}`)
                .query({ ...query, ...extra })
                .expect(200)
            ).body,
        ),
      );
      const girls = demographics.rows.find(
        (r: { sex: string; ageBand: string; nationality: string }) =>
          r.sex === 'female' && r.ageBand === '0-11' && r.nationality === 'PAK',
      );
      const residents = vulnerabilities.hotspots.find((h: { district: string }) => h.district === district);
      return [attrition.registered, girls?.count ?? 0, residents?.victims ?? 0];
    };
    const filters: Array<Record<string, string>> = [
      { exploitationForm: 'forced_labour' },
      { traffickingType: 'internal' },
      { exploitationForm: 'forced_labour', traffickingType: 'internal' },
      { exploitationForm: 'sexual_exploitation' },
      { traffickingType: 'transnational' },
    ];
    const before = await Promise.all(filters.map(figures));
    for (const sql of planted) await t.dataSource.query(sql);
    const nextGeneration = () => t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
    await nextGeneration();
    try {
      const after = await Promise.all(filters.map(figures));
      const inCell = (f: Record<string, string>) =>
        (f.exploitationForm ?? 'forced_labour') === 'forced_labour' && (f.traffickingType ?? 'internal') === 'internal';
      expect(after).toEqual(before.map((row, i) => row.map((n) => (inCell(filters[i]) ? n + 1000 : n))));
    } finally {
      // the cell recomputed from the case tables again
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) VALUES ('PK-PB')`);
      expect(await cube.refresh()).toBe(true);
    }
  });

  it('answers a period cut at days from the whole months of the cube and the edge days of the case tables, as the case tables do', async () => {
    await cube.refresh();
    const figures = t.app.get(StatisticsRepository);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const periods = Array.from({ length: 24 }, (_, i) => {
      const start = Date.UTC(2015, 0, 1) + Math.floor(random() * 11 * 365) * 86_400_000;
      const from = i % 6 === 0 ? `${day(start).slice(0, 8)}01` : day(start);
      return { from, to: day(start + (40 + Math.floor(random() * 1500)) * 86_400_000) };
    });
    let cut = 0;
    for (const { from, to } of periods) {
      const months = await cube.wholeMonthsOf(from, to);
      expect(months).not.toBeNull();
      if (months!.edges) cut++;
      const params = [from, to, pick(JURISDICTIONS), null, pick(FAMILIES), pick(FORMS), pick(TYPES), pick(unitFilters)];
      const values = [months!.from, months!.to, ...params.slice(2)];
      await expectEdgesToEqualCaseTables(
        t.dataSource,
        figures,
        params,
        { values, generation: await cube.current(), edges: months!.edges },
        pick,
      );
    }
    expect(cut).toBeGreaterThan(15);
    // national, unfiltered: edges with many cases (the random filters above leave few)
    for (const [from, to] of [
      ['2016-03-17', '2024-11-02'],
      ['2018-02-05', '2019-08-26'],
      ['2021-06-20', '2022-01-12'],
    ]) {
      const months = (await cube.wholeMonthsOf(from, to))!;
      const params = [from, to, null, null, null, null, null, null];
      const values = [months.from, months.to, ...params.slice(2)];
      await expectEdgesToEqualCaseTables(
        t.dataSource,
        figures,
        params,
        { values, generation: await cube.current(), edges: months.edges },
        pick,
      );
    }
    // a case prosecuted (convicted) on an edge day and in a whole month counts once: one such case at
    // least (earlier tests' writes may have taken the fixture's), a defendant convicted two months after another
    await t.dataSource.query(`
      WITH convicted AS (
        SELECT prosecution.case_id, conviction.judgment_date FROM convictions conviction
          JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id
          JOIN cases tip_case ON tip_case.id = prosecution.case_id WHERE tip_case.deleted_at IS NULL
         ORDER BY conviction.judgment_date LIMIT 1),
      defendant AS (
        INSERT INTO defendants (case_id, ref, sex) SELECT case_id, 'D-TWICE', 'male' FROM convicted RETURNING id, case_id),
      later AS (SELECT (date_trunc('month', judgment_date) + interval '2 months' + interval '14 days')::date AS day FROM convicted),
      prosecution AS (
        INSERT INTO prosecutions (case_id, defendant_id, prosecution_date, outcome, outcome_date)
        SELECT defendant.case_id, defendant.id, later.day, 'convicted', later.day FROM defendant, later RETURNING id, outcome_date)
      INSERT INTO convictions (prosecution_id, judgment_date) SELECT id, outcome_date FROM prosecution`);
    for (const dated of [
      `SELECT prosecution.case_id, prosecution.prosecution_date AS day FROM prosecutions prosecution`,
      `SELECT prosecution.case_id, conviction.judgment_date AS day FROM convictions conviction JOIN prosecutions prosecution ON prosecution.id = conviction.prosecution_id`,
    ]) {
      const [twice] = await t.dataSource.query(`
        WITH dated AS (${dated})
        SELECT CASE WHEN extract(day FROM min(day)) > 1 THEN min(day) ELSE min(day) - 40 END::text AS "from",
               CASE WHEN extract(day FROM min(day)) > 1 THEN (date_trunc('month', max(day)) + interval '2 months' + interval '9 days')::date
                    ELSE max(day) END::text AS "to"
          FROM dated GROUP BY case_id
        HAVING date_trunc('month', min(day)) < date_trunc('month', max(day))
           AND (extract(day FROM min(day)) > 1 OR max(day) < (date_trunc('month', max(day)) + interval '1 month' - interval '1 day')::date)
         LIMIT 1`);
      expect(twice).toBeDefined();
      const months = (await cube.wholeMonthsOf(twice.from, twice.to))!;
      const params = nationalTip(twice).map((value, i) => (i === 4 ? null : value));
      await expectEdgesToEqualCaseTables(
        t.dataSource,
        figures,
        params,
        { values: [months.from, months.to, ...params.slice(2)], generation: await cube.current(), edges: months.edges },
        pick,
      );
    }
    expect(await cube.wholeMonthsOf('2020-03-15', '2020-04-20')).toBeNull(); // no whole month: the case tables count it
    // a jurisdiction whose first case is registered later in the month the period ends in: not in the trend
    const [late] = await t.dataSource.query(
      `SELECT jurisdiction_code AS jurisdiction, (min(fir_date) - 1)::text AS "to" FROM cases GROUP BY 1
        HAVING extract(day FROM min(fir_date)) > 1 AND min(fir_date) > '2015-06-01' ORDER BY 2 DESC LIMIT 1`,
    );
    expect(late).toBeDefined();
    const lateMonths = (await cube.wholeMonthsOf('2015-01-10', late.to))!;
    const byJurisdiction = [
      ...nationalTip({ from: '2015-01-10', to: late.to }).map((v, i) => (i === 4 ? null : v)),
      'month',
      'jurisdiction',
    ];
    const investigated = await figures.trend('casesInvestigated', 'jurisdiction', byJurisdiction, {
      values: [lateMonths.from, lateMonths.to, ...byJurisdiction.slice(2)],
      generation: await cube.current(),
      edges: lateMonths.edges,
    });
    expect(investigated).toEqual(
      await t.dataSource.query(SQL.trendQuerySql('casesInvestigated', 'jurisdiction'), byJurisdiction),
    );
    expect(investigated.some((point) => point.key === late.jurisdiction)).toBe(false);

    // the whole months are read from the cube: a row planted in one of them moves the figure
    const period = { from: '2020-01-15', to: '2020-12-10' };
    const months = (await cube.wholeMonthsOf(period.from, period.to))!;
    expect(months).toMatchObject({
      from: '2020-02-01',
      to: '2020-11-30',
      edges: ['2020-01-15', '2020-01-31', '2020-12-01', '2020-12-10'],
    });
    const params = nationalTip(period);
    const asked = async () =>
      (
        await figures.summary(params, {
          values: [months.from, months.to, ...params.slice(2)],
          generation: await cube.current(),
          edges: months.edges,
        })
      ).find((row) => row.jurisdiction === 'PK-PB')!.casesRegistered;
    const [counted] = await t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, [
      ...params.slice(0, 2),
      'PK-PB',
      ...params.slice(3),
    ]);
    expect(await asked()).toBe(counted.casesRegistered);
    const planted = `jurisdiction_code = 'PK-PB' AND reporting_unit_code = 'POLICE-PK-PB' AND exploitation_forms = '{other,begging}' AND month = '2020-06-01'`;
    await t.dataSource
      .query(`INSERT INTO statistics_case_months (jurisdiction_code, reporting_unit_code, offence_family, trafficking_type, exploitation_forms, month,
                                registered, concluded, suspects, prosecuted_persons, convicted_persons, victims_identified)
                              VALUES ('PK-PB', 'POLICE-PK-PB', 'tip', 'internal', '{other,begging}', '2020-06-01', 1000, 0, 0, 0, 0, 0)`);
    await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
    try {
      expect(await asked()).toBe(counted.casesRegistered + 1000);
    } finally {
      await t.dataSource.query(`DELETE FROM statistics_case_months WHERE ${planted}`);
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
    }

    // a case moved from a whole month to an edge day after the cube was refreshed: not counted twice
    // (the snapshot sees the write's mark: the cube is brought up to date and the figure asked again)
    const generation = await cube.current();
    const [moved] = await t.dataSource.query(
      `SELECT id, fir_date::text AS "firDate" FROM cases WHERE offence_family = 'tip' AND fir_date BETWEEN '2020-03-01' AND '2020-10-31' LIMIT 1`,
    );
    await t.dataSource.query(`UPDATE cases SET fir_date = '2020-01-20' WHERE id = $1`, [moved.id]);
    try {
      const stale = { values: [months.from, months.to, ...params.slice(2)], generation, edges: months.edges };
      expect(await figures.summary(params, stale)).toEqual(
        await t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, params),
      );
    } finally {
      await t.dataSource.query(`UPDATE cases SET fir_date = $2 WHERE id = $1`, [moved.id, moved.firDate]);
      await cube.refresh();
    }
  });

  it('counts the summary of a district from the case tables once per reporting unit, for every unit filter', async () => {
    await cube.refresh();
    const figures = t.app.get(StatisticsRepository);
    const districts: Array<{ code: string }> = await t.dataSource.query(
      `SELECT district_code AS code FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 3`,
    );
    for (const { code } of districts)
      for (const units of unitFilters)
        for (const [from, to] of [
          ['2015-01-01', '2026-12-31'],
          ['2018-03-17', '2021-08-02'],
        ]) {
          const params = [from, to, pick(JURISDICTIONS), code, pick(FAMILIES), pick(FORMS), pick(TYPES), units];
          expect([params, await figures.summary(params, null)]).toEqual([
            params,
            await t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, params),
          ]);
        }
  });

  it("keeps a district's summary across edits of other districts' cases, and brings it forward by its own edited cases' rows", async () => {
    await cube.refresh();
    const figures = t.app.get(StatisticsRepository);
    // the two districts of one jurisdiction with the most cases (a case moves between them below)
    const [district, other]: Array<{ code: string }> = await t.dataSource.query(
      `SELECT district_code AS code FROM cases
        WHERE jurisdiction_code = (SELECT jurisdiction_code FROM cases GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`,
    );
    const params = ['2015-01-01', '2026-12-31', null, district.code, null, null, null, null];
    const fromTables = () => t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, params);
    const caseOf = async (code: string) =>
      (
        await t.dataSource.query(
          `SELECT id FROM cases WHERE district_code = $1 AND deleted_at IS NULL AND fir_date >= '2015-01-01' ORDER BY id LIMIT 1`,
          [code],
        )
      )[0].id as string;
    const toggleForms = async (code: string) =>
      t.dataSource.query(
        `UPDATE cases SET exploitation_forms = CASE WHEN 'other' = ANY(exploitation_forms) THEN array_remove(exploitation_forms, 'other')
                                                    ELSE array_append(exploitation_forms, 'other') END WHERE id = $1`,
        [await caseOf(code)],
      );
    // a case of the district deleted behind the service's back (no trigger fires: nothing marked):
    // a summary counted again would count it, one kept and brought forward would not
    const hidden = await caseOf(district.code);
    const first = await figures.summary(params, null);
    expect(first).toEqual(await fromTables());
    await silently(`UPDATE cases SET deleted_at = now() WHERE id = $1`, hidden);
    try {
      const counted = await fromTables();
      expect(counted).not.toEqual(first);
      // another district's case edited: the generation moves by its own change; the district's summary is kept
      const generation = await cube.current();
      await toggleForms(other.code);
      expect(await figures.summary(params, null)).toEqual(first);
      expect(await cube.current()).toBe(generation! + 1);
      // a case of the district edited: brought forward by that case's own rows, as they were and are
      // (the case deleted behind the service's back is not counted again)
      await toggleForms(district.code);
      expect(await figures.summary(params, null)).toEqual(first);
      await silently(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, hidden);
      // a case moved into the district, then out again: counted with it, then without
      const moved = await caseOf(other.code);
      for (const code of [district.code, other.code]) {
        await t.dataSource.query(`UPDATE cases SET district_code = $2 WHERE id = $1`, [moved, code]);
        expect(await figures.summary(params, null)).toEqual(await fromTables());
      }
      expect(await figures.summary(params, null)).toEqual(first);
      // more edited cases at once than a generation keeps the rows of (the case changed behind the
      // service's back not among them: the cube's own refresh would then read its changed row): counted again
      await silently(`UPDATE cases SET deleted_at = now() WHERE id = $1`, hidden);
      const toggleManyForms = () =>
        t.dataSource.query(
          `UPDATE cases SET exploitation_forms = CASE WHEN 'other' = ANY(exploitation_forms) THEN array_remove(exploitation_forms, 'other')
                                                      ELSE array_append(exploitation_forms, 'other') END
            WHERE (district_code = $1 OR id IN (SELECT id FROM cases ORDER BY id LIMIT $2)) AND id <> $3`,
          [district.code, CUBE.EARLIER_ROWS_KEPT_UP_TO + 1, hidden],
        );
      await toggleManyForms();
      expect(await figures.summary(params, null)).toEqual(counted);
      await toggleManyForms();
      // a generation the cube reached otherwise (cells recomputed): counted again
      await silently(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, hidden);
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
      expect(await figures.summary(params, null)).toEqual(first);
    } finally {
      await silently(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, hidden);
    }
    await expectSameFigures(['2015-01-01', '2025-12-31', null, null, null, null, null, null]);
  });

  it('counts a period ending mid-month to the end of that month only when nothing is dated in between', async () => {
    expect(await cube.monthEndFor('2031-06-15')).toBe('2031-06-30'); // after everything in the fixture
    const [{ before }] = await t.dataSource.query(
      `SELECT (fir_date - 1)::text AS before FROM cases WHERE extract(day FROM fir_date) > 1 ORDER BY fir_date LIMIT 1`,
    );
    expect(await cube.monthEndFor(before)).toBeNull(); // a FIR is dated the next day
    expect(await cube.monthEndFor('2024-02-29')).toBe('2024-02-29');
    expect(monthEnd('2023-02-11')).toBe('2023-02-28');
  });

  it('counts what a committed spreadsheet import wrote, and nothing of a dry run', async () => {
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    const period = { from: '2024-01-01', to: '2024-12-31' };
    const summary = async () => (await punjab.get('/api/v1/statistics/summary').query(period)).body;
    const file = await buildWorkbook(goodCase('9001'));
    const upload = (query: string) => punjab.upload(file, { query });
    const before = await summary();
    expect((await upload('?dryRun=true')).body.status).toBe('validated');
    expect(await summary()).toEqual(before);
    expect((await upload('')).body.status).toBe('committed');
    const after = await summary();
    expect(after.casesRegistered).toBe(before.casesRegistered + 1);
    expect(after.convictions.persons).toBe(before.convictions.persons + 1);
    await expectCubeToMatch(10);
  });

  it('takes a committed upload into the cube as it commits, with the edits marked before it, unless another writer holds one of their cases for long or it fails', async () => {
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    const generation = async () =>
      (await t.dataSource.query(`SELECT generation::int AS generation FROM statistics_cube_state`))[0]
        .generation as number;
    const markedCases = async () =>
      (await t.dataSource.query(`SELECT count(DISTINCT case_id)::int AS cases FROM statistics_dirty`))[0]
        .cases as number;
    const uploaded = async (fir: string) =>
      (await punjab.upload(await buildWorkbook(goodCase(fir)))).body.status as string;
    const [sindh] = await t.dataSource.query(
      `SELECT id FROM cases WHERE jurisdiction_code = 'PK-SD' AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM victims WHERE case_id = cases.id) ORDER BY id LIMIT 1`,
    );
    const editSindhCase = (by: { query: DataSource['query'] } = t.dataSource) =>
      by.query(
        `UPDATE victims SET sex = CASE sex WHEN 'female' THEN 'male' ELSE 'female' END, age = COALESCE(age, 20) + 1 WHERE case_id = $1`,
        [sindh.id],
      );
    await cube.refresh();
    // an edit committed and not yet refreshed, then an upload: its transaction takes both in before it commits
    await editSindhCase();
    expect(await markedCases()).toBe(1);
    const before = await generation();
    expect(await uploaded('9101')).toBe('committed');
    expect(await markedCases()).toBe(0);
    expect(await generation()).toBe(before + 1);
    await expectSameFigures(['2015-01-01', '2025-12-31', null, null, null, null, null, null]);
    await expectCubeToMatch(10);

    const other = t.dataSource.createQueryRunner();
    await other.connect();
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    try {
      // a case marked while another transaction writes its victims (which holds the case) and commits while the
      // upload takes the marks (held there by this test's lock): the upload waits for it and takes both in
      await t.dataSource.query(`
        CREATE FUNCTION hold_taking() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_xact_lock_shared(hashtext('test:taking')); RETURN NULL; END $$;
        CREATE TRIGGER hold_taking AFTER DELETE ON statistics_dirty FOR EACH STATEMENT EXECUTE FUNCTION hold_taking()`);
      try {
        await editSindhCase();
        await other.startTransaction();
        await editSindhCase(other);
        await holder.query(`SELECT pg_advisory_lock(hashtext('test:taking'))`);
        const upload = uploaded('9105');
        const taking = async () =>
          (
            await t.dataSource.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%DELETE FROM statistics_dirty%'`,
            )
          )[0].n as number;
        for (const deadline = Date.now() + 20_000; (await taking()) === 0;) {
          if (Date.now() > deadline) throw new Error('the upload never took the marks');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await other.commitTransaction();
        await holder.query(`SELECT pg_advisory_unlock(hashtext('test:taking'))`);
        expect(await upload).toBe('committed');
      } finally {
        await holder.query(`SELECT pg_advisory_unlock_all()`);
        if (other.isTransactionActive) await other.rollbackTransaction();
        await t.dataSource.query('DROP TRIGGER hold_taking ON statistics_dirty; DROP FUNCTION hold_taking()');
      }
      expect(await markedCases()).toBe(0);
      expect(await generation()).toBe(before + 2);
      await expectCubeToMatch(10);

      // the same while the other transaction goes on: the upload commits and leaves every mark to a later refresh
      await editSindhCase();
      await other.startTransaction();
      await editSindhCase(other);
      expect(await uploaded('9102')).toBe('committed');
      expect(await markedCases()).toBeGreaterThan(1);
      expect(await generation()).toBe(before + 2);
      await other.commitTransaction();
      await expectCubeToMatch(10);

      // another refresh holding the cube for longer than the upload waits: the same
      await other.startTransaction();
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('statistics_cube'))`);
      expect(await uploaded('9103')).toBe('committed');
      expect(await markedCases()).toBeGreaterThan(0);
      await other.commitTransaction();
      await expectCubeToMatch(10);

      // the statistics failing to take the upload in: the upload commits all the same, its marks left
      await t.dataSource.query(`
        CREATE FUNCTION refuse_generation_delta() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
        CREATE TRIGGER refuse_generation_delta BEFORE INSERT ON statistics_generation_deltas FOR EACH ROW EXECUTE FUNCTION refuse_generation_delta()`);
      try {
        const atFailure = await generation();
        expect(await uploaded('9104')).toBe('committed');
        expect(await markedCases()).toBeGreaterThan(0);
        expect(await generation()).toBe(atFailure);
      } finally {
        await t.dataSource.query(
          'DROP TRIGGER refuse_generation_delta ON statistics_generation_deltas; DROP FUNCTION refuse_generation_delta()',
        );
      }
      await expectCubeToMatch(10);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
      await holder.release();
    }
  });

  it('gives a kept answer again while the cube is unchanged, and asks anew once anything changed', async () => {
    const analyst = await signIn(t, 'analyst');
    const period = { from: '2020-01-01', to: '2024-12-31' };
    const registered = async () =>
      (await analyst.get('/api/v1/statistics/summary').query(period)).body.casesRegistered as number;
    const fromTables = async () =>
      (
        await t.dataSource.query<Array<{ casesRegistered: number }>>(SQL.SUMMARY_BY_JURISDICTION, nationalTip(period))
      ).reduce((n, r) => n + r.casesRegistered, 0);
    await cube.refresh();
    const first = await registered();
    expect(first).toBe(await fromTables());
    // a cube row altered behind the service's back: the same generation, the same (kept) answer
    const [row] = await t.dataSource.query(
      `SELECT jurisdiction_code, reporting_unit_code, trafficking_type, exploitation_forms FROM statistics_case_months
        WHERE offence_family = 'tip' AND month = '2022-03-01' AND registered > 0 LIMIT 1`,
    );
    const tamper = (by: number) =>
      t.dataSource.query(
        `UPDATE statistics_case_months SET registered = registered + $1
          WHERE offence_family = 'tip' AND month = '2022-03-01' AND jurisdiction_code = $2 AND reporting_unit_code = $3
            AND trafficking_type IS NOT DISTINCT FROM $4 AND exploitation_forms = $5`,
        [by, row.jurisdiction_code, row.reporting_unit_code, row.trafficking_type, row.exploitation_forms],
      );
    await tamper(1000);
    expect(await registered()).toBe(first);
    // a district renamed (the cube's queries join the districts) moves the generation on: the cube is read again
    await t.dataSource.query(`UPDATE districts SET name = name WHERE code = (SELECT min(code) FROM districts)`);
    expect(await registered()).toBe(first + 1000);
    await tamper(-1000);
    expect(await registered()).toBe(first + 1000);
    // a case written: the answer kept is brought forward by the case's own change (the altered row,
    // as the cube was read, stays in it), then read anew at a generation the cube reached otherwise
    await t.dataSource.query(`UPDATE cases SET deleted_at = now()
                               WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL AND offence_family = 'tip' AND fir_date BETWEEN '2021-01-01' AND '2021-12-31' ORDER BY id LIMIT 1)`);
    expect(await registered()).toBe(first + 1000 - 1);
    await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
    expect(await registered()).toBe(first - 1);
    expect(await registered()).toBe(await fromTables());
    await expectCubeToMatch(5);
  });

  it('gives the repeat offenders kept while the cube is unchanged, and reads them anew once it changed', async () => {
    const analyst = await signIn(t, 'analyst');
    const period = { from: '2015-01-01', to: '2026-12-31', offenceFamily: 'all' };
    const offenders = async () =>
      ((await analyst.get('/api/v1/statistics/repeat-offenders').query(period)).body.offenders as unknown[]).length;
    const fromTables = async () =>
      (await t.dataSource.query(SQL.REPEAT_OFFENDERS, [period.from, period.to, null, null, null, null, null, null]))
        .length;
    await cube.refresh();
    const first = await offenders();
    expect(first).toBeGreaterThan(0);
    expect(first).toBe(await fromTables());
    // one offender's rows in the cube removed behind the service's back: the same generation, the same (kept) answer
    const [{ hash }] = await t.dataSource.query(
      `SELECT cnic_hash AS hash FROM statistics_offender_cases GROUP BY 1 HAVING count(DISTINCT case_id) >= 2 ORDER BY 1 LIMIT 1`,
    );
    const removed = await t.dataSource.query(`DELETE FROM statistics_offender_cases WHERE cnic_hash = $1 RETURNING *`, [
      hash,
    ]);
    try {
      expect(await offenders()).toBe(first);
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
      expect(await offenders()).toBe(first - 1);
    } finally {
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
    }
    expect(removed.length).toBeGreaterThanOrEqual(2);
    expect(await offenders()).toBe(await fromTables());
  });

  it('asks the cube once for the same question asked by many at once', async () => {
    const analyst = await signIn(t, 'analyst');
    const period = { from: '2019-01-01', to: '2023-12-31' };
    const asked = jest.spyOn(t.dataSource, 'query');
    const summaries = async (n: number) => {
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
      asked.mockClear();
      const bodies = await Promise.all(
        Array.from({ length: n }, async () => (await analyst.get('/api/v1/statistics/summary').query(period)).body),
      );
      return { bodies, queries: asked.mock.calls.filter(([sql]) => sql === CUBE.CUBE_SUMMARY).length };
    };
    try {
      const one = await summaries(1);
      const many = await summaries(12);
      expect(one.queries).toBeGreaterThan(0);
      expect(many.queries).toBe(one.queries);
      for (const body of many.bodies) expect(body).toEqual(one.bodies[0]);
    } finally {
      asked.mockRestore();
    }
  });

  it('waits for another refresh of a few cells, and answers from the cube once it has ended', async () => {
    const other = t.dataSource.createQueryRunner();
    await other.startTransaction();
    expect((await other.query(CUBE.REFRESH_LOCK))[0].locked).toBe(true);
    await t.dataSource.query(`UPDATE cases SET trafficking_type = 'internal'
                               WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL AND trafficking_type = 'transnational' ORDER BY id LIMIT 1)`);
    const analyst = await signIn(t, 'analyst');
    const period = { from: '2016-01-01', to: '2025-12-31' };
    const started = Date.now();
    const answer = analyst
      .get('/api/v1/statistics/summary')
      .query(period)
      .then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await other.commitTransaction();
    await other.release();
    const res = await answer;
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    // the question waited and refreshed the cube itself, and its figures are the case tables'
    const [{ dirty }] = await t.dataSource.query(CUBE.HAS_DIRTY);
    expect(dirty).toBe(false);
    const fromTables: Array<{ casesRegistered: number }> = await t.dataSource.query(
      SQL.SUMMARY_BY_JURISDICTION,
      nationalTip(period),
    );
    expect(res.body.casesRegistered).toBe(fromTables.reduce((n, r) => n + r.casesRegistered, 0));
  });

  it('answers from the case tables while another refresh recomputes a jurisdiction whole', async () => {
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      expect((await other.query(CUBE.REFRESH_LOCK))[0].locked).toBe(true);
      await other.query(CUBE.WHOLE_REFRESH_LOCK);
      await t.dataSource.query(`UPDATE cases SET deleted_at = now()
                                 WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL AND offence_family = 'tip' AND fir_date >= '2016-01-01' ORDER BY id LIMIT 1)`);
      expect(await cube.refresh()).toBe(false);
      const analyst = await signIn(t, 'analyst');
      const period = { from: '2016-01-01', to: '2025-12-31' };
      const res = await analyst.get('/api/v1/statistics/summary').query(period);
      expect(res.status).toBe(200);
      const raw: Array<{ casesRegistered: number; suspects: number }> = await t.dataSource.query(
        SQL.SUMMARY_BY_JURISDICTION,
        nationalTip(period),
      );
      const stale: Array<{ casesRegistered: number }> = await t.dataSource.query(
        CUBE.CUBE_SUMMARY,
        nationalTip(period),
      );
      const registered = raw.reduce((n, r) => n + r.casesRegistered, 0);
      expect(stale.reduce((n, r) => n + r.casesRegistered, 0)).toBe(registered + 1); // the cube has not seen the deletion yet
      expect([res.body.casesRegistered, res.body.suspects]).toEqual([
        registered,
        raw.reduce((n, r) => n + r.suspects, 0),
      ]);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await cube.refresh()).toBe(true);
    await expectCubeToMatch(5);
  });

  it('counts from the case tables on at most three connections at once: other requests are still answered', async () => {
    const analyst = await signIn(t, 'analyst');
    // the cube dirty and its lock held: figures are counted from the case tables; the victims locked: those counts wait
    await t.dataSource.query(`UPDATE cases SET trafficking_type = NULL
                               WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL AND trafficking_type IS NOT NULL ORDER BY id LIMIT 1)`);
    const holder = t.dataSource.createQueryRunner();
    const blocker = t.dataSource.createQueryRunner();
    await holder.startTransaction();
    await blocker.startTransaction();
    try {
      expect((await holder.query(CUBE.REFRESH_LOCK))[0].locked).toBe(true);
      await holder.query(CUBE.WHOLE_REFRESH_LOCK); // a jurisdiction recomputed whole: no wait for the cube
      await blocker.query('LOCK TABLE victims IN ACCESS EXCLUSIVE MODE');
      const answers = Array.from({ length: 8 }, () =>
        // sent now (a supertest request goes out when awaited)
        analyst
          .get('/api/v1/statistics/summary')
          .query({ from: '2016-01-01', to: '2025-12-31' })
          .then((res) => res),
      );
      const waiting = () =>
        t.dataSource
          .query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%scoped AS%'`,
          )
          .then((rows: Array<{ n: number }>) => rows[0].n);
      for (const deadline = Date.now() + 10_000; (await waiting()) < 3 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await waiting()).toBe(3);
      const started = Date.now();
      expect((await analyst.get('/api/v1/jurisdictions')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
      await blocker.rollbackTransaction();
      for (const answer of await Promise.all(answers)) expect(answer.status).toBe(200);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await holder.rollbackTransaction();
      await Promise.all([blocker.release(), holder.release()]);
    }
  });

  it('reads the cube for a question asked while a refresh held it, unless a jurisdiction is being recomputed whole', async () => {
    expect(await cube.refresh()).toBe(true);
    const figures = t.app.get(StatisticsRepository);
    const period = { from: '2017-02-01', to: '2023-11-30' };
    const params = nationalTip(period);
    const registered = (rows: Array<Record<string, unknown>>) =>
      rows.reduce((n, r) => n + Number(r.casesRegistered), 0);
    const fromCaseTables = registered(await t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, params));
    // a cube row altered behind the service's back tells which source answered
    await t.dataSource.query(
      `UPDATE statistics_case_months SET registered = registered + 1000
        WHERE ctid = (SELECT ctid FROM statistics_case_months WHERE offence_family = 'tip' AND month = '2019-05-01' LIMIT 1)`,
    );
    const whole = t.dataSource.createQueryRunner();
    try {
      // asked while a refresh held the cube (no generation), the cube up to date since: the cube answers
      expect(registered(await figures.summary(params, { values: params, generation: null }))).toBe(
        fromCaseTables + 1000,
      );
      // a jurisdiction being recomputed whole: the case tables answer at once
      await whole.startTransaction();
      await whole.query(CUBE.WHOLE_REFRESH_LOCK);
      const started = Date.now();
      expect(registered(await figures.summary(params, { values: params, generation: null }))).toBe(fromCaseTables);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      if (whole.isTransactionActive) await whole.rollbackTransaction();
      await whole.release();
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
      expect(await cube.refresh()).toBe(true);
    }
  });

  /** Every cube table's rows, sorted, as text. */
  const cubeContents = async () => {
    const tables: Array<{ name: string }> = await t.dataSource.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'statistics\\_%' AND tablename NOT IN ('statistics_dirty', 'statistics_cube_state') ORDER BY 1`,
    );
    const contents: Record<string, string[]> = {};
    for (const { name } of tables)
      contents[name] = (await t.dataSource.query(`SELECT cube_row::text AS row FROM ${name} cube_row ORDER BY 1`)).map(
        (r: { row: string }) => r.row,
      );
    return contents;
  };

  /** A live Punjab case matching `where` (on cases `c`), the first by id. */
  const caseWith = async (where: string) =>
    (
      await t.dataSource.query(
        `SELECT c.id FROM cases c WHERE c.deleted_at IS NULL AND c.jurisdiction_code = 'PK-PB' AND ${where} ORDER BY c.id LIMIT 1`,
      )
    )[0].id as string;

  /** One write of each kind, each a statement or two of a few rows (each marks cases): to the case `edited` and to others. */
  function singleWrites(edited: string): Array<() => Promise<unknown>> {
    return [
      // the forms, the type (to none and back), the family and the unit of one case
      () =>
        t.dataSource.query(
          `UPDATE cases SET exploitation_forms = array_append(exploitation_forms, 'other') WHERE id = $1`,
          [edited],
        ),
      () => t.dataSource.query(`UPDATE cases SET trafficking_type = NULL WHERE id = $1`, [edited]),
      () =>
        t.dataSource.query(
          `UPDATE cases SET trafficking_type = 'transnational', offence_family = 'mixed' WHERE id = $1`,
          [edited],
        ),
      async () =>
        t.dataSource.query(`UPDATE cases SET reporting_unit_code = 'FIA', reporting_agency = 'fia' WHERE id = $1`, [
          await caseWith(`EXISTS (SELECT 1 FROM prosecutions p WHERE p.case_id = c.id)`),
        ]),
      // a case moves jurisdiction; then, in another transaction, loses the only victim identified in a month of its own
      async () => {
        const moved =
          await caseWith(`EXISTS (SELECT 1 FROM victims v WHERE v.case_id = c.id AND v.identified_on IS NOT NULL
                                            AND date_trunc('month', v.identified_on) <> date_trunc('month', c.fir_date))`);
        await t.dataSource.query(
          `UPDATE cases SET jurisdiction_code = 'PK-SD', reporting_unit_code = 'POLICE-PK-SD', reporting_agency = 'police',
                district_code = (SELECT code FROM districts WHERE jurisdiction_code = 'PK-SD' ORDER BY code LIMIT 1) WHERE id = $1`,
          [moved],
        );
        await t.dataSource.query(
          `DELETE FROM victims WHERE id = (SELECT id FROM victims WHERE case_id = $1 AND identified_on IS NOT NULL ORDER BY id LIMIT 1)`,
          [moved],
        );
      },
      // children: a prosecution a month later, a conviction gone, a status event's date, a transit added
      () =>
        t.dataSource.query(`UPDATE prosecutions SET prosecution_date = prosecution_date + 31
                           WHERE id = (SELECT p.id FROM prosecutions p JOIN cases c ON c.id = p.case_id
                                        WHERE c.jurisdiction_code = 'PK-PB' AND p.outcome = 'pending' ORDER BY p.id LIMIT 1)`),
      () =>
        t.dataSource
          .query(`DELETE FROM convictions WHERE id = (SELECT v.id FROM convictions v JOIN prosecutions p ON p.id = v.prosecution_id
                                                                 JOIN cases c ON c.id = p.case_id WHERE c.jurisdiction_code = 'PK-PB' ORDER BY v.id LIMIT 1)`),
      () =>
        t.dataSource.query(`UPDATE case_status_events SET status_date = status_date + 10
                           WHERE id = (SELECT e.id FROM case_status_events e JOIN cases c ON c.id = e.case_id
                                        WHERE c.jurisdiction_code = 'PK-PB' AND e.status_date + 10 < c.status_date ORDER BY e.id LIMIT 1)`),
      async () =>
        t.dataSource.query(
          `INSERT INTO route_points (case_id, position, kind, country_code) VALUES ($1, 20, 'transit', 'IRN')`,
          [edited],
        ),
      // the case deleted (softly) and back, its FIR date a year earlier
      () => t.dataSource.query(`UPDATE cases SET deleted_at = now() WHERE id = $1`, [edited]),
      () =>
        t.dataSource.query(
          `UPDATE cases SET deleted_at = NULL, fir_date = fir_date - 365, fir_year = extract(year FROM fir_date - 365)::int WHERE id = $1`,
          [edited],
        ),
    ];
  }

  it('recomputes only the cells of the dimensions an edit touched, and equals a whole rebuild after each write', async () => {
    await cube.refresh();
    // a police case whose FIR month has a case of another combination of dimensions registered too
    const edited = await caseWith(`c.reporting_unit_code = 'POLICE-PK-PB' AND EXISTS (
      SELECT 1 FROM cases other WHERE other.deleted_at IS NULL AND other.jurisdiction_code = c.jurisdiction_code
         AND date_trunc('month', other.fir_date) = date_trunc('month', c.fir_date)
         AND (other.reporting_unit_code, other.offence_family, other.exploitation_forms)
             IS DISTINCT FROM (c.reporting_unit_code, c.offence_family, c.exploitation_forms))`);
    // a row of another combination of dimensions in the edited case's FIR month, altered behind the service's back
    const [bystander] = await t.dataSource.query(
      `SELECT case_month.jurisdiction_code, case_month.reporting_unit_code, case_month.offence_family, case_month.trafficking_type,
              case_month.exploitation_forms, case_month.month
         FROM statistics_case_months case_month JOIN cases c ON c.id = $1
        WHERE case_month.jurisdiction_code = c.jurisdiction_code AND case_month.month = date_trunc('month', c.fir_date)
          AND (case_month.reporting_unit_code, case_month.offence_family, case_month.exploitation_forms) IS DISTINCT FROM
              (c.reporting_unit_code, c.offence_family, c.exploitation_forms) LIMIT 1`,
      [edited],
    );
    expect(bystander).toBeDefined();
    const alterBystander = (by: number) =>
      t.dataSource.query(
        `UPDATE statistics_case_months SET suspects = suspects + $7
          WHERE (jurisdiction_code, reporting_unit_code, offence_family, exploitation_forms, month) = ($1, $2, $3, $5, $6)
            AND trafficking_type IS NOT DISTINCT FROM $4 RETURNING suspects`,
        [...Object.values(bystander), by],
      );
    const writes = singleWrites(edited);
    for (const [i, write] of writes.entries()) {
      if (i === 0) await alterBystander(1000);
      await write();
      const [{ whole }] = await t.dataSource.query(
        `SELECT count(*)::int AS whole FROM statistics_dirty WHERE case_id IS NULL AND month IS NULL`,
      );
      expect(whole).toBe(0);
      expect(await cube.refresh()).toBe(true);
      // the first edit (one case's forms) left the other combinations of its jurisdiction-month as they were
      if (i === 0) {
        expect((await alterBystander(0))[0][0].suspects).toBeGreaterThanOrEqual(1000);
        await alterBystander(-1000);
      }
      const refreshed = await cubeContents();
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
      expect(await cube.refresh()).toBe(true);
      expect(refreshed).toEqual(await cubeContents());
    }
    await expectCubeToMatch(10);
  });

  it("takes edited cases' own changes: their cells are adjusted, not recomputed, and equal a whole rebuild", async () => {
    await cube.refresh();
    const [edited] = await t.dataSource.query(
      `SELECT c.id, c.jurisdiction_code, c.reporting_unit_code, c.offence_family, c.trafficking_type, c.exploitation_forms,
              date_trunc('month', c.fir_date)::date::text AS month, v.id AS victim
         FROM cases c JOIN victims v ON v.case_id = c.id
        WHERE c.deleted_at IS NULL AND c.jurisdiction_code = 'PK-PB' ORDER BY c.id, v.id LIMIT 1`,
    );
    const [other] = await t.dataSource.query(
      `SELECT id FROM cases WHERE deleted_at IS NULL AND jurisdiction_code = 'PK-SD' ORDER BY id LIMIT 1`,
    );
    // the edited case's own cell (its FIR month, its combination), altered behind the service's back
    const alterOwnCell = (by: number) =>
      t.dataSource.query(
        `UPDATE statistics_case_months SET suspects = suspects + $7
          WHERE (jurisdiction_code, reporting_unit_code, offence_family, exploitation_forms, month) = ($1, $2, $3, $5, $6::date)
            AND trafficking_type IS NOT DISTINCT FROM $4 RETURNING suspects`,
        [
          edited.jurisdiction_code,
          edited.reporting_unit_code,
          edited.offence_family,
          edited.trafficking_type,
          edited.exploitation_forms,
          edited.month,
          by,
        ],
      );
    const [[{ suspects: altered }]] = await alterOwnCell(1000);
    // one victim changed in two transactions; a victim added, then changed; a defendant added and removed again
    await t.dataSource.query(
      `UPDATE victims SET sex = CASE sex WHEN 'female' THEN 'male' ELSE 'female' END WHERE id = $1`,
      [edited.victim],
    );
    await t.dataSource.query(`UPDATE victims SET age = COALESCE(age, 20) + 1, identified_on = NULL WHERE id = $1`, [
      edited.victim,
    ]);
    const [{ id: added }] = await t.dataSource.query(
      `INSERT INTO victims (case_id, ref, sex, age, nationality, vulnerabilities)
       VALUES ($1, 'V-ADDED', 'female', 15, 'PAK', '{}') RETURNING id`,
      [edited.id],
    );
    await t.dataSource.query(
      `UPDATE victims SET vulnerabilities = '{poverty}', residence_district_code = $2 WHERE id = $1`,
      [
        added,
        (
          await t.dataSource.query(`SELECT code FROM districts WHERE jurisdiction_code = 'PK-PB' ORDER BY code LIMIT 1`)
        )[0].code,
      ],
    );
    const [{ id: defendant }] = await t.dataSource.query(
      `INSERT INTO defendants (case_id, ref, name, sex) VALUES ($1, 'D-ADDED', 'Added Defendant', 'male') RETURNING id`,
      [edited.id],
    );
    await t.dataSource.query(`DELETE FROM defendants WHERE id = $1`, [defendant]);
    // a write to another case, not yet committed when the refresh takes its snapshot
    const late = t.dataSource.createQueryRunner();
    await late.startTransaction();
    try {
      await late.query(
        `UPDATE cases SET exploitation_forms = array_append(exploitation_forms, 'other') WHERE id = $1`,
        [other.id],
      );
      expect(await cube.refresh()).toBe(true);
      // the cell was adjusted by the case's change (its FIR month and combination unchanged): the alteration is still there
      const [[{ suspects }]] = await alterOwnCell(-1000);
      expect(suspects).toBe(altered - 1000);
      await late.commitTransaction();
    } finally {
      if (late.isTransactionActive) await late.rollbackTransaction();
      await late.release();
    }
    const [{ marks }] = await t.dataSource.query(
      `SELECT count(*)::int AS marks FROM statistics_dirty WHERE case_id = $1`,
      [other.id],
    );
    expect(marks).toBeGreaterThan(0);
    expect(await cube.refresh()).toBe(true);
    const refreshed = await cubeContents();
    await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
    expect(await cube.refresh()).toBe(true);
    expect(refreshed).toEqual(await cubeContents());
  });

  it("brings the figures it kept forward by edited cases' own changes, and counts an edge day's again once a change dates a case on it", async () => {
    await cube.refresh();
    const repository = t.app.get(StatisticsRepository);
    // periods cut at days whose edges hold cases: from a case's FIR date to a prosecution's date
    const [{ from, to }] = await t.dataSource.query(`
      SELECT (SELECT fir_date::text FROM cases WHERE extract(day FROM fir_date) > 1 AND fir_date < '2017-01-01' ORDER BY fir_date LIMIT 1) AS from,
             (SELECT prosecution_date::text FROM prosecutions WHERE extract(day FROM prosecution_date) < 28
                 AND prosecution_date > '2023-06-01' ORDER BY prosecution_date LIMIT 1) AS to`);
    const questions = [
      ['2016-01-01', '2024-12-31', null, null, null, null, null, null],
      ['2018-01-01', '2023-12-31', 'PK-PB', null, ['tip', 'mixed'], 'forced_labour', null, null],
      [from, to, null, null, null, null, null, null],
      [from, to, 'PK-PB', null, null, null, null, ['POLICE-PK-PB']],
    ];
    const expectKeptFiguresToEqualCaseTables = async () => {
      const generation = await cube.current();
      for (const params of questions) {
        const months = (await cube.wholeMonthsOf(params[0] as string, params[1] as string))!;
        const choices = rng(3); // the same choices each time: the same questions, kept
        await expectEdgesToEqualCaseTables(
          t.dataSource,
          repository,
          params,
          {
            values: [months.from, months.to, ...params.slice(2)],
            generation,
            ...(months.edges && { edges: months.edges }),
          },
          (xs) => xs[Math.floor(choices() * xs.length)],
        );
      }
    };
    expect((await cube.wholeMonthsOf(from as string, to as string))!.edges).toBeDefined();
    await expectKeptFiguresToEqualCaseTables();
    // a row of every table of counts (its last measure: not what the trend of cases under investigation
    // reads, which is read anew), in a whole month of every period, altered behind the service's back:
    // a figure read anew from the cube would count it; one brought forward from what it kept does not
    const tables: Array<{ table: string; measure: string }> = await t.dataSource.query(`
      SELECT DISTINCT ON (table_name) table_name AS table, column_name AS measure FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name LIKE 'statistics_%'
         AND table_name NOT IN ('statistics_offender_cases', 'statistics_generation_deltas')
         AND data_type = 'integer' AND column_name NOT IN ('level', 'days', 'generation')
         AND table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'month')
       ORDER BY table_name, ordinal_position DESC`);
    expect(tables.length).toBe(12);
    for (const { table, measure } of tables)
      await t.dataSource.query(
        `UPDATE ${table} SET ${measure} = ${measure} + 1000
          WHERE ctid = (SELECT ctid FROM ${table} WHERE month BETWEEN '2019-01-01' AND '2022-12-31' AND jurisdiction_code = 'PK-PB' LIMIT 1)`,
      );
    const edited = await caseWith(
      `c.fir_date BETWEEN '2019-01-01' AND '2022-12-31' AND NOT EXISTS (SELECT 1 FROM route_points r WHERE r.case_id = c.id AND r.position = 20)`,
    );
    let movedProsecution = '';
    let movedFrom = '';
    const onEdges = [
      // a case registered on the first edge day; a prosecution begun on the last (an edge day in their later versions)
      async () => {
        const moved = await caseWith(`c.fir_date > '${from}'::date + 40`);
        await t.dataSource.query(
          `UPDATE cases SET fir_date = $2, fir_year = extract(year FROM $2::date)::int WHERE id = $1`,
          [moved, from],
        );
      },
      async () => {
        [[{ id: movedProsecution, day: movedFrom }]] = await t.dataSource.query(
          `UPDATE prosecutions moved SET prosecution_date = $1 FROM (
             SELECT p.id, p.prosecution_date FROM prosecutions p JOIN cases c ON c.id = p.case_id
              WHERE c.deleted_at IS NULL AND c.fir_date <= $1 AND p.prosecution_date < $1::date - 40 AND p.outcome_date IS NULL
                AND NOT EXISTS (SELECT 1 FROM convictions v WHERE v.prosecution_id = p.id) ORDER BY p.id LIMIT 1) earlier
            WHERE moved.id = earlier.id RETURNING moved.id, earlier.prosecution_date::text AS day`,
          [to],
        );
      },
      // and that prosecution moved back off it (the edge day only in its earlier version)
      () =>
        t.dataSource.query(`UPDATE prosecutions SET prosecution_date = $2 WHERE id = $1`, [
          movedProsecution,
          movedFrom,
        ]),
    ];
    try {
      for (const write of [...singleWrites(edited), ...onEdges]) {
        await write();
        const generation = await cube.current();
        const [delta] = await t.dataSource.query(
          `SELECT days FROM statistics_generation_deltas WHERE generation = $1`,
          [generation],
        );
        expect(delta).toBeDefined();
        await expectKeptFiguresToEqualCaseTables();
      }
      // a generation the cube reached otherwise: every figure is read anew (the altered rows with it)
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
      const identified = (rows: Array<Record<string, unknown>>) =>
        rows.find((row) => row.jurisdiction === 'PK-PB')!.victimsIdentified;
      const read = await repository.summary(questions[0], { values: questions[0], generation: await cube.current() });
      expect(identified(read)).toBe(
        (identified(await t.dataSource.query(SQL.SUMMARY_BY_JURISDICTION, questions[0])) as number) + 1000,
      );
    } finally {
      // the altered rows recomputed
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
    }
    await expectKeptFiguresToEqualCaseTables();
  });

  it("brings what the edge days count forward by the edited cases' rows as they were and are, without counting the other cases again", async () => {
    const analyst = await signIn(t, 'analyst');
    await cube.refresh();
    // a period whose first edge holds cases registered on it, one of them with a victim and a prosecution
    const recorded = `EXISTS (SELECT 1 FROM victims WHERE victims.case_id = cases.id)
                      AND EXISTS (SELECT 1 FROM prosecutions WHERE prosecutions.case_id = cases.id)`;
    const [{ from }] = await t.dataSource.query(`
      SELECT fir_date::text AS from FROM cases WHERE deleted_at IS NULL AND offence_family = 'tip' AND extract(day FROM fir_date) BETWEEN 2 AND 20
       GROUP BY 1 HAVING count(*) >= 2 AND bool_or(${recorded}) ORDER BY 1 LIMIT 1`);
    const period = { from, to: '2024-06-20' };
    const onFirstEdge: Array<{ id: string }> = await t.dataSource.query(
      `SELECT id FROM cases WHERE deleted_at IS NULL AND offence_family = 'tip' AND fir_date = $1 ORDER BY ${recorded} DESC, id LIMIT 2`,
      [from],
    );
    const [edited, hidden] = onFirstEdge.map((c) => c.id);
    const registered = async () =>
      (await analyst.get('/api/v1/statistics/summary').query(period)).body.casesRegistered as number;
    const fromTables = async () =>
      (
        await t.dataSource.query<Array<{ casesRegistered: number }>>(SQL.SUMMARY_BY_JURISDICTION, nationalTip(period))
      ).reduce((n, r) => n + r.casesRegistered, 0);
    const first = await registered();
    expect(first).toBe(await fromTables());
    // one edge case deleted behind the service's back (nothing marked), another deleted through it:
    // brought forward by the edited case alone, the answer counts one case fewer, not two
    await silently(`UPDATE cases SET deleted_at = now() WHERE id = $1`, hidden);
    try {
      await t.dataSource.query(`UPDATE cases SET deleted_at = now() WHERE id = $1`, [edited]);
      expect(await registered()).toBe(first - 1);
      expect(await fromTables()).toBe(first - 2);
      // the edited case's earlier rows were kept with the generation: only what the statistics count
      const [{ kept }] = await t.dataSource.query(
        `SELECT array_agg(DISTINCT field ORDER BY field) AS kept FROM statistics_generation_deltas generation_delta,
                jsonb_each(generation_delta.earlier) edited_case, jsonb_each(edited_case.value) case_table,
                jsonb_array_elements(case_table.value) kept_row, jsonb_object_keys(kept_row) field
          WHERE generation_delta.generation = (SELECT generation FROM statistics_cube_state)`,
      );
      expect(kept).toEqual(expect.arrayContaining(['fir_date', 'status', 'sex', 'prosecution_date']));
      for (const personal of [
        'name',
        'ref',
        'cnic_hash',
        'remarks',
        'police_station',
        'fir_number',
        'court',
        'charges',
      ])
        expect(kept).not.toContain(personal);
      // and back: the edited case counts again
      await t.dataSource.query(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, [edited]);
      expect(await registered()).toBe(first);
      // a generation the cube reached otherwise: counted again from the case tables
      await t.dataSource.query(`UPDATE statistics_cube_state SET generation = generation + 1`);
      expect(await registered()).toBe(first - 1);
    } finally {
      await silently(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, hidden);
      await t.dataSource.query(`UPDATE cases SET deleted_at = NULL WHERE id = $1`, [edited]);
      // what was kept counted the case deleted behind the service's back: asked anew
      await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
    }
    expect(await registered()).toBe(await fromTables());
  });

  it("takes statements of thousands of rows (an upload's) in by their cases' own changes, and stays exact", async () => {
    await cube.refresh();
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      `SELECT code, jurisdiction_code AS jurisdiction FROM districts WHERE jurisdiction_code IN ('PK-KP', 'PK-BA')`,
    );
    const byDeltas = async () =>
      (
        await t.dataSource.query(
          `SELECT EXISTS (SELECT 1 FROM statistics_generation_deltas WHERE generation = (SELECT generation FROM statistics_cube_state)) AS "byDeltas"`,
        )
      )[0].byDeltas as boolean;
    await insertCases(t.dataSource, buildCases(districts, 2500, 5));
    await t.dataSource.query(`UPDATE cases SET trafficking_type = 'internal' WHERE jurisdiction_code = 'PK-KP'`);
    await t.dataSource.query(`UPDATE prosecutions SET prosecution_date = prosecution_date + 1
       WHERE (outcome_date IS NULL OR outcome_date > prosecution_date) AND case_id IN (SELECT id FROM cases WHERE jurisdiction_code = 'PK-BA')`);
    const [marks] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE case_id IS NULL)::int AS "withoutCase", count(DISTINCT case_id)::int AS cases FROM statistics_dirty`,
    );
    expect(marks.withoutCase).toBe(0);
    expect(marks.cases).toBeGreaterThan(2500);
    expect(await cube.refresh()).toBe(true);
    // the cube's new generation was reached by the cases' own changes (a whole rebuild records none)
    expect(await byDeltas()).toBe(true);
    await expectCubeToMatch(25);
    const taken = await cubeContents();
    await t.dataSource.query(`INSERT INTO statistics_dirty (jurisdiction_code) SELECT code FROM jurisdictions`);
    expect(await cube.refresh()).toBe(true);
    expect(await byDeltas()).toBe(false);
    expect(taken).toEqual(await cubeContents());
  });

  it('marks the jurisdiction whole for a statement over 50,000 rows, and stays exact', async () => {
    await cube.refresh();
    // every Balochistan case's status history written again, enough times over to pass 50,000 rows in one statement
    const [{ events }] = await t.dataSource.query(
      `SELECT count(*)::int AS events FROM case_status_events e JOIN cases c ON c.id = e.case_id WHERE c.jurisdiction_code = 'PK-BA'`,
    );
    await t.dataSource.query(
      `INSERT INTO case_status_events (case_id, from_status, to_status, status_date)
       SELECT e.case_id, e.from_status, e.to_status, e.status_date
         FROM case_status_events e JOIN cases c ON c.id = e.case_id CROSS JOIN generate_series(1, $1) copy
        WHERE c.jurisdiction_code = 'PK-BA'`,
      [Math.ceil(50_001 / events)],
    );
    const marks: Array<{ jurisdiction: string }> = await t.dataSource.query(
      `SELECT jurisdiction_code AS jurisdiction FROM statistics_dirty WHERE case_id IS NULL AND month IS NULL`,
    );
    expect(marks).toEqual([{ jurisdiction: 'PK-BA' }]);
    await expectCubeToMatch(25);
  });
});
