import { UsersService } from 'src/users/users.service';
import { buildWorkbook, SheetData } from 'test/fixtures/imports/workbook-builder';
import { Agent, agentOf, signIn } from 'test/support/agent';
import { createTestApp, TEST_PASSWORD, TestApp } from 'test/support/test-app';
import { binary } from 'test/support/workbook-reader';

type Problem = { sheet: string; row: number; column: string; code: string };
const told = (errors: Problem[]) => errors.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);

const LAHORE = { District: 'Lahore', 'Police Station': 'PS Gulberg', 'FIR No': '701', 'FIR Year': 2024 };
const SUKKUR = { District: 'Sukkur', 'Police Station': 'PS City', 'FIR No': '702', 'FIR Year': 2024 };

/** Registered TIP cases, one per key, each with a victim. */
function workbook(...cases: Array<{ key: Record<string, unknown>; extra?: Record<string, unknown> }>): SheetData {
  return {
    Cases: cases.map(({ key, extra }) => ({
      ...key,
      'FIR Date': '15/01/2024',
      'Offence Family': 'TIP',
      'Trafficking Type': 'Internal',
      Status: 'Registered',
      ...extra,
    })),
    Victims: cases.map(({ key }) => ({ ...key, 'Victim Ref': 'V1', Sex: 'Female', Age: 19 })),
  };
}

describe('imports of reporting units', () => {
  let t: TestApp;
  let fia: Agent;
  let punjab: Agent;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const email = 'fia-focal@test.example';
    const user = await t.app
      .get(UsersService)
      .create({ email, password: TEST_PASSWORD, role: 'focal_person', reportingUnit: 'FIA' }, null);
    fia = agentOf(t.http, { id: user.id, email, token: await t.login(email) });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const storedCases = (): Promise<Array<Record<string, string>>> =>
    t.dataSource.query(
      `SELECT id, fir_number, jurisdiction_code, reporting_unit_code, reporting_agency, status, updated_at::text
         FROM cases ORDER BY fir_number`,
    );

  it("commits an FIA workbook spanning Punjab and Sindh as the FIA's cases, which the Punjab Police cannot see", async () => {
    const res = await fia.upload(await buildWorkbook(workbook({ key: LAHORE }, { key: SUKKUR })));
    expect([res.status, res.body.errors]).toEqual([201, []]);
    const stored = await storedCases();
    expect(stored.map((c) => [c.fir_number, c.jurisdiction_code, c.reporting_unit_code, c.reporting_agency])).toEqual([
      ['701', 'PK-PB', 'FIA', 'fia'],
      ['702', 'PK-SD', 'FIA', 'fia'],
    ]);

    const listed = await punjab.get('/api/v1/cases');
    expect(listed.status).toBe(200);
    const ids = (listed.body.items as Array<{ id: string }>).map((c) => c.id);
    expect(ids.filter((id) => stored.some((c) => c.id === id))).toEqual([]);
    const lahore = stored.find((c) => c.fir_number === '701')!;
    expect((await punjab.get(`/api/v1/cases/${lahore.id}`)).status).toBe(404);
    expect((await fia.get(`/api/v1/cases/${lahore.id}`)).status).toBe(200);
  });

  it('refuses a Punjab Police workbook with a row naming the FIA, listing the row, and writes nothing', async () => {
    const before = await storedCases();
    const file = workbook(
      { key: { ...LAHORE, 'FIR No': '801' } },
      { key: { ...LAHORE, 'FIR No': '802' }, extra: { 'Reporting Agency': 'FIA' } },
    );
    const res = await punjab.upload(await buildWorkbook(file));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT.REJECTED', status: 'rejected' });
    expect(told(res.body.errors)).toEqual(['Cases:3:Reporting Agency:IMPORT.OTHER_UNIT']);
    expect(await storedCases()).toEqual(before);
  });

  it("refuses a Punjab Police row re-using the key of the FIA's stored case, and leaves that case as it was", async () => {
    const before = await storedCases();
    const file = workbook(
      { key: { ...LAHORE, 'FIR No': '803' } },
      { key: LAHORE, extra: { Status: 'Under investigation' } },
    );
    const res = await punjab.upload(await buildWorkbook(file));
    expect(res.status).toBe(422);
    expect(told(res.body.errors)).toEqual(['Cases:3:FIR No:IMPORT.OTHER_UNIT']);
    expect(res.body.errors[0].message).toContain('FIA');
    expect(await storedCases()).toEqual(before);
    const victims = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM victims v JOIN cases c ON c.id = v.case_id WHERE c.fir_number = '701'`,
    );
    expect(victims[0].n).toBe(1);
  });

  it('lets the FIA upload while a Punjab Police import holds its unit', async () => {
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    // another instance of the service importing for the Punjab Police holds its lock on its own connection
    await other.query(`SELECT pg_advisory_lock(hashtext('tip-import:' || 'POLICE-PK-PB'))`);
    try {
      const [police, federal] = await Promise.all([
        punjab.upload(await buildWorkbook(workbook({ key: { ...LAHORE, 'FIR No': '804' } }))),
        fia.upload(await buildWorkbook(workbook({ key: { ...SUKKUR, 'FIR No': '805' } }))),
      ]);
      expect([police.status, police.body.code]).toEqual([409, 'IMPORT.BUSY']);
      expect([federal.status, federal.body.errors]).toEqual([201, []]);
    } finally {
      await other.query('SELECT pg_advisory_unlock_all()');
      await other.release();
    }
    const stored = await storedCases();
    expect(stored.map((c) => [c.fir_number, c.reporting_unit_code])).toEqual([
      ['701', 'FIA'],
      ['702', 'FIA'],
      ['805', 'FIA'],
    ]);
  });

  it('gives the FIA a template with the districts of all its jurisdictions, naming its unit', async () => {
    const res = await binary(fia.get('/api/v1/imports/template'));
    expect(res.status).toBe(200);
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const codes: string[] = [];
    wb.getWorksheet('Districts')!.eachRow((row, n) => n > 1 && codes.push(row.getCell(2).text));
    const expected: Array<{ code: string }> = await t.dataSource.query(
      `SELECT d.code FROM districts d JOIN reporting_unit_jurisdictions u ON u.jurisdiction_code = d.jurisdiction_code
        WHERE u.reporting_unit_code = 'FIA'`,
    );
    expect(expected.length).toBeGreaterThan(100);
    expect(codes.sort()).toEqual(expected.map((d) => d.code).sort());
    const instructions: string[] = [];
    wb.getWorksheet('Instructions')!.eachRow((row) => instructions.push(row.getCell(1).text));
    expect(instructions.some((line) => line.startsWith('Every row is a case of FIA'))).toBe(true);

    // a national template offers every unit's code in the Reporting Agency dropdown
    const national = await binary((await signIn(t, 'admin')).get('/api/v1/imports/template'));
    const nationalWb = new ExcelJS.Workbook();
    await nationalWb.xlsx.load(national.body);
    const listed = new Set<string>();
    nationalWb.getWorksheet('Lists')!.eachRow((row) => row.eachCell((cell) => listed.add(cell.text)));
    const units: Array<{ code: string }> = await t.dataSource.query('SELECT code FROM reporting_units WHERE active');
    expect(units.filter((u) => !listed.has(u.code))).toEqual([]);
  });
});
