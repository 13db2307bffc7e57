import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { buildCases, insertCases } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

const MONTH = '2021-06';
const FROM = '2021-06-01';
const TO = '2021-06-30';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

async function sheets(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    out[ws.name] = [];
    ws.eachRow({ includeEmpty: false }, (row) => out[ws.name].push((row.values as unknown[]).slice(1)));
  }
  return out;
}

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('exports', () => {
  let t: TestApp;
  let analyst: string;
  let viewer: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    const districts = await t.dataSource.query('SELECT code, jurisdiction_code AS jurisdiction FROM districts');
    const cases = buildCases(districts, 1500, 11);
    // one case whose text would run as a formula in a spreadsheet
    cases[0].firDate = '2021-06-10';
    await insertCases(t.dataSource, cases);
    await t.dataSource.query(`UPDATE cases SET police_station = '=HYPERLINK("http://x","y")' WHERE id = $1`, [cases[0].id]);
    [analyst, viewer, admin] = [(await t.userWithToken('analyst')).token, (await t.userWithToken('viewer')).token, (await t.userWithToken('admin')).token];
  });
  afterAll(() => t.close());

  const stats = async (path: string, params: Record<string, string>) =>
    (await t.http.get(`/api/v1/statistics/${path}?${new URLSearchParams(params)}`).set('Authorization', `Bearer ${analyst}`)).body;
  const monthly = (token: string, audience?: string) =>
    binary(t.http.get(`/api/v1/exports/monthly?month=${MONTH}${audience ? `&audience=${audience}` : ''}`).set('Authorization', `Bearer ${token}`));

  it('builds the internal workbook with the same figures as the statistics endpoints', async () => {
    const res = await monthly(analyst, 'internal');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`tip-monthly-${MONTH}-internal`);
    const wb = await sheets(res.body);
    expect(Object.keys(wb)).toEqual(['Cover', 'Summary', 'Case status', 'Victims', 'Defendants', 'Exploitation forms', 'Routes', 'Trends', 'Cases']);
    expect(JSON.stringify(wb.Cover)).toContain('Rule 42');

    const summary = await stats('summary', { from: FROM, to: TO });
    for (const j of summary.byJurisdiction) {
      const row = wb.Summary.find((r) => r[0] === j.jurisdiction)!;
      expect(row.slice(1)).toEqual([j.casesRegistered, j.casesInvestigated, j.prosecutions.persons, j.prosecutions.cases, j.convictions.persons, j.convictions.cases, j.victimsIdentified, j.suspects]);
    }
    expect(wb.Summary.find((r) => r[0] === 'Pakistan (total)')!.slice(1, 3)).toEqual([summary.casesRegistered, summary.casesInvestigated]);

    const status = await stats('status', { from: FROM, to: TO });
    const statusHeader = wb['Case status'][0] as string[];
    for (const j of status.byJurisdiction) {
      const row = wb['Case status'].find((r) => r[0] === j.jurisdiction)!;
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
        const line = grid.find((g) => g[0] === r.sex.replace(/^./, (c: string) => c.toUpperCase()) && g[1] === r.ageBand)!;
        expect(line[header.indexOf(r.nationality)]).toBe(r.count);
      }
    }

    const routes = await stats('routes', { from: FROM, to: TO, limit: '25' });
    expect(wb.Routes.slice(1, routes.flows.length + 1)).toEqual(routes.flows.map((f: { origin: string; destination: string; cases: number; victims: number }) => [f.origin, f.destination, f.cases, f.victims]));

    const trend = await stats('trends', { from: '2020-07-01', to: TO, metric: 'prosecutions' });
    expect(wb.Trends.slice(1, 13).map((r) => [r[0], r[3]])).toEqual(trend.series[0].points.map((p: { period: string; value: number }) => [p.period, p.value]));

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

  it('suppresses small cells in the ministry workbook so none can be recovered from totals', async () => {
    const res = await monthly(viewer);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`tip-monthly-${MONTH}-ministry`);
    const wb = await sheets(res.body);
    expect(wb.Cases).toBeUndefined();
    const exact = await sheets((await monthly(analyst, 'internal')).body);
    for (const name of ['Summary', 'Case status', 'Victims', 'Defendants', 'Routes', 'Trends']) {
      wb[name].slice(1).forEach((row, r) => row.forEach((v, c) => {
        const truth = exact[name][r + 1]?.[c];
        if (typeof truth !== 'number') return;
        if (truth > 0 && truth < 5) expect([name, r, c, v]).toEqual([name, r, c, '<5']);
        if (truth === 0) expect(v).toBe(0);
        if (typeof v === 'number') expect(v).toBe(truth);
      }));
    }
    // in the status table (row totals and a national total row) no line has a single hidden cell
    const status = wb['Case status'].slice(1).filter((r) => typeof r[0] === 'string' && r.length > 2);
    for (const row of status) expect(row.filter((v) => v === '<5').length).not.toBe(1);
    for (let c = 1; c < (wb['Case status'][0] as unknown[]).length; c++) expect(status.filter((row) => row[c] === '<5').length).not.toBe(1);
    expect(JSON.stringify(wb['Case status'])).toContain('<5');
  });

  it('refuses the internal workbook to viewers and case-level data to everyone but admins and analysts', async () => {
    const res = await t.http.get(`/api/v1/exports/monthly?month=${MONTH}&audience=internal`).set('Authorization', `Bearer ${viewer}`);
    expect([res.status, res.body.code]).toEqual([403, 'EXPORT.AUDIENCE_FORBIDDEN']);
    expect((await t.http.get('/api/v1/exports/cases').set('Authorization', `Bearer ${viewer}`)).status).toBe(403);
    expect((await t.http.get('/api/v1/exports/monthly?month=2021-13').set('Authorization', `Bearer ${analyst}`)).status).toBe(400);
    expect((await t.http.get('/api/v1/exports/monthly?month=2099-01').set('Authorization', `Bearer ${analyst}`)).status).toBe(400);
  });

  it('keeps every version, lists them with their downloads, and audits generation and download', async () => {
    const list = (await t.http.get('/api/v1/exports').set('Authorization', `Bearer ${admin}`)).body;
    const internal = list.filter((e: { month: string; audience: string }) => e.month === MONTH && e.audience === 'internal');
    expect(internal.map((e: { version: number }) => e.version).sort()).toEqual([1, 2]);
    expect(internal.find((e: { version: number }) => e.version === 2).fileName).toBe(`tip-monthly-${MONTH}-internal-v2.xlsx`);
    const viewerList = (await t.http.get('/api/v1/exports').set('Authorization', `Bearer ${viewer}`)).body;
    expect(viewerList.every((e: { audience: string }) => e.audience === 'ministry')).toBe(true);
    expect((await t.http.get(`/api/v1/exports/${internal[0].id}`).set('Authorization', `Bearer ${viewer}`)).status).toBe(404);

    const ministry = viewerList[0];
    const got = await binary(t.http.get(`/api/v1/exports/${ministry.id}`).set('Authorization', `Bearer ${viewer}`));
    expect(got.status).toBe(200);
    const after = (await t.http.get('/api/v1/exports').set('Authorization', `Bearer ${admin}`)).body.find((e: { id: string }) => e.id === ministry.id);
    expect(after.downloads.length).toBeGreaterThanOrEqual(2);
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity = 'monthly_export' AND entity_id = $1`, [ministry.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['export.generate', 'export.download']));
  });

  it('generates last month’s ministry and internal workbooks on schedule', async () => {
    const made = await t.app.get(MonthlyExportsService).generatePreviousMonth(new Date('2021-07-01T03:00:00Z'));
    expect(made.map((e) => [e.month, e.audience, e.trigger])).toEqual([[MONTH, 'ministry', 'scheduled'], [MONTH, 'internal', 'scheduled']]);
  });

  it('streams the case-level export as csv and xlsx, escaping formula-like text', async () => {
    const count = Number((await t.dataSource.query(`SELECT count(*) n FROM cases WHERE deleted_at IS NULL AND jurisdiction_code = 'PK-PB'`))[0].n);
    const csv = await t.http.get('/api/v1/exports/cases?format=csv&jurisdiction=PK-PB').set('Authorization', `Bearer ${analyst}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/tip-cases-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length - 1).toBe(count);
    const all = await t.http.get('/api/v1/exports/cases?format=csv').set('Authorization', `Bearer ${analyst}`);
    expect(all.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const xlsx = await binary(t.http.get('/api/v1/exports/cases?format=xlsx&jurisdiction=PK-PB').set('Authorization', `Bearer ${admin}`));
    const wb = await sheets(xlsx.body);
    expect(wb.Cases.length - 1).toBe(count);
    expect(wb.Victims[0]).toEqual(['Case id', 'Jurisdiction', 'FIR no', 'FIR year', 'Victim ref', 'Sex', 'Age band', 'Nationality', 'Exploitation forms', 'Vulnerabilities', 'Identified on']);
    expect((await t.dataSource.query(`SELECT count(*) n FROM audit_events WHERE action = 'export.cases'`))[0].n).toBe('3');
  });

  (hasSoffice ? it : it.skip)('reads back the same figures when LibreOffice opens the workbooks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tip-lo-'));
    const bytes = (await monthly(analyst, 'internal')).body as Buffer;
    writeFileSync(join(dir, 'monthly.xlsx'), bytes);
    execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, join(dir, 'monthly.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['monthly-Summary.csv', 'monthly-Case status.csv', 'monthly-Victims.csv']));
    const summaryCsv = readFileSync(join(dir, 'monthly-Summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const summary = await stats('summary', { from: FROM, to: TO });
    for (const j of summary.byJurisdiction) {
      const row = summaryCsv.find((r) => r[0] === j.jurisdiction)!;
      expect(row.slice(1, 3).map(Number)).toEqual([j.casesRegistered, j.casesInvestigated]);
    }
    const exact = await sheets(bytes);
    const statusCsv = readFileSync(join(dir, 'monthly-Case status.csv'), 'utf8').trim().split('\n').slice(1, 8).map((l) => l.split(','));
    expect(statusCsv.map((r) => [r[0], ...r.slice(1).map(Number)])).toEqual(exact['Case status'].slice(1, 8));
  });
});
