import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

const DIR = join(__dirname, 'fixtures', 'imports');

/** What each bad file must answer: HTTP status, error code, and who uploads it (Punjab's focal person unless said). */
const NOT_OK: Record<string, { status: number; code: string; as?: 'admin' }> = {
  'missing-column.xlsx': { status: 422, code: 'IMPORT.MISSING_COLUMN' },
  'required-cell.xlsx': { status: 422, code: 'IMPORT.REQUIRED' },
  'unknown-code.xlsx': { status: 422, code: 'IMPORT.UNKNOWN_CODE' },
  'other-jurisdiction.xlsx': { status: 422, code: 'IMPORT.OTHER_JURISDICTION' },
  'district-outside-jurisdiction.xlsx': { status: 422, code: 'IMPORT.DISTRICT_OUTSIDE_JURISDICTION', as: 'admin' },
  'fir-year-mismatch.xlsx': { status: 422, code: 'IMPORT.FIR_YEAR_MISMATCH' },
  'future-date.xlsx': { status: 422, code: 'IMPORT.FUTURE_DATE' },
  'dates-out-of-order.xlsx': { status: 422, code: 'IMPORT.DATE_ORDER' },
  'age-out-of-range.xlsx': { status: 422, code: 'IMPORT.INVALID_AGE' },
  'duplicate-key.xlsx': { status: 422, code: 'IMPORT.DUPLICATE_KEY' },
  'duplicate-ref.xlsx': { status: 422, code: 'IMPORT.DUPLICATE_REF' },
  'unknown-case.xlsx': { status: 422, code: 'IMPORT.UNKNOWN_CASE' },
  'unknown-defendant.xlsx': { status: 422, code: 'IMPORT.UNKNOWN_DEFENDANT' },
  'convicted-without-date.xlsx': { status: 422, code: 'IMPORT.OUTCOME_DATE_REQUIRED' },
  'status-inconsistent.xlsx': { status: 422, code: 'IMPORT.INCONSISTENT_STATUS' },
  'illegal-transition.xlsx': { status: 422, code: 'IMPORT.ILLEGAL_TRANSITION' },
  'formula.xlsx': { status: 422, code: 'IMPORT.FORMULA_WITHOUT_VALUE' },
  'zip-bomb.xlsx': { status: 422, code: 'IMPORT.ZIP_LIMITS' },
  'renamed-pdf.xlsx': { status: 415, code: 'IMPORT.UNSUPPORTED_TYPE' },
  'empty-workbook.xlsx': { status: 422, code: 'IMPORT.NO_SHEETS' },
  'missing-sheets.xlsx': { status: 422, code: 'IMPORT.NO_SHEETS' },
  'headers-only.xlsx': { status: 422, code: 'IMPORT.NO_ROWS' },
};

const TABLES = ['cases', 'victims', 'defendants', 'prosecutions', 'convictions', 'case_status_events', 'route_points'];

describe('import fixtures', () => {
  let t: TestApp;
  let focal: Agent;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    focal = await signIn(t, 'focal_person', 'PK-PB');
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  const upload = (name: string, sub: 'ok' | 'not-ok', who = focal) =>
    who.upload(readFileSync(join(DIR, sub, name)), { name });
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => [table, (await t.dataSource.query(`SELECT count(*)::int n FROM ${table}`))[0].n]),
      ),
    );

  it('has a fixture for every documented bad input, and an answer for every fixture', () => {
    expect(readdirSync(join(DIR, 'not-ok')).sort()).toEqual(Object.keys(NOT_OK).sort());
  });

  it('imports each good workbook, however it was written', async () => {
    const good = await upload('good.xlsx', 'ok');
    expect([good.status, good.body.errors]).toEqual([201, []]);
    expect(good.body.counts.cases).toEqual({ created: 1, updated: 0, unchanged: 0 });

    // the same workbook opened and saved by LibreOffice reads the same: nothing changes
    const lo = await upload('libreoffice-saved.xlsx', 'ok');
    expect([lo.status, lo.body.errors]).toEqual([201, []]);
    expect(lo.body.counts).toEqual({
      cases: { created: 0, updated: 0, unchanged: 1 },
      victims: { created: 0, updated: 0, unchanged: 2 },
      defendants: { created: 0, updated: 0, unchanged: 2 },
      prosecutions: { created: 0, updated: 0, unchanged: 2 },
    });

    for (const name of ['date-1904.xlsx', 'merged-header.xlsx', 'trailing-blank-rows.xlsx', 'header-aliases.xlsx']) {
      const res = await upload(name, 'ok');
      expect([name, res.status, res.body.errors]).toEqual([name, 201, []]);
      expect([name, res.body.counts.cases.created, res.body.counts.victims.created]).toEqual([name, 1, 2]);
    }
    const [c1904] = await t.dataSource.query(`SELECT fir_date::text FROM cases WHERE fir_number = '0013'`);
    expect(c1904.fir_date).toBe('2024-01-15');

    const csv = await upload('cases.csv', 'ok');
    expect([csv.status, csv.body.errors]).toEqual([201, []]);
    const [fromCsv] = await t.dataSource.query(
      `SELECT fir_number, fir_date::text, status FROM cases WHERE fir_number LIKE '%17'`,
    );
    expect(fromCsv).toEqual({ fir_number: '00017', fir_date: '2024-01-15', status: 'under_investigation' });
  });

  it.each(Object.entries(NOT_OK))('%s is refused with its own code and changes nothing', async (name, expected) => {
    const before = await snapshot();
    const res = await upload(name, 'not-ok', expected.as === 'admin' ? admin : focal);
    const codes = res.body.errors ? res.body.errors.map((e: { code: string }) => e.code) : [res.body.code];
    expect([name, res.status]).toEqual([name, expected.status]);
    expect(codes).toContain(expected.code);
    for (const e of res.body.errors ?? []) {
      expect(typeof e.sheet).toBe('string');
      expect(Number.isInteger(e.row)).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over the upload cap with 413', async () => {
    const small = await createTestApp({ UPLOAD_MAX_BYTES: '4096' });
    try {
      const res = await (
        await signIn(small, 'focal_person', 'PK-PB')
      ).upload(readFileSync(join(DIR, 'ok', 'good.xlsx')), { name: 'good.xlsx' });
      expectProblem(res, 413, 'COMMON.PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});
