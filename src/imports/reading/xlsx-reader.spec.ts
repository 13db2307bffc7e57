import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { identify } from 'src/imports/reading/file-kind';
import { READ_LIMITS, ReadLimits } from 'src/imports/reading/read-limits';
import { SheetRow } from 'src/imports/reading/sheet-rows';
import { readUpload } from 'src/imports/reading/upload-reader';
import { openSource } from 'src/imports/reading/upload-source';
import { DeclaredSizeError, InflateBudgetError } from 'src/imports/reading/zip-archive';
import { XmlTextRunError } from 'src/imports/reading/xml-events';
import { minimalWorkbook, ZipPart, zipParts } from 'test/support/zip-writer';

async function rowsOf(parts: ZipPart[], limits: ReadLimits = READ_LIMITS): Promise<Array<[string, number, unknown[]]>> {
  const buffer = zipParts(parts);
  const kind = await identify(buffer);
  if (kind.kind !== 'xlsx') throw new Error(`not read as a workbook: ${JSON.stringify(kind)}`);
  const source = await openSource(buffer, kind, limits);
  const out: Array<[string, number, unknown[]]> = [];
  for await (const batch of source.batches) for (const r of batch) out.push([r.sheet, r.rowNumber, r.cells]);
  return out;
}

const DATE_STYLES =
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mmm\\-yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>';

describe('workbook reader', () => {
  it('reads a package as openpyxl writes it: absolute part names, inline strings, no shared strings or styles', async () => {
    const rows = await rowsOf(
      minimalWorkbook([
        {
          name: 'Cases',
          rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>FIR No</t></is></c><c r="B1" t="inlineStr"><is><t>Year</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>077</t></is></c><c r="B2"><v>2024</v></c></row>',
        },
      ]),
    );
    expect(rows).toEqual([
      ['Cases', 1, ['FIR No', 'Year']],
      ['Cases', 2, ['077', 2024]],
    ]);
  });

  it('reads namespace prefixes, cells and rows without references, and relative targets', async () => {
    const rows = await rowsOf(
      minimalWorkbook(
        [
          {
            name: 'Victims',
            rows: '<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row><x:row/><x:row><x:c r="C3"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>',
          },
        ],
        { prefix: 'x', absoluteTargets: false },
      ),
    );
    expect(rows).toEqual([
      ['Victims', 1, ['a', 1]],
      ['Victims', 3, [null, null, 3, 4]],
    ]);
  });

  it('resolves targets with .. and percent-encoding from the workbook part’s folder, and parts in any order', async () => {
    const parts = minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }]);
    const renamed = parts
      .map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, name: 'sheets/my sheet.xml' } : p))
      .map((p) =>
        p.name === 'xl/_rels/workbook.xml.rels'
          ? { ...p, data: String(p.data).replace('/xl/worksheets/sheet1.xml', '../sheets/my%20sheet.xml') }
          : p,
      );
    expect(await rowsOf(renamed.reverse())).toEqual([['Cases', 1, [1]]]);
  });

  it('finds a part whose name the zip stores percent-encoded', async () => {
    const parts = minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }]);
    const encoded = parts
      .map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, name: 'xl/worksheets/my%20sheet.xml' } : p))
      .map((p) =>
        p.name === 'xl/_rels/workbook.xml.rels'
          ? { ...p, data: String(p.data).replace('/xl/worksheets/sheet1.xml', 'worksheets/my%20sheet.xml') }
          : p,
      );
    expect(await rowsOf(encoded)).toEqual([['Cases', 1, [1]]]);
  });

  it('gives what the person sees: cached formula values, rich text, dates by style, booleans and error values', async () => {
    const rows = await rowsOf(
      minimalWorkbook(
        [
          {
            name: 'Cases',
            rows:
              '<row r="2"><c r="A2" s="1"><v>45366</v></c><c r="B2" s="2"><v>45366.5</v></c><c r="C2"><f>YEAR(A2)</f><v>2024</v></c><c r="D2" t="str"><f>A1&amp;"x"</f><v>7x</v></c>' +
              '<c r="E2"><f>1+1</f></c><c r="F2" t="e"><f>VLOOKUP(1,Z1:Z2,2)</f><v>#N/A</v></c><c r="G2" t="s"><v>0</v></c><c r="H2" t="b"><v>1</v></c><c r="I2" t="s"><v>1</v></c></row>',
          },
        ],
        {
          styles: DATE_STYLES,
          sharedStrings:
            '<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh><t>ignored</t></rPh></si><si><t>plain</t></si>',
        },
      ),
    );
    expect(rows).toEqual([
      [
        'Cases',
        2,
        [
          new Date(Date.UTC(2024, 2, 15)),
          new Date(Date.UTC(2024, 2, 15, 12)),
          2024,
          '7x',
          { formula: true },
          { error: '#N/A' },
          'Rich text',
          true,
          'plain',
        ],
      ],
    ]);
  });

  it('reads the 1904 date system', async () => {
    const parts = minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1" s="1"><v>43904</v></c></row>' }], {
      styles: DATE_STYLES,
    });
    const wb = parts.find((p) => p.name === 'xl/workbook.xml')!;
    const with1904 = parts.map((p) =>
      p === wb ? { ...p, data: String(p.data).replace('<sheets>', '<workbookPr date1904="1"/><sheets>') } : p,
    );
    expect(await rowsOf(with1904)).toEqual([['Cases', 1, [new Date(Date.UTC(2024, 2, 15))]]]);
  });

  it('refuses a run of text longer than any cell before it is held', async () => {
    const run = Array.from({ length: 200_000 }, (_, i) => `${i} `).join('');
    await expect(
      rowsOf(minimalWorkbook([{ name: 'Cases', rows: `<row r="1"><c r="A1"><v>1</v></c></row>${run}` }])),
    ).rejects.toBeInstanceOf(XmlTextRunError);
  });

  it('names a run of text too long to hold inside a cell as that cell being too long, with its sheet and row', async () => {
    // text that does not compress (a run of one letter is refused for its ratio before it is read)
    const long = randomBytes(900_000).toString('base64');
    await expect(
      rowsOf(
        minimalWorkbook([
          {
            name: 'Cases',
            rows: `<row r="1"><c r="A1"><v>1</v></c></row><row r="7"><c r="B7" t="inlineStr"><is><t>${long}</t></is></c></row>`,
          },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'IMPORT.CELL_TOO_LONG', sheet: 'Cases', row: 7 });
    await expect(
      rowsOf(minimalWorkbook([{ name: 'Cases', rows: '' }], { sharedStrings: `<si><t>${long}</t></si>` })),
    ).rejects.toMatchObject({ code: 'IMPORT.CELL_TOO_LONG' });
  });

  it('refuses an entity it does not know, without expanding anything', async () => {
    const parts = minimalWorkbook([
      { name: 'Cases', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>' },
    ]);
    await expect(rowsOf(parts)).rejects.toThrow(/undefined entity/i);
  });

  it('stops at each bound as soon as it is passed', async () => {
    const limits = {
      ...READ_LIMITS,
      maxSharedStrings: 3,
      maxSharedStringChars: 10,
      maxColumns: 3,
      maxCellLength: 5,
      maxRows: 2,
    };
    const strings = (n: number, s: string) => Array.from({ length: n }, () => `<si><t>${s}</t></si>`).join('');
    const sheet = (rows: string, sharedStrings?: string) =>
      minimalWorkbook([{ name: 'Cases', rows }], { sharedStrings });
    await expect(rowsOf(sheet('', strings(4, 'a')), limits)).rejects.toMatchObject({ code: 'IMPORT.READ_LIMITS' });
    await expect(rowsOf(sheet('', strings(2, 'abcdefgh')), limits)).rejects.toMatchObject({
      code: 'IMPORT.READ_LIMITS',
    });
    await expect(rowsOf(sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>'), limits)).rejects.toMatchObject({
      code: 'IMPORT.TOO_MANY_COLUMNS',
      row: 1,
    });
    expect(await rowsOf(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>'), limits)).toEqual([
      ['Cases', 1, [1]],
    ]);
    await expect(rowsOf(sheet('<row r="1"><c r="A1"><v>123456</v></c></row>'), limits)).rejects.toMatchObject({
      code: 'IMPORT.CELL_TOO_LONG',
    });
    await expect(
      rowsOf(sheet('<row><c><v>1</v></c></row><row><c><v>1</v></c></row><row><c><v>1</v></c></row>'), limits),
    ).rejects.toMatchObject({ code: 'IMPORT.TOO_MANY_ROWS', row: 3 });
  });

  it('counts the bytes it inflates: a part past its declared size or past the budget is stopped there', async () => {
    const blankRows = Array.from({ length: 150_000 }, (_, i) => `<row r="${i + 2}"/>`).join('');
    const parts = minimalWorkbook([{ name: 'Cases', rows: `<row r="1"><c r="A1"><v>1</v></c></row>${blankRows}` }]);
    const lying = parts.map((p) => (p.name.startsWith('xl/worksheets/') ? { ...p, declaredSize: 500 } : p));
    await expect(rowsOf(lying)).rejects.toBeInstanceOf(DeclaredSizeError);
    await expect(rowsOf(parts, { ...READ_LIMITS, maxInflatedBytes: 1_000_000 })).rejects.toBeInstanceOf(
      InflateBudgetError,
    );
    expect(await rowsOf(parts, { ...READ_LIMITS, maxInflatedBytes: 4_000_000 })).toEqual([['Cases', 1, [1]]]);
  });
});

describe('reading worker', () => {
  it('hands rows on from its own thread, and turns an unreadable file into a problem for that upload', async () => {
    const good = zipParts(minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1" s="0"><v>5</v></c></row>' }]));
    const source = await readUpload(good, { kind: 'xlsx', workbookPart: 'xl/workbook.xml' });
    const rows: SheetRow[] = [];
    for await (const batch of source.batches) rows.push(...batch);
    expect(rows).toEqual([{ sheet: 'Cases', rowNumber: 1, cells: [5] }]);

    const broken = zipParts(minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1"><v>5</v></row>' }]));
    const failing = await readUpload(broken, { kind: 'xlsx', workbookPart: 'xl/workbook.xml' });
    await expect(failing.batches.next()).rejects.toMatchObject({
      code: 'IMPORT.UNREADABLE_WORKBOOK',
      reason: expect.stringMatching(/closing tag that does not match/),
    });
  });

  it('ends only itself when the file needs more memory than it may use', async () => {
    const entries = Array.from(
      { length: 400_000 },
      (_, i) => `<si><t>entry number ${i} of many, long enough to fill memory ${'x'.repeat(40)}</t></si>`,
    ).join('');
    const heavy = zipParts(
      minimalWorkbook([{ name: 'Cases', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], {
        sharedStrings: entries,
      }),
    );
    await expect(
      readUpload(heavy, { kind: 'xlsx', workbookPart: 'xl/workbook.xml' }, READ_LIMITS, 16),
    ).rejects.toMatchObject({ code: 'IMPORT.READ_LIMITS' });
  });
});
