import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { countryName } from 'src/reference/countries';
import { buildCases, insertCases } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';
import { Agent, signIn } from 'test/support/agent';
import { binary, loadWorkbook, sheets } from 'test/support/workbook-reader';

const MONTH = '2021-06';
const FROM = '2021-06-01';
const TO = '2021-06-30';
const LIMIT = 4;

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Police stations an attacker would register, each with a formula where some separator starts a field. */
const HOSTILE = [
  'a;=10*10;',
  'a|=10*10|',
  'a\t=10*10',
  'a =10*10',
  'a,=10*10',
  'a;"=10*10";',
  'a;  +10*10',
  'a;-10*10',
  'a;@SUM(10*10)',
  'a\n=10*10',
  '=10*10',
];

describe('exports', () => {
  let t: TestApp;
  let analyst: Agent;
  let viewer: Agent;
  let admin: Agent;
  let names: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ EXPORT_GENERATIONS_PER_HOUR: String(LIMIT) });
    const districts = await t.dataSource.query('SELECT code, jurisdiction_code AS jurisdiction FROM districts');
    // FIA reports every third case of Punjab and Sindh, beside the provinces' police
    const cases = buildCases(districts, 1500, 11).map((c, i) =>
      ['PK-PB', 'PK-SD'].includes(c.jurisdiction) && i % 3 === 0
        ? { ...c, unit: { code: 'FIA', agency: 'fia' as const } }
        : c,
    );
    // one case whose text would run as a formula in a spreadsheet
    cases[0].firDate = '2021-06-10';
    await insertCases(t.dataSource, cases);
    await t.dataSource.query(`UPDATE cases SET police_station = '=HYPERLINK("http://x","y")' WHERE id = $1`, [
      cases[0].id,
    ]);
    names = new Map(
      (await t.dataSource.query('SELECT code, name FROM jurisdictions')).map((j: { code: string; name: string }) => [
        j.code,
        j.name,
      ]),
    );
    [analyst, viewer, admin] = [await signIn(t, 'analyst'), await signIn(t, 'viewer'), await signIn(t, 'admin')];
  });
  afterAll(() => t.close());

  const stats = async (path: string, params: Record<string, string>) =>
    (await analyst.get(`/api/v1/statistics/${path}?${new URLSearchParams(params)}`)).body;
  const generate = (who: Agent, body: object) => who.post('/api/v1/exports/monthly', body);
  const latest = (who: Agent, audience?: string) =>
    binary(who.get(`/api/v1/exports/monthly?month=${MONTH}${audience ? `&audience=${audience}` : ''}`));
  const stored = async () => Number((await t.dataSource.query('SELECT count(*) n FROM monthly_exports'))[0].n);

  it('generates on POST only; a GET downloads the latest kept version and never makes one', async () => {
    expect((await latest(viewer)).status).toBe(404);
    expect((await generate(viewer, { month: MONTH })).status).toBe(403);
    const before = await stored();
    for (let i = 0; i < 5; i++) expect((await latest(analyst, 'internal')).status).toBe(404);
    expect(await stored()).toBe(before);

    const made = await generate(analyst, { month: MONTH, audience: 'internal' });
    expect([made.status, made.body.month, made.body.audience, made.body.version]).toEqual([201, MONTH, 'internal', 1]);
    expect(made.headers.location).toBe(`/api/v1/exports/${made.body.id}`);
    expect(made.body).not.toHaveProperty('content');
    expect(made.body).not.toHaveProperty('published');
    const ministry = await generate(analyst, { month: MONTH, audience: 'ministry' });
    expect(ministry.status).toBe(201);

    for (let i = 0; i < 5; i++) expect((await latest(viewer)).status).toBe(200);
    expect(await stored()).toBe(before + 2);
    const got = await latest(viewer);
    expect(got.headers['content-disposition']).toContain(`tip-monthly-${MONTH}-ministry.xlsx`);
  });

  it('builds the internal workbook with the same figures as the statistics endpoints', async () => {
    const res = await latest(analyst, 'internal');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`tip-monthly-${MONTH}-internal`);
    const wb = await sheets(res.body);
    expect(Object.keys(wb)).toEqual([
      'Cover',
      'Summary',
      'Summary by agency',
      'Case status',
      'Victims',
      'Defendants',
      'Exploitation forms',
      'Routes',
      'Trends',
      'Reporting state',
      'Reporting state by unit',
      'By reporting unit',
      'Cases',
    ]);
    expect(JSON.stringify(wb.Cover)).toContain('Rule 42');

    const summary = await stats('summary', { from: FROM, to: TO });
    const punjabPolice = await stats('summary', { from: FROM, to: TO, reportingUnit: 'POLICE-PK-PB' });
    for (const j of summary.byJurisdiction) {
      const row = wb.Summary.find((r) => r[0] === names.get(j.jurisdiction))!;
      expect(row.slice(1)).toEqual([
        j.casesRegistered,
        j.casesInvestigated,
        j.prosecutions.persons,
        j.prosecutions.cases,
        j.convictions.persons,
        j.convictions.cases,
        j.victimsIdentified,
        j.suspects,
      ]);
    }
    expect(wb.Summary.find((r) => r[0] === 'Pakistan (total)')!.slice(1, 3)).toEqual([
      summary.casesRegistered,
      summary.casesInvestigated,
    ]);

    // police, FIA and other agencies side by side: each row the agency's figures, adding up to the total
    const byAgency = wb['Summary by agency'];
    const agencyRows = ['Police', 'FIA', 'Other agencies'].map((name) => byAgency.find((r) => r[0] === name)!);
    const totalRow = byAgency.find((r) => r[0] === 'Pakistan (total)')!;
    for (let c = 1; c < totalRow.length; c++)
      expect([c, agencyRows.reduce((n, r) => n + (r[c] as number), 0)]).toEqual([c, totalRow[c]]);
    expect(totalRow.slice(1)).toEqual(wb.Summary.find((r) => r[0] === 'Pakistan (total)')!.slice(1));
    for (const [i, agency] of ['police', 'fia', 'other'].entries()) {
      const a = summary.byAgency.find((x: { agency: string }) => x.agency === agency);
      expect([agency, ...agencyRows[i].slice(1)]).toEqual([
        agency,
        a.casesRegistered,
        a.casesInvestigated,
        a.prosecutions.persons,
        a.prosecutions.cases,
        a.convictions.persons,
        a.convictions.cases,
        a.victimsIdentified,
        a.suspects,
      ]);
    }
    expect(agencyRows[1][2]).toBeGreaterThan(0); // FIA investigated cases in the month

    // the internal workbook's figures per reporting unit: FIA's are the FIA column's, all add up to the total
    const units = wb['By reporting unit'];
    expect(units[0].slice(0, 3)).toEqual(['Unit', 'Name', 'Agency']);
    const unitRows = units.slice(1).filter((r) => typeof r[3] === 'number');
    expect(unitRows.find((r) => r[0] === 'FIA')!.slice(2)).toEqual(['fia', ...agencyRows[1].slice(1)]);
    for (let c = 3; c < units[0].length; c++)
      expect([c, unitRows.reduce((n, r) => n + (r[c] as number), 0)]).toEqual([c, totalRow[c - 2]]);
    expect(unitRows.find((r) => r[0] === 'POLICE-PK-PB')!.slice(3)).toEqual(
      [
        (s: typeof summary) => s.casesRegistered,
        (s: typeof summary) => s.casesInvestigated,
        (s: typeof summary) => s.prosecutions.persons,
        (s: typeof summary) => s.prosecutions.cases,
        (s: typeof summary) => s.convictions.persons,
        (s: typeof summary) => s.convictions.cases,
        (s: typeof summary) => s.victimsIdentified,
        (s: typeof summary) => s.suspects,
      ].map((read) => read(punjabPolice)),
    );

    const status = await stats('status', { from: FROM, to: TO });
    const statusHeader = wb['Case status'][0] as string[];
    for (const j of status.byJurisdiction) {
      const row = wb['Case status'].find((r) => r[0] === names.get(j.jurisdiction))!;
      expect(row[statusHeader.length - 1]).toBe(j.total);
      expect(row[statusHeader.indexOf('Under investigation')]).toBe(j.counts.under_investigation);
    }

    for (const population of ['victims', 'defendants']) {
      const demo = await stats('demographics', { from: FROM, to: TO, population });
      const grid = wb[population === 'victims' ? 'Victims' : 'Defendants'];
      const header = grid[0] as string[];
      const total = grid.find((r) => r[0] === 'Total')!;
      expect(total[header.length - 1]).toBe(demo.rows.reduce((n: number, r: { count: number }) => n + r.count, 0));
      for (const r of demo.rows) {
        const line = grid.find(
          (g) => g[0] === r.sex.replace(/^./, (c: string) => c.toUpperCase()) && g[1] === r.ageBand,
        )!;
        // nationalities by their English names, as a ministry reads them
        expect(line[header.indexOf(countryName(r.nationality))]).toBe(r.count);
      }
    }

    const routes = await stats('routes', { from: FROM, to: TO, limit: '25' });
    expect(wb.Routes.slice(1, routes.flows.length + 1)).toEqual(
      routes.flows.map((f: { origin: string; destination: string; cases: number; victims: number }) => [
        countryName(f.origin),
        countryName(f.destination),
        f.cases,
        f.victims,
      ]),
    );

    const trend = await stats('trends', { from: '2020-07-01', to: TO, metric: 'prosecutions' });
    expect(wb.Trends.slice(1, 13).map((r) => [r[0], r[3]])).toEqual(
      trend.series[0].points.map((p: { period: string; value: number }) => [p.period, p.value]),
    );

    const forms = await stats('trends', { from: FROM, to: TO, metric: 'casesRegistered', groupBy: 'exploitationForm' });
    for (const s of forms.series) {
      const row = wb['Exploitation forms'].find((r) => String(r[0]).toLowerCase() === s.key.replace(/_/g, ' '))!;
      expect(row[1]).toBe(s.points[0].value);
    }

    // the case sheet: status of each case active in the month, and text that looks like a formula escaped
    expect(wb.Cases.length - 1).toBeGreaterThan(0);
    expect(wb.Cases.some((r) => r[2] === `'=HYPERLINK("http://x","y")`)).toBe(true);
    expect(JSON.stringify(wb)).not.toMatch(/Accused|cnic/i);
  });

  it('refuses the internal workbook to viewers, bad months, and case-level data to everyone but admins and analysts', async () => {
    const res = await viewer.get(`/api/v1/exports/monthly?month=${MONTH}&audience=internal`);
    expect([res.status, res.body.code]).toEqual([403, 'EXPORT.AUDIENCE_FORBIDDEN']);
    expect((await viewer.get('/api/v1/exports/cases')).status).toBe(403);
    expect((await analyst.get('/api/v1/exports/monthly?month=2021-13')).status).toBe(400);
    expect((await generate(admin, { month: '2021-13' })).status).toBe(400);
    expect((await generate(admin, { month: MONTH, audience: 'everyone' })).status).toBe(400);
    const future = await generate(admin, { month: '2099-01' });
    expect([future.status, future.body.code]).toEqual([400, 'EXPORT.FUTURE_MONTH']);
  });

  it('throttles generation per user, not downloads, other users or the scheduler', async () => {
    const busy = await signIn(t, 'analyst');
    for (let i = 0; i < LIMIT; i++)
      expect((await generate(busy, { month: '2021-05', audience: 'internal' })).status).toBe(201);
    const refused = await generate(busy, { month: '2021-05', audience: 'internal' });
    expect([refused.status, refused.body.code]).toEqual([429, 'EXPORT.GENERATION_LIMIT']);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await binary(busy.get('/api/v1/exports/monthly?month=2021-05&audience=internal'))).status).toBe(200);
    expect((await generate(admin, { month: '2021-05', audience: 'internal' })).status).toBe(201);
    const made = await t.app.get(MonthlyExportsService).generatePreviousMonth(new Date('2021-07-01T03:00:00Z'));
    expect(made.map((e) => [e.month, e.audience, e.trigger])).toEqual([
      [MONTH, 'ministry', 'scheduled'],
      [MONTH, 'internal', 'scheduled'],
    ]);
  });

  it('keeps every version, lists them with their downloads (dates only for viewers), and audits generation and download', async () => {
    const list = (await admin.get('/api/v1/exports')).body;
    const internal = list.filter(
      (e: { month: string; audience: string }) => e.month === MONTH && e.audience === 'internal',
    );
    expect(internal.map((e: { version: number }) => e.version).sort()).toEqual([1, 2]);
    expect(internal.find((e: { version: number }) => e.version === 2).fileName).toBe(
      `tip-monthly-${MONTH}-internal-v2.xlsx`,
    );
    const viewerList = (await viewer.get('/api/v1/exports')).body;
    expect(viewerList.every((e: { audience: string }) => e.audience === 'ministry')).toBe(true);
    expect((await viewer.get(`/api/v1/exports/${internal[0].id}`)).status).toBe(404);

    const ministry = viewerList.find((e: { version: number }) => e.version === 1);
    const got = await binary(viewer.get(`/api/v1/exports/${ministry.id}`));
    expect(got.status).toBe(200);
    const forAdmin = (await admin.get('/api/v1/exports')).body.find((e: { id: string }) => e.id === ministry.id);
    expect(forAdmin.downloadCount).toBeGreaterThanOrEqual(7);
    expect(forAdmin.downloads[0].by).toMatch(/@/);
    const forViewer = (await viewer.get('/api/v1/exports')).body.find((e: { id: string }) => e.id === ministry.id);
    expect(forViewer.downloadCount).toBe(forAdmin.downloadCount);
    expect(forViewer.downloads.map((d: { at: string }) => d.at)).toEqual(
      forAdmin.downloads.map((d: { at: string }) => d.at),
    );
    expect(JSON.stringify(forViewer.downloads)).not.toMatch(/@|"by"/);
    // nor who generated it: NPB staff e-mails stay inside NPB, in the listing and on the ministry workbook's cover
    expect([forViewer.generatedBy, forAdmin.generatedBy]).toEqual([null, expect.stringMatching(/@/)]);
    expect(JSON.stringify((await sheets(got.body)).Cover)).not.toMatch(/@/);
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity = 'monthly_export' AND entity_id = $1`,
      [ministry.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['export.generate', 'export.download']),
    );
  });

  it('narrows the list by year, month and audience, newest month first; a viewer lists ministry workbooks only', async () => {
    await t.app.get(MonthlyExportsService).generate('2020-12', 'ministry', null, 'scheduled');
    await t.app.get(MonthlyExportsService).generate('2020-12', 'internal', null, 'scheduled');
    type Listed = { id: string; month: string; audience: string; version: number };
    const list = async (who: Agent, query = '') => {
      const res = await who.get(`/api/v1/exports${query}`);
      expect(res.status).toBe(200);
      return res.body as Listed[];
    };
    const ids = (items: Listed[]) => items.map((e) => e.id);
    const all = await list(analyst);
    expect(new Set(all.map((e) => e.month))).toEqual(new Set(['2021-06', '2021-05', '2020-12']));
    const newestFirst = [...all].sort(
      (a, b) => b.month.localeCompare(a.month) || a.audience.localeCompare(b.audience) || b.version - a.version,
    );
    expect(ids(all)).toEqual(ids(newestFirst));

    expect(ids(await list(analyst, '?year=2021'))).toEqual(ids(all.filter((e) => e.month.startsWith('2021-'))));
    expect(ids(await list(analyst, '?year=2020'))).toEqual(ids(all.filter((e) => e.month === '2020-12')));
    expect(ids(await list(analyst, `?month=${MONTH}`))).toEqual(ids(all.filter((e) => e.month === MONTH)));
    expect(ids(await list(analyst, '?audience=internal'))).toEqual(ids(all.filter((e) => e.audience === 'internal')));
    expect(ids(await list(admin, `?year=2021&month=${MONTH}&audience=ministry`))).toEqual(
      ids(all.filter((e) => e.month === MONTH && e.audience === 'ministry')),
    );
    expect(await list(analyst, '?year=2019')).toEqual([]);
    expect(await list(analyst, `?year=2020&month=${MONTH}`)).toEqual([]);

    const ministry = ids(all.filter((e) => e.audience === 'ministry'));
    expect(ids(await list(viewer))).toEqual(ministry);
    expect(ids(await list(viewer, '?audience=ministry'))).toEqual(ministry);
    expect(ids(await list(viewer, '?year=2020'))).toEqual(
      ids(all.filter((e) => e.month === '2020-12' && e.audience === 'ministry')),
    );
    const refused = await viewer.get('/api/v1/exports?audience=internal');
    expect([refused.status, refused.body.code]).toEqual([403, 'EXPORT.AUDIENCE_FORBIDDEN']);
    for (const bad of ['year=20x1', 'year=1899', 'month=2021-13', 'month=2021', 'audience=everyone']) {
      const res = await analyst.get(`/api/v1/exports?${bad}`);
      expect([bad, res.status, res.body.code]).toEqual([bad, 400, 'COMMON.VALIDATION_FAILED']);
    }
  });

  it('streams the case-level export as csv and xlsx, every text field quoted and formula-like text escaped', async () => {
    const count = Number(
      (
        await t.dataSource.query(
          `SELECT count(*) n FROM cases WHERE deleted_at IS NULL AND jurisdiction_code = 'PK-PB'`,
        )
      )[0].n,
    );
    const csv = await analyst.get('/api/v1/exports/cases?format=csv&jurisdiction=PK-PB');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/tip-cases-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.length - 1).toBe(count);
    // RFC 4180 with every text field quoted: the id, jurisdiction and police station of each row are
    expect(lines.slice(1).every((l) => /^"[0-9a-f-]{36}","PK-PB","PK\d+","[^"]*","[^"]*"/.test(l))).toBe(true);
    const all = await analyst.get('/api/v1/exports/cases?format=csv');
    expect(all.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const xlsx = await binary(admin.get('/api/v1/exports/cases?format=xlsx&jurisdiction=PK-PB'));
    const wb = await sheets(xlsx.body);
    expect(wb.Cases.length - 1).toBe(count);
    // each case's reporting unit and agency close the row
    expect(wb.Cases[0].slice(-2)).toEqual(['Reporting unit', 'Agency']);
    const unitOf = new Map<string, string>(
      (
        await t.dataSource.query(
          `SELECT id, reporting_unit_code || ',' || reporting_agency AS unit FROM cases WHERE deleted_at IS NULL AND jurisdiction_code = 'PK-PB'`,
        )
      ).map((r: { id: string; unit: string }) => [r.id, r.unit]),
    );
    const rowUnits = wb.Cases.slice(1).map((r) => [r[0], r.slice(-2).join()]);
    expect(rowUnits).toEqual(rowUnits.map(([id]) => [id, unitOf.get(id as string)]));
    expect(new Set(rowUnits.map(([, unit]) => unit))).toEqual(new Set(['POLICE-PK-PB,police', 'FIA,fia']));
    expect(wb.Victims[0]).toEqual([
      'Case id',
      'Jurisdiction',
      'FIR no',
      'FIR year',
      'Victim ref',
      'Sex',
      'Age band',
      'Nationality',
      'Exploitation forms',
      'Vulnerabilities',
      'Identified on',
    ]);
    expect((await t.dataSource.query(`SELECT count(*) n FROM audit_events WHERE action = 'export.cases'`))[0].n).toBe(
      '3',
    );
  });

  (hasSoffice ? it : it.skip)(
    'no police station runs as a formula when LibreOffice opens the csv with any usual separator',
    async () => {
      const ids: Array<{ id: string }> = await t.dataSource.query(
        `SELECT id FROM cases WHERE jurisdiction_code = 'PK-SD' AND deleted_at IS NULL ORDER BY id LIMIT ${HOSTILE.length}`,
      );
      for (const [i, { id }] of ids.entries())
        await t.dataSource.query('UPDATE cases SET police_station = $1 WHERE id = $2', [HOSTILE[i], id]);
      const csv = await analyst.get('/api/v1/exports/cases?format=csv&jurisdiction=PK-SD');
      expect(csv.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'tip-csv-'));
      writeFileSync(join(dir, 'export.csv'), csv.text);
      // the same fields as the service writes them but unescaped: proves LibreOffice would run them
      writeFileSync(join(dir, 'control.csv'), HOSTILE.map((v) => `"x","${v.replace(/"/g, '""')}",1\r\n`).join(''));

      const formulasWith = async (separator: number) => {
        const out = join(dir, String(separator));
        execFileSync(
          'soffice',
          [
            '--headless',
            `--infilter=CSV:${separator},34,76,1,,0,false,true,false,false,false,-1,true`,
            '--convert-to',
            'xlsx',
            '--outdir',
            out,
            join(dir, 'export.csv'),
            join(dir, 'control.csv'),
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const count = async (file: string) => {
          let n = 0;
          (await loadWorkbook(readFileSync(join(out, file)))).eachSheet((ws) =>
            ws.eachRow((row) => row.eachCell((cell) => (n += Number(cell.type === ExcelJS.ValueType.Formula)))),
          );
          return n;
        };
        expect(readdirSync(out).sort()).toEqual(['control.xlsx', 'export.xlsx']);
        return { exported: await count('export.xlsx'), control: await count('control.xlsx') };
      };
      const bySeparator: Record<string, { exported: number; control: number }> = {};
      for (const [name, code] of [
        [',', 44],
        [';', 59],
        ['tab', 9],
        ['|', 124],
        ['space', 32],
      ] as const)
        bySeparator[name] = await formulasWith(code);
      for (const [name, r] of Object.entries(bySeparator)) expect([name, r.exported]).toEqual([name, 0]);
      expect(bySeparator[';'].control).toBeGreaterThan(0);
      expect(bySeparator['|'].control).toBeGreaterThan(0);
      expect(bySeparator.tab.control).toBeGreaterThan(0);
    },
  );

  (hasSoffice ? it : it.skip)('reads back the same figures when LibreOffice opens the workbooks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tip-lo-'));
    const bytes = (await latest(analyst, 'internal')).body as Buffer;
    writeFileSync(join(dir, 'monthly.xlsx'), bytes);
    execFileSync(
      'soffice',
      [
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        dir,
        join(dir, 'monthly.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const files = readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining(['monthly-Summary.csv', 'monthly-Case status.csv', 'monthly-Victims.csv']),
    );
    const summaryCsv = readFileSync(join(dir, 'monthly-Summary.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const summary = await stats('summary', { from: FROM, to: TO });
    for (const j of summary.byJurisdiction) {
      const row = summaryCsv.find((r) => r[0] === names.get(j.jurisdiction))!;
      expect(row.slice(1, 3).map(Number)).toEqual([j.casesRegistered, j.casesInvestigated]);
    }
    const exact = await sheets(bytes);
    const statusCsv = readFileSync(join(dir, 'monthly-Case status.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1, 8)
      .map((l) => l.split(','));
    expect(statusCsv.map((r) => [r[0], ...r.slice(1).map(Number)])).toEqual(exact['Case status'].slice(1, 8));
  });
});
