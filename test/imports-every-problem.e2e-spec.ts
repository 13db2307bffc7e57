import * as ExcelJS from 'exceljs';
import { ImportFieldCodes } from 'src/common/errors/field-codes';
import { buildWorkbook, goodCase } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * Codes that cannot be among a workbook's row problems: each ends the reading of the file
 * (or concerns a CSV only, or is looked for only without other problems), so it never comes
 * with the others.
 */
const ENDS_THE_FILE = new Set([
  'NO_SHEETS',
  'NO_ROWS',
  'ZIP_LIMITS',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'CELL_TOO_LONG',
  'READ_LIMITS',
  'MISSING_COLUMN',
  'UNKNOWN_SHEET',
  'UNREADABLE_WORKBOOK',
  // of a batch whose process stopped or whose database connection was lost, not of a file
  'INTERRUPTED',
  'FAILED',
  // looked for only once a file has no other problem (test/month-locks.e2e-spec.ts)
  'MONTH_LOCKED',
]);

/** Every code of an import problem, by name (the case rules' own come out as their IMPORT.* twins). */
const IMPORT_CODES = Object.keys(ImportFieldCodes);

type Row = Record<string, unknown>;
/** The header row is on row 3, under a title and a blank row. */
const FIRST_DATA_ROW = 4;

/** A sheet of the workbook, each row planted with the problems it must be reported with. */
class Sheet {
  readonly rows: Row[] = [];
  readonly expected: string[] = [];
  constructor(
    readonly kind: string,
    readonly name: string,
    readonly headers: string[],
  ) {}

  add(row: Row, ...problems: Array<[column: string, code: string]>): this {
    this.rows.push(row);
    for (const [column, code] of problems) this.problem(FIRST_DATA_ROW + this.rows.length - 1, column, code);
    return this;
  }

  problem(row: number, column: string, code: string): void {
    this.expected.push(`${this.kind}:${row}:${column}:IMPORT.${code}`);
  }

  write(wb: ExcelJS.Workbook): void {
    const ws = wb.addWorksheet(this.name);
    ws.addRow([`Punjab Police — TIP ${this.kind}, March 2024`]);
    ws.addRow([]);
    ws.addRow(this.headers);
    for (const r of this.rows) ws.addRow(this.headers.map((h) => r[h] ?? null));
  }
}

const key = (fir: string, district = 'R.Y. Khan') => ({
  District: district,
  'Police Station': 'PS Saddar',
  'FIR No': fir,
  'FIR Year': 2024,
});
const under = (fir: string, more: Row = {}) => ({
  ...key(fir),
  'FIR Date': '15/01/2024',
  'Offence Family': 'TIP',
  Status: 'Under Investigation',
  ...more,
});

describe('an upload with a problem of every kind', () => {
  let t: TestApp;
  let punjab: Agent;
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    punjab = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, query = '') => punjab.upload(file, { query, name: 'everything-wrong.xlsx' });
  const TABLES = [
    'cases',
    'case_status_events',
    'route_points',
    'victims',
    'defendants',
    'prosecutions',
    'convictions',
  ];
  const stored = async () => ({
    counts: await Promise.all(
      TABLES.map(async (table) => (await t.dataSource.query(`SELECT count(*)::int n FROM ${table}`))[0].n),
    ),
    cases: await t.dataSource.query('SELECT fir_number, status, status_date::text FROM cases ORDER BY fir_number'),
  });

  it('is told every problem in its first answer, and its dry run the same, writing nothing', async () => {
    // a stored convicted case, which the file then moves back to investigation
    const storedCase = goodCase('S1');
    expect((await upload(await buildWorkbook(storedCase))).status).toBe(201);

    const cases = new Sheet('Cases', 'cases ', [
      'Jurisdiction',
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'FIR Date',
      'Offence Family',
      'Law Sections',
      'Trafficking Type',
      'Exploitation Forms',
      'Origin Country',
      'Origin District',
      'Transit',
      'Destination Country',
      'Destination District',
      'Status',
      'Status Date',
      'Investigation Concluded On',
      'Remarks',
      'Reporting Agency',
    ])
      .add(under('C01', { 'FIR Date': null }), ['FIR Date', 'REQUIRED'])
      .add(under('C02', { 'Offence Family': 'Teleport' }), ['Offence Family', 'UNKNOWN_CODE'])
      .add(under('C03', { 'Origin Country': 'Atlantis' }), ['Origin Country', 'UNKNOWN_COUNTRY'])
      .add(under('C04', { 'Origin District': 'Nowhereabad' }), ['Origin District', 'UNKNOWN_DISTRICT'])
      .add(under('C05', { 'Destination Country': 'Oman', 'Destination District': 'Lahore' }), [
        'Destination District',
        'DISTRICT_OUTSIDE_PAKISTAN',
      ])
      .add(under('C06', { Jurisdiction: 'PK-PB', District: 'Sukkur' }), ['District', 'DISTRICT_OUTSIDE_JURISDICTION'])
      .add(under('C07', { 'FIR Date': '31/12/2023' }), ['FIR Year', 'FIR_YEAR_MISMATCH'])
      .add(under('C08', { 'Status Date': 'yesterday' }), ['Status Date', 'INVALID_DATE'])
      .add(under('C09', { 'Investigation Concluded On': '01/01/2099' }), ['Investigation Concluded On', 'FUTURE_DATE'])
      // found only by the case's own consistency check
      .add(under('C10', { 'Status Date': '01/01/2024' }), ['Status Date', 'DATE_ORDER'])
      .add(under('C11', { 'FIR Year': 1900, 'FIR Date': '15/01/1900' }), ['FIR Year', 'INVALID_YEAR'])
      .add(under('C12'))
      .add(under('C12'), ['FIR No', 'DUPLICATE_KEY'])
      .add(
        under('C13', { Status: 'Convicted', 'Status Date': '01/06/2024', 'Investigation Concluded On': '01/03/2024' }),
        ['Status', 'INCONSISTENT_STATUS'],
      )
      .add(under('C14', { Status: 'Challan Submitted', 'Status Date': '01/03/2024' }), [
        'Investigation Concluded On',
        'CONCLUSION_REQUIRED',
      ])
      .add(under('C15', { Remarks: new Date(Date.UTC(2024, 0, 15)) }), ['Remarks', 'INVALID_TEXT'])
      .add({ ...storedCase.Cases[0], Status: 'Under Investigation', 'Status Date': '21/11/2024' }, [
        'Status',
        'ILLEGAL_TRANSITION',
      ])
      // the case of the prosecutions below
      .add(
        under('C17', {
          Status: 'Under Trial',
          'Status Date': '10/03/2024',
          'Investigation Concluded On': '01/03/2024',
        }),
      )
      // a case that cannot be identified: its victim is not said to name an unknown case
      .add(under('C18', { District: 'Lahor' }), ['District', 'UNKNOWN_DISTRICT'])
      .add(under('C19', { Remarks: { formula: 'NA()', result: { error: '#N/A' } } }), ['Remarks', 'ERROR_VALUE'])
      // the FIA's case in a Punjab Police upload
      .add(under('C21', { 'Reporting Agency': 'FIA' }), ['Reporting Agency', 'OTHER_UNIT'])
      // a formula read by its saved value
      .add(under('C20', { 'FIR Year': { formula: 'YEAR(F24)', result: 2024 } }));

    const victims = new Sheet('Victims', 'VICTIMS', [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Victim Ref',
      'Sex',
      'Age',
      'CNIC',
    ])
      // the victim of a case whose own row has a problem: its case is known
      .add({ ...key('C01'), 'Victim Ref': 'V1', Sex: 'F', Age: 15 })
      .add({ ...key('C01', 'Sukkur'), 'Victim Ref': 'V2', Sex: 'F' }, ['Jurisdiction', 'OTHER_JURISDICTION'])
      .add({ ...key('C17'), 'Victim Ref': 'V1', Sex: 'F', Age: 130 }, ['Age', 'INVALID_AGE'])
      .add({ ...key('C17'), 'Victim Ref': 'V2', Sex: 'F', CNIC: '12345' }, ['CNIC', 'INVALID_CNIC'])
      .add({ ...key('C17'), 'Victim Ref': 'V3', Sex: 'M', Age: { formula: '10+5' } }, ['Age', 'FORMULA_WITHOUT_VALUE'])
      .add({ ...key('C17'), 'Victim Ref': 'V4', Sex: 'M' })
      .add({ ...key('C17'), 'Victim Ref': 'V4', Sex: 'M' }, ['Victim Ref', 'DUPLICATE_REF'])
      .add({ ...key('NOPE'), 'Victim Ref': 'V1', Sex: 'M' }, ['FIR No', 'UNKNOWN_CASE'])
      .add({ ...key('C18'), 'Victim Ref': 'V1', Sex: 'M' });

    const defendants = new Sheet('Defendants', 'Defendants', [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Defendant Ref',
      'Age',
      'Role',
      'Group Name',
      'Group Name',
    ]);
    defendants.problem(3, 'Group Name', 'DUPLICATE_COLUMN');
    defendants
      // defendants whose own rows have problems: their prosecutions are not said to name unknown defendants
      .add({ ...key('C17'), 'Defendant Ref': 'D1', Age: 'forty' }, ['Age', 'INVALID_AGE'])
      .add({ ...key('C17'), 'Defendant Ref': 'D2', Role: 'Wizard' }, ['Role', 'UNKNOWN_CODE'])
      .add({ ...key('C19'), 'Defendant Ref': null }, ['Defendant Ref', 'REQUIRED']);
    for (const ref of ['D3', 'D4', 'D5', 'D6']) defendants.add({ ...key('C17'), 'Defendant Ref': ref });

    const prosecution = (ref: string, more: Row = {}) => ({
      ...key('C17'),
      'Defendant Ref': ref,
      Court: 'Sessions Court RYK',
      'Prosecution Date': '10/03/2024',
      Outcome: 'Pending',
      ...more,
    });
    const prosecutions = new Sheet('Prosecutions', 'Prosecutions', [
      'District',
      'Police Station',
      'FIR No',
      'FIR Year',
      'Defendant Ref',
      'Court',
      'Prosecution Date',
      'Outcome',
      'Outcome Date',
      'Sentence Months',
    ])
      .add(prosecution('D1'))
      .add(prosecution('D9'), ['Defendant Ref', 'UNKNOWN_DEFENDANT'])
      // told once, though the row's check and the case's both find it
      .add(prosecution('D2', { Outcome: 'Convicted' }), ['Outcome Date', 'OUTCOME_DATE_REQUIRED'])
      .add(prosecution('D3', { Outcome: 'Acquitted', 'Outcome Date': '01/03/2024' }), ['Outcome Date', 'DATE_ORDER'])
      .add(prosecution('D4', { 'Sentence Months': 'ten' }), ['Sentence Months', 'INVALID_NUMBER'])
      .add(prosecution('D5', { Court: 'Sessions Court '.repeat(20) }), ['Court', 'TOO_LONG'])
      .add(prosecution('D6', { 'Prosecution Date': '32/13/2024' }), ['Prosecution Date', 'INVALID_DATE'])
      .add({ ...prosecution('D5'), 'FIR No': 'C19' });

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Summary').addRow(['Cases', 20]);
    for (const sheet of [cases, victims, defendants, prosecutions]) sheet.write(wb);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const expected = [cases, victims, defendants, prosecutions].flatMap((s) => s.expected);

    // the workbook holds a problem of every code a row can have
    const rowCodes = IMPORT_CODES.filter((c) => !ENDS_THE_FILE.has(c)).sort();
    expect([...new Set(expected.map((e) => e.split(':IMPORT.')[1]))].sort()).toEqual(rowCodes);

    const before = await stored();
    const first = await upload(file);
    expect(first.status).toBe(422);
    const told = first.body.errors.map(
      (e: { sheet: string; row: number; column: string; code: string }) => `${e.sheet}:${e.row}:${e.column}:${e.code}`,
    );
    expect([...told].sort()).toEqual([...expected].sort());
    expect(new Set(told).size).toBe(told.length);
    expect(JSON.stringify(first.body.errors)).not.toMatch(
      /Atlantis|Teleport|Nowhereabad|Wizard|forty|yesterday|12345|Lahor\b/,
    );

    const dry = await upload(file, '?dryRun=true');
    expect(dry.status).toBe(422);
    expect(dry.body.errors).toEqual(first.body.errors);
    expect(await stored()).toEqual(before);
  });

  it('still checks against the stored cases when a problem comes after rows already sent to the database', async () => {
    const storedCase = goodCase('S2');
    expect((await upload(await buildWorkbook(storedCase))).status).toBe(201);
    // a Cases sheet with no problem of its own is written as it is read, before the Victims sheet's problem is met
    const data = goodCase('0950');
    data.Cases.push({ ...storedCase.Cases[0], Status: 'Under Investigation', 'Status Date': '21/11/2024' });
    data.Victims[0].Age = 130;
    data.Prosecutions[1]['Defendant Ref'] = 'D9';
    const file = await buildWorkbook(data);
    const before = await stored();
    for (const query of ['', '?dryRun=true']) {
      const res = await upload(file, query);
      expect(res.status).toBe(422);
      expect(
        res.body.errors.map((e: { sheet: string; row: number; code: string }) => `${e.sheet}:${e.row}:${e.code}`),
      ).toEqual([
        'Cases:3:IMPORT.ILLEGAL_TRANSITION',
        'Victims:2:IMPORT.INVALID_AGE',
        'Prosecutions:3:IMPORT.UNKNOWN_DEFENDANT',
      ]);
    }
    expect(await stored()).toEqual(before);
  });
});
