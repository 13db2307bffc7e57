import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import {
  ageGroup,
  buildCases,
  demographics,
  expectedFigures,
  FCase,
  Filter,
  inPeriod,
  insertCases,
  rng,
  selected,
  statusAt,
  unitOf,
} from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

/*
 * Police and FIA (and another agency's unit) report cases of the same jurisdictions. Every
 * expected figure is computed from the fixture objects of that agency's cases, never by the SQL.
 */
const OTHER_UNIT = 'AHTC-KP';
const AGENCIES = ['police', 'fia', 'other'] as const;
type Figures = ReturnType<typeof expectedFigures>;

const plus = (a: Figures, b: Figures): Figures => ({
  casesRegistered: a.casesRegistered + b.casesRegistered,
  casesInvestigated: a.casesInvestigated + b.casesInvestigated,
  prosecutions: {
    persons: a.prosecutions.persons + b.prosecutions.persons,
    cases: a.prosecutions.cases + b.prosecutions.cases,
  },
  convictions: {
    persons: a.convictions.persons + b.convictions.persons,
    cases: a.convictions.cases + b.convictions.cases,
  },
  victimsIdentified: a.victimsIdentified + b.victimsIdentified,
  suspects: a.suspects + b.suspects,
});
const figuresOf = ({ agency: _agency, ...figures }: Figures & { agency: string }): Figures => figures;

describe('statistics by reporting unit and agency', () => {
  let t: TestApp;
  let cases: FCase[];
  let fia: FCase[];
  let analyst: Agent;
  let punjabPolice: Agent;

  beforeAll(async () => {
    t = await createTestApp();
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
    const r = rng(31);
    cases = buildCases(districts, 400, 13).map((c) => {
      if ((c.jurisdiction === 'PK-PB' || c.jurisdiction === 'PK-SD') && r() < 0.4)
        return { ...c, unit: { code: 'FIA', agency: 'fia' } };
      if (c.jurisdiction === 'PK-KP' && r() < 0.5) return { ...c, unit: { code: OTHER_UNIT, agency: 'other' } };
      return c;
    });
    fia = cases.filter((c) => unitOf(c).agency === 'fia');
    await insertCases(t.dataSource, cases);
    analyst = await signIn(t, 'analyst');
    punjabPolice = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const get = (path: string, params: Record<string, string | undefined>, who = analyst) => {
    const query = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return who.get(`/api/v1/statistics/${path}?${query}`);
  };

  it('has FIA cases beside police cases in Punjab and Sindh, and cases of another agency', () => {
    for (const j of ['PK-PB', 'PK-SD'])
      expect(
        AGENCIES.slice(0, 2).map((a) => cases.some((c) => c.jurisdiction === j && unitOf(c).agency === a)),
      ).toEqual([true, true]);
    expect(cases.some((c) => unitOf(c).agency === 'other' && !c.deleted)).toBe(true);
    const all = expectedFigures(fia, { from: '2016-01-01', to: '2025-12-31' });
    expect(
      Math.min(all.casesRegistered, all.prosecutions.persons, all.convictions.persons, all.victimsIdentified),
    ).toBeGreaterThan(0);
  });

  const periods: Filter[] = [
    { from: '2016-01-01', to: '2025-12-31' },
    { from: '2020-01-01', to: '2022-12-31' },
    { from: '2023-03-01', to: '2023-03-31', offenceFamily: 'all' },
    { from: '2019-01-01', to: '2024-12-31', jurisdiction: 'PK-PB' },
    { from: '2020-01-15', to: '2022-11-20', offenceFamily: 'all' },
  ];

  it.each(periods)('counts by agency add up to the totals: %o', async (f) => {
    const res = await get('summary', { ...f });
    expect(res.status).toBe(200);
    expect(res.body.byAgency.map((a: { agency: string }) => a.agency)).toEqual([...AGENCIES]);
    const {
      period: _period,
      statusAtEnd: _status,
      byJurisdiction: _j,
      reporting: _reporting,
      byAgency,
      ...totals
    } = res.body;
    expect(byAgency.map(figuresOf).reduce(plus)).toEqual(totals);
    for (const agency of AGENCIES) {
      const own = cases.filter((c) => unitOf(c).agency === agency);
      expect([agency, figuresOf(byAgency.find((a: { agency: string }) => a.agency === agency))]).toEqual([
        agency,
        expectedFigures(own, f),
      ]);
    }
    const fiaEntry = figuresOf(byAgency.find((a: { agency: string }) => a.agency === 'fia'));
    for (const filter of [{ agency: 'fia' }, { reportingUnit: 'FIA' }]) {
      const only = await get('summary', { ...f, ...filter });
      expect(only.status).toBe(200);
      expect(only.body).toMatchObject(fiaEntry);
      expect(only.body.byAgency.find((a: { agency: string }) => a.agency === 'police').casesRegistered).toBe(0);
    }
  });

  it('answers every statistic for agency=fia from the FIA cases alone', async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const fiaOnly = { ...f, agency: 'fia' };
    const summary = await get('summary', fiaOnly);
    expect(summary.body).toMatchObject(expectedFigures(fia, f));
    for (const j of summary.body.byJurisdiction)
      expect(j).toEqual({
        jurisdiction: j.jurisdiction,
        ...expectedFigures(fia, { ...f, jurisdiction: j.jurisdiction }),
      });

    const trends = await get('trends', { ...fiaOnly, metric: 'prosecutions', interval: 'year' });
    expect(trends.body.series[0].points).toEqual(
      Array.from({ length: 10 }, (_, i) => {
        const year = String(2016 + i);
        return {
          period: year,
          value: expectedFigures(fia, { from: `${year}-01-01`, to: `${year}-12-31` }).prosecutions.persons,
        };
      }),
    );

    const routes = await get('routes', { ...fiaOnly, level: 'country', limit: '500' });
    const flows = new Map<string, { cases: number; victims: number }>();
    for (const c of selected(fia, f).filter((c) => inPeriod(c.firDate, f) && c.route.length)) {
      const key = `${c.route[0].country}>${c.route[c.route.length - 1].country}`;
      const v = flows.get(key) ?? { cases: 0, victims: 0 };
      flows.set(key, { cases: v.cases + 1, victims: v.victims + c.victims.length });
    }
    expect(
      new Map(
        routes.body.flows.map((r: { origin: string; destination: string; cases: number; victims: number }) => [
          `${r.origin}>${r.destination}`,
          { cases: r.cases, victims: r.victims },
        ]),
      ),
    ).toEqual(flows);

    const asAt = '2021-06-30';
    const status = await get('status', { from: f.from, to: asAt, agency: 'fia' });
    const statuses: Record<string, number> = {};
    for (const c of selected(fia, f).filter((c) => c.firDate <= asAt))
      statuses[statusAt(c, asAt)] = (statuses[statusAt(c, asAt)] ?? 0) + 1;
    for (const [s, n] of Object.entries(status.body.total)) expect([s, n]).toEqual([s, statuses[s] ?? 0]);

    const attrition = await get('attrition', fiaOnly);
    const cohort = selected(fia, f).filter((c) => inPeriod(c.firDate, f));
    expect(attrition.body).toMatchObject({
      registered: cohort.length,
      investigationConcluded: cohort.filter((c) => c.concludedOn).length,
      prosecuted: cohort.filter((c) => c.defendants.some((d) => d.prosecution)).length,
      convicted: cohort.filter((c) => c.defendants.some((d) => d.prosecution?.outcome === 'convicted')).length,
      cancelled: cohort.filter((c) => c.events.some((e) => e.to === 'cancelled')).length,
      untraced: cohort.filter((c) => c.events.some((e) => e.to === 'untraced')).length,
    });

    const vulnerabilities = await get('vulnerabilities', fiaOnly);
    const rows = new Map<string, number>();
    for (const c of selected(fia, f))
      for (const v of c.victims.filter((v) => inPeriod(v.identifiedOn ?? c.firDate, f)))
        for (const u of v.vulnerabilities) {
          const key = [u, v.sex, ageGroup(v.age)].join('|');
          rows.set(key, (rows.get(key) ?? 0) + 1);
        }
    expect(
      new Map(
        vulnerabilities.body.rows.map((r: { vulnerability: string; sex: string; ageGroup: string; count: number }) => [
          [r.vulnerability, r.sex, r.ageGroup].join('|'),
          r.count,
        ]),
      ),
    ).toEqual(rows);

    const people = await get('demographics', { ...fiaOnly, population: 'victims', scope: 'all' });
    expect(
      new Map(
        people.body.rows.map(
          (r: { sex: string; ageGroup: string; ageBand: string; nationality: string; count: number }) => [
            [r.sex, r.ageGroup, r.ageBand, r.nationality].join('|'),
            r.count,
          ],
        ),
      ),
    ).toEqual(demographics(fia, f, 'victims', 'all'));

    const repeat = await get('repeat-offenders', fiaOnly);
    const byHash = new Map<string, Set<string>>();
    for (const c of selected(fia, f).filter((c) => inPeriod(c.firDate, f)))
      for (const d of c.defendants)
        if (d.cnicHash) byHash.set(d.cnicHash, (byHash.get(d.cnicHash) ?? new Set()).add(c.id));
    expect(repeat.body.offenders.map((o: { cases: number }) => o.cases)).toEqual(
      [...byHash.values()]
        .filter((s) => s.size >= 2)
        .map((s) => s.size)
        .sort((a, b) => b - a),
    );
  });

  it('lists exactly the FIA cases with agency=fia', async () => {
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const res = await analyst.get(`/api/v1/cases?agency=fia&pageSize=100&page=${page}`);
      expect(res.status).toBe(200);
      listed.push(...res.body.items.map((c: { id: string }) => c.id));
      if (listed.length >= res.body.total || !res.body.items.length) break;
    }
    expect(listed.sort()).toEqual(
      fia
        .filter((c) => !c.deleted)
        .map((c) => c.id)
        .sort(),
    );
  });

  it("counts only a Punjab Police focal person's own unit and refuses FIA's", async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const own = await get('summary', f, punjabPolice);
    expect(own.status).toBe(200);
    const ownCases = cases.filter((c) => unitOf(c).code === 'POLICE-PK-PB');
    const expected = expectedFigures(ownCases, f);
    expect(own.body).toMatchObject(expected);
    expect(own.body.byAgency).toEqual([
      { agency: 'police', ...expected },
      { agency: 'fia', ...expectedFigures([], f) },
      { agency: 'other', ...expectedFigures([], f) },
    ]);
    expectProblem(await get('summary', { ...f, agency: 'fia' }, punjabPolice), 403, 'AUTH.UNIT_FORBIDDEN');
    expectProblem(await get('summary', { ...f, reportingUnit: 'FIA' }, punjabPolice), 403, 'AUTH.UNIT_FORBIDDEN');
  });
});
