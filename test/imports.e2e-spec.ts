import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('spreadsheet import', () => {
  let t: TestApp;
  let punjab: string;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = (await t.userWithToken('focal_person', 'PK-PB')).token;
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, query = '', token = punjab, name = 'upload.xlsx') =>
    t.http.post(`/api/v1/imports${query}`).set('Authorization', `Bearer ${token}`).attach('file', file, name);

  it('commits a good workbook and reports everything unchanged on re-upload', async () => {
    const file = await buildWorkbook(goodCase());
    const dry = await upload(file, '?dryRun=true');
    expect([dry.status, dry.body.errors]).toEqual([200, []]);
    expect(dry.body).toMatchObject({ status: 'validated', dryRun: true, counts: { cases: { created: 1, updated: 0, unchanged: 0 }, victims: { created: 2 } } });
    expect((await t.dataSource.query('SELECT count(*)::int n FROM cases'))[0].n).toBe(0);

    const first = await upload(file);
    expect([first.status, first.body.errors]).toEqual([201, []]);
    expect(first.body.counts).toEqual({
      cases: { created: 1, updated: 0, unchanged: 0 }, victims: { created: 2, updated: 0, unchanged: 0 },
      defendants: { created: 2, updated: 0, unchanged: 0 }, prosecutions: { created: 2, updated: 0, unchanged: 0 },
    });
    const again = await upload(file);
    expect(again.body.counts).toEqual({
      cases: { created: 0, updated: 0, unchanged: 1 }, victims: { created: 0, updated: 0, unchanged: 2 },
      defendants: { created: 0, updated: 0, unchanged: 2 }, prosecutions: { created: 0, updated: 0, unchanged: 2 },
    });
    const [c] = await t.dataSource.query(`SELECT id, status, fir_number, district_code, law_sections FROM cases`);
    expect(c).toMatchObject({ status: 'convicted', fir_number: '0012', district_code: 'PK628', law_sections: ['PTPA-3', 'PPC-371A'] });
    const events = await t.dataSource.query('SELECT from_status, to_status, status_date::text FROM case_status_events WHERE case_id = $1 ORDER BY id', [c.id]);
    expect(events).toEqual([
      { from_status: null, to_status: 'registered', status_date: '2024-01-15' },
      { from_status: 'registered', to_status: 'convicted', status_date: '2024-11-20' },
    ]);
    const conviction = await t.dataSource.query('SELECT imprisonment_months, fine_pkr, appeal_status FROM convictions');
    expect(conviction).toEqual([{ imprisonment_months: 84, fine_pkr: '500000', appeal_status: 'pending' }]);
    const route = await t.dataSource.query('SELECT kind, country_code, district_code FROM route_points ORDER BY position');
    expect(route).toEqual([
      { kind: 'origin', country_code: 'PAK', district_code: 'PK628' },
      { kind: 'transit', country_code: 'IRN', district_code: null },
      { kind: 'destination', country_code: 'OMN', district_code: null },
    ]);
  });

  it('rejects a workbook with problems, lists every one, and writes nothing', async () => {
    const before = await t.dataSource.query('SELECT (SELECT count(*) FROM cases) c, (SELECT count(*) FROM victims) v');
    const data = goodCase('0099', { 'FIR Year': 2023, Status: 'Teleported' });
    data.Victims[0].Age = 130;
    data.Victims[1].Sex = 'Alien';
    data.Prosecutions[0]['Defendant Ref'] = 'D9';
    const res = await upload(await buildWorkbook(data));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT.REJECTED', status: 'rejected' });
    const found = res.body.errors.map((e: { sheet: string; row: number; column: string; code: string }) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);
    expect(found).toEqual(expect.arrayContaining([
      'Cases:2:FIR Year:IMPORT.FIR_YEAR_MISMATCH', 'Cases:2:Status:IMPORT.UNKNOWN_CODE', 'Victims:2:Age:IMPORT.INVALID_AGE', 'Victims:3:Sex:IMPORT.UNKNOWN_CODE',
    ]));
    expect(JSON.stringify(res.body)).not.toMatch(/Alien|Teleported|130|Accused One/);
    expect(await t.dataSource.query('SELECT (SELECT count(*) FROM cases) c, (SELECT count(*) FROM victims) v')).toEqual(before);

    const report = await t.http.get(`/api/v1/imports/${res.body.id}/report.xlsx`).set('Authorization', `Bearer ${punjab}`).buffer(true)
      .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(report.status).toBe(200);
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.body);
    const victims = wb.getWorksheet('Victims')!;
    const header = (victims.getRow(1).values as unknown[]).slice(1);
    expect(header[header.length - 1]).toBe('Errors');
    expect(String(victims.getRow(2).getCell(header.length).value)).toContain('IMPORT.INVALID_AGE');
    const ageCol = header.indexOf('Age') + 1;
    expect((victims.getRow(2).getCell(ageCol).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
  });
});
