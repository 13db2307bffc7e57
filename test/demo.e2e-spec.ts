import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from 'src/demo/demo-accounts.service';
import { DemoCase, DemoDistrict } from 'src/demo/demo-data';
import { generateDemoData } from 'src/demo/demo-generator';
import { DemoLoader, DemoRefusedError } from 'src/demo/demo-loader.service';
import { Agent, agentOf, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, sheets } from 'test/support/workbook-reader';

/** A small set, so the suite stays fast; `npm run demo` loads 3,000. */
const SIZE = 400;
const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

const districtsOf = (t: TestApp): Promise<DemoDistrict[]> =>
  t.dataSource.query('SELECT code, jurisdiction_code AS jurisdiction, name FROM districts');
const countOf = async (t: TestApp, sql: string): Promise<number> => Number((await t.dataSource.query(sql))[0].n);

describe('demo mode', () => {
  let t: TestApp;
  let expected: DemoCase[];
  const agents: Record<string, Agent> = {};
  const as = async (email: string) =>
    (agents[email] ??= agentOf(t.http, { id: '', email, token: await t.login(email, DEMO_PASSWORD) }));

  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'true', DEMO_CASES: String(SIZE) });
    expected = generateDemoData({ cases: SIZE, districts: await districtsOf(t) }).cases;
  });
  afterAll(() => t.close());

  it('says it runs on demonstration data, to anyone', async () => {
    const res = await t.http.get('/api/v1/about');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'TIP case database', version, demo: true });
  });

  it('loaded the generated data set at start, every row of it', async () => {
    const stored = await t.dataSource.query(
      `SELECT jurisdiction_code, district_code, fir_number, fir_year, status, status_date::text, remarks,
              (SELECT count(*)::int FROM victims WHERE case_id = c.id) AS victims,
              (SELECT count(*)::int FROM defendants WHERE case_id = c.id) AS defendants,
              (SELECT count(*)::int FROM route_points WHERE case_id = c.id) AS route,
              (SELECT count(*)::int FROM case_status_events WHERE case_id = c.id) AS history
         FROM cases c ORDER BY jurisdiction_code, fir_year, fir_number`,
    );
    const generated = expected
      .map((c) => ({
        jurisdiction_code: c.jurisdiction,
        district_code: c.district,
        fir_number: c.firNumber,
        fir_year: c.firYear,
        status: c.status,
        status_date: c.statusDate,
        remarks: c.remarks,
        victims: c.victims.length,
        defendants: c.defendants.length,
        route: c.route.length,
        history: c.history.length,
      }))
      .sort(
        (a, b) =>
          a.jurisdiction_code.localeCompare(b.jurisdiction_code) ||
          a.fir_year - b.fir_year ||
          a.fir_number.localeCompare(b.fir_number),
      );
    expect(stored).toEqual(generated);
    const convictions = expected.flatMap((c) => c.defendants).filter((d) => d.prosecution?.conviction).length;
    expect(await countOf(t, 'SELECT count(*) n FROM convictions')).toBe(convictions);
    const load = await t.dataSource.query(`SELECT actor_id, detail FROM audit_events WHERE action = 'demo.load'`);
    expect(load).toEqual([{ actor_id: null, detail: expect.objectContaining({ cases: SIZE, convictions }) }]);
  });

  it('counts the statistics as the generated records say', async () => {
    const analyst = await as('analyst@demo.tip.local');
    const tip = expected.filter((c) => c.offenceFamily === 'tip');
    const inYear = (date: string | null | undefined) => !!date && date >= '2024-01-01' && date <= '2024-12-31';
    const figures = (cases: DemoCase[]) => {
      const accused = cases.flatMap((c) => c.defendants);
      return {
        casesRegistered: cases.filter((c) => inYear(c.firDate)).length,
        prosecuted: accused.filter((d) => inYear(d.prosecution?.prosecutionDate)).length,
        convicted: accused.filter((d) => inYear(d.prosecution?.conviction?.judgmentDate)).length,
        victimsIdentified: cases
          .flatMap((c) => c.victims.map((v) => v.identifiedOn ?? c.firDate))
          .filter((date) => inYear(date)).length,
        suspects: cases.filter((c) => inYear(c.firDate)).flatMap((c) => c.defendants).length,
      };
    };
    const shown = (f: {
      casesRegistered: number;
      prosecutions: { persons: number };
      convictions: { persons: number };
      victimsIdentified: number;
      suspects: number;
    }) => ({
      casesRegistered: f.casesRegistered,
      prosecuted: f.prosecutions.persons,
      convicted: f.convictions.persons,
      victimsIdentified: f.victimsIdentified,
      suspects: f.suspects,
    });
    const year = await analyst.get('/api/v1/statistics/summary?from=2024-01-01&to=2024-12-31');
    expect(year.status).toBe(200);
    expect(shown(year.body)).toEqual(figures(tip));
    for (const j of year.body.byJurisdiction)
      expect([j.jurisdiction, shown(j)]).toEqual([
        j.jurisdiction,
        figures(tip.filter((c) => c.jurisdiction === j.jurisdiction)),
      ]);

    const whole = await analyst.get('/api/v1/statistics/summary?from=2023-01-01&to=2025-12-31');
    const statuses: Record<string, number> = {};
    for (const c of tip) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(whole.body.statusAtEnd).filter(([, n]) => n !== 0))).toEqual(statuses);
  });

  it('has an account for each role and for the focal person of each jurisdiction', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const me = await (await as(account.email)).get('/api/v1/auth/me');
      expect([account.email, me.body.role, me.body.jurisdiction ?? undefined]).toEqual([
        account.email,
        account.role,
        account.jurisdiction,
      ]);
    }
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(['admin', 'analyst', 'viewer', 'focal_person']));
    const sindh = await (await as('sindh@demo.tip.local')).get('/api/v1/cases?pageSize=1');
    // the Sindh Police focal person sees the Sindh Police's cases, not the FIA's in Sindh
    expect(sindh.body.total).toBe(
      expected.filter((c) => c.jurisdiction === 'PK-SD' && c.reportingAgency === 'police').length,
    );
  });

  it('says "Demonstration data" first on the cover of every export', async () => {
    const analyst = await as('analyst@demo.tip.local');
    const made = await analyst.post('/api/v1/exports/monthly', { month: '2024-06', audience: 'ministry' });
    expect(made.status).toBe(201);
    expect(made.body.fileName).toBe('tip-monthly-2024-06-ministry-demo.xlsx');
    const monthly = await sheets((await binary(analyst.get(`/api/v1/exports/${made.body.id}`))).body);
    expect(String(monthly.Cover[0][0])).toMatch(/^Demonstration data: synthetic cases/);

    const caseExport = await binary(analyst.get('/api/v1/exports/cases?format=xlsx'));
    expect(caseExport.headers['content-disposition']).toMatch(/tip-cases-demo-/);
    const cases = await sheets(caseExport.body);
    expect(Object.keys(cases)).toEqual(['Cover', 'Cases', 'Victims']);
    expect(String(cases.Cover[0][0])).toMatch(/^Demonstration data/);
    expect(cases.Cases).toHaveLength(SIZE + 1);

    const template = await sheets(
      (await binary((await as('punjab@demo.tip.local')).get('/api/v1/imports/template'))).body,
    );
    expect(String(template.Instructions[0][0])).toMatch(/^Demonstration data/);
  });

  it('leaves a database that holds the demo set as it is', async () => {
    const before = await countOf(t, 'SELECT count(*) n FROM cases');
    expect(await t.app.get(DemoLoader).prepare()).toEqual({ state: 'present' });
    expect(await countOf(t, 'SELECT count(*) n FROM cases')).toBe(before);
    expect(await countOf(t, `SELECT count(*) n FROM audit_events WHERE action = 'demo.load'`)).toBe(1);
  });
});

describe('outside demo mode', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('says it holds no demonstration data, and writes no demo account or case at start', async () => {
    expect((await t.http.get('/api/v1/about')).body).toEqual({ name: 'TIP case database', version, demo: false });
    expect(await countOf(t, 'SELECT count(*) n FROM cases')).toBe(0);
    expect(await countOf(t, `SELECT count(*) n FROM users WHERE email LIKE '%@demo.tip.local'`)).toBe(0);
    const template = await sheets(
      (await binary((await signIn(t, 'focal_person', 'PK-PB')).get('/api/v1/imports/template'))).body,
    );
    expect(template.Instructions[0][0]).toBe('How to fill this workbook');
  });

  it('refuses to load the demo into a database that holds other cases, and writes nothing', async () => {
    const punjab = await signIn(t, 'focal_person', 'PK-PB');
    expect((await punjab.post('/api/v1/cases', caseBody())).status).toBe(201);
    const tables = ['cases', 'victims', 'defendants', 'route_points', 'case_status_events', 'users', 'audit_events'];
    const counts = () => Promise.all(tables.map((table) => countOf(t, `SELECT count(*) n FROM ${table}`)));
    const before = await counts();
    await expect(t.app.get(DemoLoader).prepare(50)).rejects.toThrow(DemoRefusedError);
    await expect(t.app.get(DemoLoader).prepare(50)).rejects.toThrow(
      /this database holds other cases; demo data is only loaded into an empty database/,
    );
    expect(await counts()).toEqual(before);
  });
});
