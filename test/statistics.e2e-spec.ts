import {
  ageGroup,
  buildCases,
  demographics,
  expectedFigures,
  FCase,
  Filter,
  inPeriod,
  insertCases,
  selected,
  statusAt,
} from 'test/support/statistics-fixture';
import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('statistics', () => {
  let t: TestApp;
  let cases: FCase[];
  let analyst: Agent;
  let punjab: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts',
    );
    cases = buildCases(districts, 400);
    await insertCases(t.dataSource, cases);
    analyst = await signIn(t, 'analyst');
    punjab = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const get = (path: string, params: Record<string, string | undefined>, who = analyst) => {
    const query = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return who.get(`/api/v1/statistics/${path}?${query}`);
  };

  it('has fixture data covering the edge cases the rules speak of', () => {
    const f = { from: '2020-01-01', to: '2022-12-31' };
    expect(cases.some((c) => c.firDate < f.from && c.concludedOn && c.concludedOn >= f.from)).toBe(true); // investigated into the period
    expect(
      cases.some(
        (c) => c.firDate < '2019-01-01' && c.defendants.some((d) => d.prosecution && inPeriod(d.prosecution.date, f)),
      ),
    ).toBe(true);
    expect(cases.some((c) => c.deleted)).toBe(true);
    expect(cases.some((c) => c.family === 'som') && cases.some((c) => c.family === 'mixed')).toBe(true);
    expect(cases.some((c) => c.victims.some((v) => v.age === null && v.nationality === null))).toBe(true);
    expect(cases.some((c) => c.victims.some((v) => v.identifiedOn === null))).toBe(true);
  });

  const periods: Filter[] = [
    { from: '2016-01-01', to: '2025-12-31' },
    { from: '2020-01-01', to: '2022-12-31' },
    { from: '2023-03-01', to: '2023-03-31', offenceFamily: 'all' },
    { from: '2019-01-01', to: '2024-12-31', jurisdiction: 'PK-PB' },
    { from: '2018-01-01', to: '2024-12-31', offenceFamily: 'som' },
    { from: '2018-01-01', to: '2024-12-31', offenceFamily: 'mixed' },
    // not whole months: answered from the case tables rather than the monthly cube
    { from: '2020-01-15', to: '2022-11-20' },
    { from: '2019-02-10', to: '2024-12-31', jurisdiction: 'PK-PB' },
    { from: '2018-01-01', to: '2023-06-29', offenceFamily: 'all' },
    // ending mid-month after everything dated: counted to the month's end, from the cube
    { from: '2016-01-01', to: '2031-06-15' },
  ];

  it.each(periods)('summary counts items (a)–(f) as the rules say: %o', async (f) => {
    const res = await get('summary', { ...f });
    expect(res.status).toBe(200);
    const expected = expectedFigures(cases, f);
    expect(res.body).toMatchObject({ period: { from: f.from, to: f.to }, ...expected });
    for (const j of res.body.byJurisdiction) {
      expect({
        jurisdiction: j.jurisdiction,
        ...expectedFigures(cases, { ...f, jurisdiction: j.jurisdiction }),
      }).toEqual(j);
    }
    const statuses: Record<string, number> = {};
    for (const c of selected(cases, f).filter((c) => c.firDate <= f.to))
      statuses[statusAt(c, f.to)] = (statuses[statusAt(c, f.to)] ?? 0) + 1;
    for (const [status, n] of Object.entries(res.body.statusAtEnd))
      expect([status, n]).toEqual([status, statuses[status] ?? 0]);
  });

  it('keeps TIP figures free of smuggling and mixed cases unless asked', async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const [tip, som, mixed, all] = await Promise.all(
      ['tip', 'som', 'mixed', 'all'].map((family) => get('summary', { ...f, offenceFamily: family })),
    );
    expect(tip.body.casesRegistered + som.body.casesRegistered + mixed.body.casesRegistered).toBe(
      all.body.casesRegistered,
    );
    expect(tip.body.casesRegistered).toBe(cases.filter((c) => !c.deleted && c.family === 'tip').length);
    expect(som.body.casesRegistered).toBeGreaterThan(0);
  });

  it('answers zeros, not errors, for a period with no data', async () => {
    const res = await get('summary', { from: '1990-01-01', to: '1990-12-31' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      casesRegistered: 0,
      casesInvestigated: 0,
      prosecutions: { persons: 0, cases: 0 },
      victimsIdentified: 0,
      suspects: 0,
    });
    expect(Object.values(res.body.statusAtEnd).every((n) => n === 0)).toBe(true);
    expect(res.body.byJurisdiction).toHaveLength(7);
    const trend = await get('trends', { from: '1990-01-01', to: '1990-12-31', metric: 'prosecutions' });
    expect(trend.body.series).toEqual([
      {
        key: 'all',
        points: Array.from({ length: 12 }, (_, i) => ({ period: `1990-${String(i + 1).padStart(2, '0')}`, value: 0 })),
      },
    ]);
  });

  it.each([
    ['victims', 'prosecuted'],
    ['defendants', 'prosecuted'],
    ['victims', 'all'],
  ] as const)('demographics of %s (%s) by sex × age band × nationality', async (population, scope) => {
    const f = { from: '2019-01-01', to: '2023-12-31' };
    const res = await get('demographics', { ...f, population, scope });
    expect(res.status).toBe(200);
    const got = new Map<string, number>(
      res.body.rows.map((r: { sex: string; ageGroup: string; ageBand: string; nationality: string; count: number }) => [
        [r.sex, r.ageGroup, r.ageBand, r.nationality].join('|'),
        r.count,
      ]),
    );
    expect(got).toEqual(demographics(cases, f, population, scope));
  });

  it('trends: every period present, each value counted as in the summary', async () => {
    const f = { from: '2020-01-01', to: '2021-12-31' };
    for (const metric of ['casesRegistered', 'casesInvestigated', 'prosecutions', 'convictions', 'victims']) {
      const res = await get('trends', { ...f, metric, interval: 'quarter' });
      expect(res.status).toBe(200);
      expect(res.body.series).toHaveLength(1);
      const points = res.body.series[0].points;
      expect(points.map((p: { period: string }) => p.period)).toEqual([
        '2020-Q1',
        '2020-Q2',
        '2020-Q3',
        '2020-Q4',
        '2021-Q1',
        '2021-Q2',
        '2021-Q3',
        '2021-Q4',
      ]);
      const quarters = [
        ['01-01', '03-31'],
        ['04-01', '06-30'],
        ['07-01', '09-30'],
        ['10-01', '12-31'],
      ];
      const expected = ['2020', '2021'].flatMap((y) =>
        quarters.map(([a, b]) => {
          const e = expectedFigures(cases, { from: `${y}-${a}`, to: `${y}-${b}` });
          return {
            casesRegistered: e.casesRegistered,
            casesInvestigated: e.casesInvestigated,
            prosecutions: e.prosecutions.persons,
            convictions: e.convictions.persons,
            victims: e.victimsIdentified,
          }[metric];
        }),
      );
      expect([metric, points.map((p: { value: number }) => p.value)]).toEqual([metric, expected]);
    }
  });

  it('trends grouped by jurisdiction add up to the national series', async () => {
    const f = { from: '2018-01-01', to: '2024-12-31', metric: 'casesRegistered', interval: 'year' };
    const national = (await get('trends', f)).body.series[0].points;
    const grouped = (await get('trends', { ...f, groupBy: 'jurisdiction' })).body.series;
    expect(grouped.length).toBeGreaterThan(1);
    national.forEach((p: { period: string; value: number }, i: number) => {
      expect(grouped.reduce((n: number, s: { points: Array<{ value: number }> }) => n + s.points[i].value, 0)).toBe(
        p.value,
      );
    });
    expect((await get('trends', { ...f, groupBy: 'sex' })).status).toBe(400);
  });

  it('routes: origin → destination flows of cases registered in the period', async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const res = await get('routes', { ...f, level: 'country', limit: '500' });
    expect(res.status).toBe(200);
    const flows = new Map<string, { cases: number; victims: number }>();
    for (const c of selected(cases, f).filter((c) => inPeriod(c.firDate, f) && c.route.length)) {
      const key = `${c.route[0].country}>${c.route[c.route.length - 1].country}`;
      const v = flows.get(key) ?? { cases: 0, victims: 0 };
      flows.set(key, { cases: v.cases + 1, victims: v.victims + c.victims.length });
    }
    expect(
      new Map(
        res.body.flows.map((r: { origin: string; destination: string; cases: number; victims: number }) => [
          `${r.origin}>${r.destination}`,
          { cases: r.cases, victims: r.victims },
        ]),
      ),
    ).toEqual(flows);
    const cases_ = res.body.flows.map((r: { cases: number }) => r.cases);
    expect(cases_).toEqual([...cases_].sort((a, b) => b - a));
    const transitIRN = selected(cases, f).filter(
      (c) => inPeriod(c.firDate, f) && c.route.some((p) => p.kind === 'transit' && p.country === 'IRN'),
    ).length;
    expect(res.body.transits.find((x: { place: string }) => x.place === 'IRN')?.cases ?? 0).toBe(transitIRN);
  });

  it('status as at `to`, by jurisdiction', async () => {
    const f = { from: '2016-01-01', to: '2021-06-30' };
    const res = await get('status', f);
    expect(res.status).toBe(200);
    for (const j of res.body.byJurisdiction) {
      const expected: Record<string, number> = {};
      for (const c of selected(cases, { ...f, jurisdiction: j.jurisdiction }).filter((c) => c.firDate <= f.to))
        expected[statusAt(c, f.to)] = (expected[statusAt(c, f.to)] ?? 0) + 1;
      for (const [status, n] of Object.entries(j.counts))
        expect([j.jurisdiction, status, n]).toEqual([j.jurisdiction, status, expected[status] ?? 0]);
    }
  });

  it('attrition of the cases registered in the period, with median days', async () => {
    const f = { from: '2017-01-01', to: '2022-12-31' };
    const res = await get('attrition', f);
    const cohort = selected(cases, f).filter((c) => inPeriod(c.firDate, f));
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86400000;
    const median = (xs: number[]) => {
      if (!xs.length) return null;
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const challan = (c: FCase) =>
      c.events.find((e) => ['challan_submitted', 'under_trial', 'convicted', 'acquitted'].includes(e.to))?.date ?? null;
    const judged = (c: FCase) =>
      c.defendants
        .map((d) => d.prosecution)
        .filter((p) => p && p.outcome !== 'pending')
        .map((p) => p!.outcomeDate!)
        .sort()[0] ?? null;
    expect(res.body).toEqual({
      registered: cohort.length,
      investigationConcluded: cohort.filter((c) => c.concludedOn).length,
      challanSubmitted: cohort.filter((c) => challan(c)).length,
      prosecuted: cohort.filter((c) => c.defendants.some((d) => d.prosecution)).length,
      convicted: cohort.filter((c) => c.defendants.some((d) => d.prosecution?.outcome === 'convicted')).length,
      acquitted: cohort.filter((c) => c.events.some((e) => e.to === 'acquitted')).length,
      cancelled: cohort.filter((c) => c.events.some((e) => e.to === 'cancelled')).length,
      untraced: cohort.filter((c) => c.events.some((e) => e.to === 'untraced')).length,
      medianDays: {
        firToChallan: median(cohort.filter(challan).map((c) => days(c.firDate, challan(c)!))),
        challanToJudgment: median(
          cohort.filter((c) => challan(c) && judged(c)).map((c) => days(challan(c)!, judged(c))),
        ),
        firToJudgment: median(cohort.filter(judged).map((c) => days(c.firDate, judged(c)))),
      },
      reporting: expect.any(Object),
    });
  });

  it('vulnerabilities × sex × age group, and residence hotspots', async () => {
    const f = { from: '2018-01-01', to: '2024-12-31' };
    const res = await get('vulnerabilities', f);
    const victims = selected(cases, f).flatMap((c) =>
      c.victims.filter((v) => inPeriod(v.identifiedOn ?? c.firDate, f)),
    );
    const rows = new Map<string, number>();
    for (const v of victims)
      for (const u of v.vulnerabilities)
        rows.set([u, v.sex, ageGroup(v.age)].join('|'), (rows.get([u, v.sex, ageGroup(v.age)].join('|')) ?? 0) + 1);
    expect(
      new Map(
        res.body.rows.map((r: { vulnerability: string; sex: string; ageGroup: string; count: number }) => [
          [r.vulnerability, r.sex, r.ageGroup].join('|'),
          r.count,
        ]),
      ),
    ).toEqual(rows);
    const top = new Map<string, number>();
    for (const v of victims) if (v.residence) top.set(v.residence, (top.get(v.residence) ?? 0) + 1);
    for (const h of res.body.hotspots) expect([h.district, h.victims]).toEqual([h.district, top.get(h.district)]);
    expect(res.body.hotspots[0].victims).toBe(Math.max(...top.values()));
  });

  it('repeat offenders: linked by CNIC hash, never showing it', async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const res = await get('repeat-offenders', f);
    expect(res.status).toBe(200);
    const byHash = new Map<string, Set<string>>();
    for (const c of selected(cases, f).filter((c) => inPeriod(c.firDate, f))) {
      for (const d of c.defendants)
        if (d.cnicHash) byHash.set(d.cnicHash, (byHash.get(d.cnicHash) ?? new Set()).add(c.id));
    }
    const expected = [...byHash.values()]
      .filter((s) => s.size >= 2)
      .map((s) => s.size)
      .sort((a, b) => b - a);
    expect(res.body.offenders.map((o: { cases: number }) => o.cases)).toEqual(expected);
    expect(JSON.stringify(res.body)).not.toMatch(/hash\d/);
    expect((await get('repeat-offenders', f, punjab)).status).toBe(403);
  });

  it('limits a focal person to their jurisdiction and refuses another', async () => {
    const f = { from: '2016-01-01', to: '2025-12-31' };
    const own = await get('summary', f, punjab);
    expect(own.body.byJurisdiction.map((j: { jurisdiction: string }) => j.jurisdiction)).toEqual(['PK-PB']);
    expect(own.body.casesRegistered).toBe(expectedFigures(cases, { ...f, jurisdiction: 'PK-PB' }).casesRegistered);
    const other = await get('summary', { ...f, jurisdiction: 'PK-SD' }, punjab);
    expectProblem(other, 403, 'AUTH.JURISDICTION_FORBIDDEN');
    const viewer = await signIn(t, 'viewer');
    expect((await get('summary', f, viewer)).status).toBe(403);
  });

  it('refuses bad parameters, listing each', async () => {
    const backwards = await get('summary', { from: '2024-02-01', to: '2024-01-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'to', code: 'STATISTICS.BEFORE_FROM' });
    expect((await get('summary', { from: '1960-01-01', to: '2024-01-01' })).body.errors[0].code).toBe(
      'STATISTICS.SPAN_TOO_LONG',
    );
    const bad = await get('trends', { from: '2024-13-01', to: 'x', metric: 'money', interval: 'week', extra: '1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['from', 'to', 'metric', 'interval', 'extra']),
    );
  });
});
