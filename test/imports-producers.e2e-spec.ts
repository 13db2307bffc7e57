import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { loadUpload } from 'test/fixtures/imports/producers/upload-data';
import { Agent, signIn } from 'test/support/agent';
import { binary, PlainCell } from 'test/support/workbook-reader';
import { createTestApp, TestApp } from 'test/support/test-app';

/**
 * The same upload (test/fixtures/imports/producers/upload.json) as each producer writes it
 * must store exactly the rows the exceljs original stores; files the import cannot read
 * are refused with a status that says what they are. The fixtures are built by build.sh in
 * that folder; nothing here needs the tools that wrote them.
 */
const DIR = join(__dirname, 'fixtures', 'imports', 'producers');
const UPLOAD = loadUpload();

const ORIGINAL = 'exceljs.xlsx';

/** Each workbook read, with the row of its headers where that is not row 1. */
const PRODUCERS: Record<string, { headerRow?: Record<string, number> }> = {
  [ORIGINAL]: {},
  'openpyxl.xlsx': {},
  'xlsxwriter.xlsx': {},
  'libreoffice.xlsx': {},
  'libreoffice-from-ods.xlsx': {},
  'gnumeric.xlsx': {},
  'wild-prefixed.xlsx': {},
  'wild-no-refs.xlsx': {},
  'wild-layout.xlsx': { headerRow: { Cases: 3, Victims: 3 } },
  'wild-formula-rich-text.xlsx': {},
  'wild-package.xlsx': {},
};

/** Files that are no .xlsx, and what the refusal must call them. */
const REFUSED: Record<string, string> = {
  'excel-97-2003.xls': 'xls',
  'password-protected.xlsx': 'encrypted',
  'calc.ods': 'ods',
  'binary-workbook.xlsb': 'xlsb',
  'apple.numbers': 'numbers',
  'printed.pdf': 'pdf',
  'screenshot.png': 'image',
  'photo.jpg': 'image',
  'word-document.docx': 'word',
  'zipped-workbook.zip': 'archive',
  'truncated.xlsx': 'damaged',
};
const UNREADABLE = ['damaged-sheet-data.xlsx', 'malformed-first-sheet.xlsx', 'malformed-last-sheet.xlsx'];
const CSV = ['unicode-text.txt', 'utf8-bom.csv', 'utf8-tab.csv', 'utf8.csv', 'windows-1252-semicolon.csv'];

const file = (sub: string, name: string) => readFileSync(join(DIR, sub, name));

type Row = Record<string, unknown>;

/** What a database holds of the upload: every stored row, ids, timestamps and batch ids left out, rows referring to others by natural key. */
async function storedRows(t: TestApp): Promise<Record<string, string[]>> {
  const caseKey = `concat_ws('/', c.district_code, c.police_station_key, c.fir_number, c.fir_year)`;
  const strip = (columns: string[]) =>
    `ARRAY[${['id', 'created_at', 'updated_at', 'import_batch_id', ...columns].map((c) => `'${c}'`).join(', ')}]`;
  const queries: Record<string, string> = {
    cases: `SELECT to_jsonb(c) - ${strip([])} AS row FROM cases c`,
    case_status_events: `SELECT (to_jsonb(e) - ${strip(['case_id', 'recorded_at', 'actor_id'])}) || jsonb_build_object('case', ${caseKey}) AS row
                           FROM case_status_events e JOIN cases c ON c.id = e.case_id`,
    route_points: `SELECT (to_jsonb(p) - ${strip(['case_id'])}) || jsonb_build_object('case', ${caseKey}) AS row FROM route_points p JOIN cases c ON c.id = p.case_id`,
    victims: `SELECT (to_jsonb(v) - ${strip(['case_id'])}) || jsonb_build_object('case', ${caseKey}) AS row FROM victims v JOIN cases c ON c.id = v.case_id`,
    defendants: `SELECT (to_jsonb(d) - ${strip(['case_id'])}) || jsonb_build_object('case', ${caseKey}) AS row FROM defendants d JOIN cases c ON c.id = d.case_id`,
    prosecutions: `SELECT (to_jsonb(p) - ${strip(['case_id', 'defendant_id'])}) || jsonb_build_object('case', ${caseKey}, 'defendant', d.ref) AS row
                     FROM prosecutions p JOIN cases c ON c.id = p.case_id JOIN defendants d ON d.id = p.defendant_id`,
    convictions: `SELECT (to_jsonb(v) - ${strip(['prosecution_id'])}) || jsonb_build_object('case', ${caseKey}, 'defendant', d.ref) AS row
                    FROM convictions v JOIN prosecutions p ON p.id = v.prosecution_id JOIN cases c ON c.id = p.case_id JOIN defendants d ON d.id = p.defendant_id`,
  };
  const out: Record<string, string[]> = {};
  for (const [table, sql] of Object.entries(queries)) {
    out[table] = (await t.dataSource.query(sql))
      .map((r: { row: Row }) => JSON.stringify(r.row, Object.keys(r.row).sort()))
      .sort();
  }
  return out;
}

const parseRows = (rows: string[]) => rows.map((r) => JSON.parse(r) as Row);

/** Counts of a commit that created every row of the upload, and of a re-upload that changed nothing. */
const created = () =>
  Object.fromEntries(
    ['Cases', 'Victims', 'Defendants', 'Prosecutions'].map((s) => [
      s.toLowerCase(),
      { created: UPLOAD.sheets[s].rows.length, updated: 0, unchanged: 0 },
    ]),
  );
const unchanged = () =>
  Object.fromEntries(
    ['Cases', 'Victims', 'Defendants', 'Prosecutions'].map((s) => [
      s.toLowerCase(),
      { created: 0, updated: 0, unchanged: UPLOAD.sheets[s].rows.length },
    ]),
  );

const sheetKey = (name: string) => name.trim().toLowerCase();

/** A reader that never answers fails its own test (supertest's timeout) instead of the whole run. */
const ANSWER_WITHIN_MS = 30_000;

async function session(): Promise<{
  t: TestApp;
  upload: (bytes: Buffer, name: string, query?: string) => Promise<Response>;
  punjab: Agent;
}> {
  const t = await createTestApp();
  const punjab = await signIn(t, 'focal_person', 'PK-PB');
  const upload = (bytes: Buffer, name: string, query = '') =>
    punjab
      .upload(bytes, { query, name })
      .timeout(ANSWER_WITHIN_MS)
      .then((r) => r);
  return { t, upload, punjab };
}

/** Closes the app, without waiting for ever on an upload the reader never finished. */
const close = (t: TestApp) => Promise.race([t.close(), new Promise((done) => setTimeout(done, 10_000).unref())]);

/** A dry run, then the commit it predicted. */
async function dryRunThenCommit(
  upload: (bytes: Buffer, name: string, query?: string) => Promise<Response>,
  bytes: Buffer,
  name: string,
): Promise<Response> {
  const dry = await upload(bytes, name, '?dryRun=true');
  expect([name, dry.status, dry.body.status, dry.body.errors]).toEqual([name, 200, 'validated', []]);
  const committed = await upload(bytes, name);
  expect([name, committed.status, committed.body.errors]).toEqual([name, 201, []]);
  expect(committed.body.counts).toEqual(dry.body.counts);
  return committed;
}

describe('workbooks from every producer', () => {
  let reference: Record<string, string[]>;

  beforeAll(async () => {
    const { t, upload } = await session();
    try {
      const committed = await dryRunThenCommit(upload, file('xlsx', ORIGINAL), ORIGINAL);
      expect(committed.body.counts).toEqual(created());
      reference = await storedRows(t);
    } finally {
      await close(t);
    }
  });

  it('has a file for every producer, refusal and CSV named here, and names every file', () => {
    const read = Object.keys(PRODUCERS);
    expect(readdirSync(join(DIR, 'xlsx')).sort()).toEqual(
      [...read, ...read.map((n) => n.replace('.xlsx', '-errors.xlsx'))].sort(),
    );
    expect(readdirSync(join(DIR, 'refused')).sort()).toEqual(Object.keys(REFUSED).sort());
    expect(readdirSync(join(DIR, 'unreadable')).sort()).toEqual(UNREADABLE);
    expect(readdirSync(join(DIR, 'csv')).sort()).toEqual(CSV);
  });

  it('stores the exceljs original as upload.json says', () => {
    const cases = UPLOAD.sheets.Cases;
    const col = (name: string) => cases.columns.indexOf(name);
    const stored = parseRows(reference.cases);
    expect(stored.map((c) => [c.fir_number, c.fir_year, c.fir_date, c.police_station, c.remarks]).sort()).toEqual(
      cases.rows
        .map((r) => [
          r[col('FIR No')],
          r[col('FIR Year')],
          (r[col('FIR Date')] as { date: string }).date,
          r[col('Police Station')],
          r[col('Remarks')],
        ])
        .sort(),
    );
    expect(stored.map((c) => c.status).sort()).toEqual(
      cases.rows.map((r) => (r[col('Status')] as string).toLowerCase().replace(/ /g, '_')).sort(),
    );
    expect(
      parseRows(reference.victims)
        .map((v) => v.age)
        .sort(),
    ).toEqual(UPLOAD.sheets.Victims.rows.map((r) => r[UPLOAD.sheets.Victims.columns.indexOf('Age')]).sort());
    const p = UPLOAD.sheets.Prosecutions;
    const convicted = p.rows.filter((r) => r[p.columns.indexOf('Outcome')] === 'Convicted');
    expect(
      parseRows(reference.convictions).map((c) => [c.imprisonment_months, Number(c.fine_pkr), c.judgment_date]),
    ).toEqual(
      convicted.map((r) => [
        r[p.columns.indexOf('Sentence Months')],
        r[p.columns.indexOf('Fine PKR')],
        (r[p.columns.indexOf('Outcome Date')] as { date: string }).date,
      ]),
    );
    // origin, each transit point, destination
    const points = cases.rows.map(
      (r) =>
        (r[col('Origin Country')] ? 1 : 0) +
        ((r[col('Transit')] as string | null) ?? '').split(';').filter((x) => x.trim()).length +
        (r[col('Destination Country')] ? 1 : 0),
    );
    expect(reference.route_points.length).toBe(points.reduce((a, b) => a + b, 0));
  });

  describe.each(Object.entries(PRODUCERS))('%s', (name, layout) => {
    let t: TestApp;
    let upload: (bytes: Buffer, name: string, query?: string) => Promise<Response>;
    let punjab: Agent;
    beforeAll(async () => ({ t, upload, punjab } = await session()));
    afterAll(() => close(t));

    it('stores exactly the rows the exceljs original stores, and the original then changes nothing', async () => {
      const committed = await dryRunThenCommit(upload, file('xlsx', name), name);
      expect(committed.body.counts).toEqual(created());
      expect(await storedRows(t)).toEqual(reference);

      const original = await upload(file('xlsx', ORIGINAL), ORIGINAL);
      expect([original.status, original.body.errors, original.body.counts]).toEqual([201, [], unchanged()]);
    });

    it('lists exactly the planted problems of its copy with errors, and builds the error report', async () => {
      const bad = name.replace('.xlsx', '-errors.xlsx');
      const before = await storedRows(t);
      const res = await upload(file('xlsx', bad), bad);
      expect(res.status).toBe(422);
      const listed = (res.body.errors as Array<{ sheet: string; row: number; column: string; code: string }>).map(
        (e) => ({ sheet: sheetKey(e.sheet), row: e.row, column: e.column, code: e.code }),
      );
      const planted = UPLOAD.errors.map((e) => ({
        sheet: sheetKey(e.sheet),
        row: (layout.headerRow?.[e.sheet] ?? 1) + 1 + e.index,
        column: e.column,
        code: e.code,
      }));
      const order = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) =>
        a.sheet.localeCompare(b.sheet) || a.row - b.row;
      expect(listed.sort(order)).toEqual(planted.sort(order));
      expect(await storedRows(t)).toEqual(before);

      const report = await binary(punjab.get(`/api/v1/imports/${res.body.id}/report.xlsx`));
      expect(report.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(report.body);
      for (const e of UPLOAD.errors) {
        const ws = wb.worksheets.find((w) => sheetKey(w.name) === sheetKey(e.sheet));
        expect([e.sheet, ws !== undefined]).toEqual([e.sheet, true]);
        const rows = ws!
          .getSheetValues()
          .filter(Boolean)
          .map((r) => (r as PlainCell[]).slice(1).map((v) => (v == null ? '' : String(v))));
        // the uploaded headers with an Errors column after them, once, and the planted cell's row with its problem in that column
        const header = rows.find((r) => r.includes('Errors') && r.includes(e.column));
        expect([e.sheet, header !== undefined]).toEqual([e.sheet, true]);
        const wrong = rows.find((r) => r[header!.indexOf(e.column)] === e.value);
        expect([e.sheet, wrong?.[header!.indexOf('Errors')]]).toEqual([e.sheet, expect.stringContaining(e.code)]);
        expect([e.sheet, rows.filter((r) => r.includes('Errors')).length]).toEqual([e.sheet, 1]);
      }
    });
  });
});

describe('files the import cannot read', () => {
  let t: TestApp;
  let upload: (bytes: Buffer, name: string, query?: string) => Promise<Response>;
  beforeAll(async () => ({ t, upload } = await session()));
  afterAll(() => close(t));

  it.each(Object.entries(REFUSED))(
    'refuses %s with 415, saying it is %s and how to save it as .xlsx',
    async (name, format) => {
      const res = await upload(file('refused', name), name);
      expect([res.status, res.headers['content-type']]).toEqual([
        415,
        expect.stringMatching(/^application\/problem\+json/),
      ]);
      expect([res.body.code, res.body.format]).toEqual(['IMPORT.UNSUPPORTED_TYPE', format]);
      expect(res.body.detail).toMatch(/\.xlsx/);
      expect((await t.dataSource.query('SELECT count(*)::int n FROM cases'))[0].n).toBe(0);
    },
  );

  it.each(UNREADABLE)(
    'answers %s, a damaged workbook, with 422 IMPORT.UNREADABLE_WORKBOOK and no internal detail',
    async (name) => {
      // an app of its own: an upload left hanging would hold the jurisdiction's import lock
      const own = await session();
      try {
        const res = await own.upload(file('unreadable', name), name);
        expect([res.status, res.headers['content-type']]).toEqual([
          422,
          expect.stringMatching(/^application\/(problem\+)?json/),
        ]);
        const codes = res.body.errors?.length ? res.body.errors.map((e: { code: string }) => e.code) : [res.body.code];
        expect(codes).toEqual(['IMPORT.UNREADABLE_WORKBOOK']);
        expect(JSON.stringify(res.body)).not.toMatch(
          /undefined|Cannot read|stack|invalid (block|distance)|Unexpected|sax/i,
        );
        expect((await own.t.dataSource.query('SELECT count(*)::int n FROM prosecutions'))[0].n).toBe(0);
      } finally {
        await close(own.t);
      }
    },
  );
});

describe('the Cases sheet saved as CSV, however Excel encodes it', () => {
  let t: TestApp;
  let upload: (bytes: Buffer, name: string, query?: string) => Promise<Response>;
  let stored: Record<string, string[]>;
  beforeAll(async () => {
    ({ t, upload } = await session());
    await dryRunThenCommit(upload, file('xlsx', ORIGINAL), ORIGINAL);
    stored = await storedRows(t);
  });
  afterAll(() => close(t));

  it.each(CSV)('%s holds the same cases: all unchanged', async (name) => {
    const cases = { cases: { created: 0, updated: 0, unchanged: UPLOAD.sheets.Cases.rows.length } };
    const committed = await dryRunThenCommit(upload, file('csv', name), name);
    expect(committed.body.counts).toMatchObject(cases);
    expect(await storedRows(t)).toEqual(stored);
  });
});
