import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { readerFindings } from 'test/support/reader-audit';
import { buildCases, insertCases } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';
import { Agent, signIn } from 'test/support/agent';
import { binary, loadWorkbook, sheets } from 'test/support/workbook-reader';

const T = 5;
/** Twelve consecutive months of the fixture data, in the order they are released. */
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2020, 6 + i, 1)).toISOString().slice(0, 7));
const NATIONAL = 'Pakistan (total)';

/** Sheets whose last column and/or last row hold totals, as the workbook lays them out. */
const TOTALS: Record<string, { firstValueColumn: number; rowTotals: boolean; columnTotals: boolean }> = {
  Summary: { firstValueColumn: 1, rowTotals: false, columnTotals: true },
  'Summary by agency': { firstValueColumn: 1, rowTotals: false, columnTotals: true },
  'Case status': { firstValueColumn: 1, rowTotals: true, columnTotals: true },
  Victims: { firstValueColumn: 2, rowTotals: true, columnTotals: true },
  Defendants: { firstValueColumn: 2, rowTotals: true, columnTotals: true },
};
/** What the cover's counting rules let a reader assume within one jurisdiction's row. */
const SUMMARY_ORDERS = [
  ['Cases registered (a)', 'Cases investigated (c)'],
  ['Prosecuted cases (d)', 'Prosecuted persons (d)'],
  ['Convicted cases (e)', 'Convicted persons (e)'],
];

/**
 * The reader's model of a set of ministry workbooks, built from the sheets alone: a cell is
 * named by what its labels say (month, sheet, row, column), so the Trends sheet of one month and
 * the Summary of another name the same figure; the tables' totals are equations.
 */
function readerModel(books: Array<{ month: string; wb: Record<string, unknown[][]> }>) {
  const cells = new Map<string, number | string>();
  const sums: Array<{ terms: string[]; total: string }> = [];
  const orders: Array<{ small: string; large: string }> = [];
  const put = (name: string, v: unknown) => {
    if (typeof v !== 'number' && typeof v !== 'string') throw new Error(`${name} is empty`);
    const before = cells.get(name);
    if (typeof before === 'number' && typeof v === 'number' && before !== v)
      throw new Error(`${name} is ${before} and ${v}`);
    if (typeof before !== 'number') cells.set(name, v);
  };
  for (const { month, wb } of books) {
    for (const [sheet, shape] of Object.entries(TOTALS)) {
      const header = wb[sheet][0] as string[];
      const rows = wb[sheet]
        .slice(1)
        .filter(
          (r) =>
            r.length > shape.firstValueColumn &&
            (typeof r[shape.firstValueColumn] === 'number' || typeof r[shape.firstValueColumn] === 'string'),
        );
      const rowName = (r: unknown[]) => r.slice(0, shape.firstValueColumn).join(' ');
      const name = (r: unknown[], c: number) =>
        (sheet === 'Summary' || sheet === 'Summary by agency') && rowName(r) === NATIONAL
          ? `${month}|national|${header[c]}`
          : `${month}|${sheet}|${rowName(r)}|${header[c]}`;
      const columns = header.map((_, c) => c).filter((c) => c >= shape.firstValueColumn);
      for (const r of rows) for (const c of columns) put(name(r, c), r[c]);
      if (shape.rowTotals)
        for (const r of rows)
          sums.push({
            terms: columns.slice(0, -1).map((c) => name(r, c)),
            total: name(r, columns[columns.length - 1]),
          });
      if (shape.columnTotals)
        for (const c of columns)
          sums.push({ terms: rows.slice(0, -1).map((r) => name(r, c)), total: name(rows[rows.length - 1], c) });
      if (sheet === 'Summary' || sheet === 'Summary by agency')
        for (const r of rows)
          for (const [s, l] of SUMMARY_ORDERS)
            orders.push({ small: name(r, header.indexOf(s)), large: name(r, header.indexOf(l)) });
    }
    const trendHeader = wb.Trends[0] as string[];
    for (const r of wb.Trends.slice(1)) {
      const month = r[0];
      if (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) continue;
      for (let c = 1; c < trendHeader.length; c++) put(`${month}|national|${trendHeader[c]}`, r[c]);
    }
  }
  return { threshold: T, cells, sums, orders };
}

describe('ministry workbook: small counts', () => {
  let t: TestApp;
  let viewer: Agent;
  let analyst: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    const districts = await t.dataSource.query('SELECT code, jurisdiction_code AS jurisdiction FROM districts');
    // FIA reports every third case of Punjab and Sindh: its figures are published beside the police's
    await insertCases(
      t.dataSource,
      buildCases(districts, 1500, 11).map((c, i) =>
        ['PK-PB', 'PK-SD'].includes(c.jurisdiction) && i % 3 === 0
          ? { ...c, unit: { code: 'FIA', agency: 'fia' as const } }
          : c,
      ),
    );
    [viewer, analyst] = [await signIn(t, 'viewer'), await signIn(t, 'analyst')];
    const service = t.app.get(MonthlyExportsService);
    for (const month of MONTHS) {
      await service.generate(month, 'ministry', null, 'scheduled');
      await service.generate(month, 'internal', null, 'scheduled');
    }
  });
  afterAll(() => t.close());

  const latest = async (who: Agent, month: string, audience: 'ministry' | 'internal') => {
    const res = await binary(who.get(`/api/v1/exports/monthly?month=${month}&audience=${audience}`));
    expect(res.status).toBe(200);
    return res.body as Buffer;
  };

  it('states only true markers: <5 on 1–4, x on 5 or more, zeros and other counts exact, jurisdictions by name', async () => {
    let small = 0;
    let secondary = 0;
    let withheld = 0;
    for (const month of MONTHS) {
      const shown = await sheets(await latest(viewer, month, 'ministry'));
      const exact = await sheets(await latest(analyst, month, 'internal'));
      expect(shown.Cases).toBeUndefined();
      for (const name of [
        'Summary',
        'Summary by agency',
        'Case status',
        'Victims',
        'Defendants',
        'Exploitation forms',
        'Routes',
        'Trends',
      ]) {
        shown[name].slice(1).forEach((row, r) =>
          row.forEach((v, c) => {
            const truth = exact[name][r + 1]?.[c];
            if (typeof truth !== 'number') return; // labels and notes
            const where = [month, name, r, c];
            if (v === `<${T}`) expect([...where, truth >= 1 && truth < T]).toEqual([...where, true]);
            else if (v === 'x') expect([...where, truth >= T]).toEqual([...where, true]);
            else if (v !== '..') expect([...where, v]).toEqual([...where, truth]);
            if (truth > 0 && truth < T) expect([...where, v === `<${T}` || v === '..']).toEqual([...where, true]);
            small += Number(v === `<${T}`);
            secondary += Number(v === 'x');
            withheld += Number(v === '..');
          }),
        );
      }
      expect(shown.Summary.map((r) => r[0])).toEqual(
        expect.arrayContaining(['Balochistan', 'Punjab', 'Sindh', 'Khyber Pakhtunkhwa', NATIONAL]),
      );
      expect(JSON.stringify(shown)).not.toMatch(/PK-[A-Z]{2}/);
    }
    expect(small).toBeGreaterThan(50);
    expect(secondary).toBeGreaterThan(10);
    expect(withheld).toBeLessThan(small);
  });

  it('leaves no hidden count that a reader holding all twelve workbooks could narrow, across totals, sheets and months', async () => {
    const books = [];
    for (const month of MONTHS) books.push({ month, wb: await sheets(await latest(viewer, month, 'ministry')) });
    const model = readerModel(books);
    const findings = await readerFindings(model);
    expect(findings.length).toBeGreaterThan(100);
    expect(findings.filter((f) => !f.protected)).toEqual([]);
    // the months are linked: a Trends figure names the same cell as an earlier Summary
    expect([...model.cells.keys()].filter((k) => k.startsWith(`${MONTHS[0]}|national|`)).length).toBe(8);
  });

  it('explains both markers on the cover and beside each table, and aligns them like numbers', async () => {
    const bytes = await latest(viewer, MONTHS[11], 'ministry');
    const wb = await loadWorkbook(bytes);
    const cover = JSON.stringify((await sheets(bytes)).Cover);
    expect(cover).toContain('"<5","A number from 1 to 4.');
    expect(cover).toContain(
      '"x","A number of 5 or more that is not shown, because together with the totals it would let a reader work out a number shown as <5.',
    );
    expect(cover).toContain('Zeros are always shown');
    for (const name of [
      'Summary',
      'Summary by agency',
      'Case status',
      'Victims',
      'Defendants',
      'Exploitation forms',
      'Routes',
      'Trends',
    ]) {
      const ws = wb.getWorksheet(name)!;
      const text: string[] = [];
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === '<5' || cell.value === 'x')
            expect([name, cell.address, cell.alignment?.horizontal]).toEqual([name, cell.address, 'right']);
          if (typeof cell.value === 'string') text.push(cell.value);
        }),
      );
      expect([name, text.some((s) => s.startsWith('<5: 1 to 4.') && s.includes('x: 5 or more'))]).toEqual([name, true]);
    }
  });

  it('checks a regenerated month against its earlier version too', async () => {
    const again = await analyst.post('/api/v1/exports/monthly', { month: MONTHS[11], audience: 'ministry' });
    expect([again.status, again.body.version]).toEqual([201, 2]);
    const stored: Array<{ published: { cells: Array<{ key: string; shown: unknown }> } }> = await t.dataSource.query(
      `SELECT published FROM monthly_exports WHERE month = $1 AND audience = 'ministry' ORDER BY version`,
      [MONTHS[11]],
    );
    // the same data: the same cells hidden in the same way
    expect(stored[1].published.cells).toEqual(stored[0].published.cells);
  });
});
