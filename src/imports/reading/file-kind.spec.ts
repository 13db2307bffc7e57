import { expect } from '@jest/globals';
import { identify } from 'src/imports/reading/file-kind';
import { minimalWorkbook, zipParts } from 'test/support/zip-writer';

const utf16 = (s: string) => Buffer.from(s, 'utf16le');
const ole = (...streams: string[]) =>
  Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(504), ...streams.map(utf16)]);

describe('what an upload is', () => {
  it('finds the workbook through the package relationships, not by its name', async () => {
    const parts = minimalWorkbook([{ name: 'Cases', rows: '' }]).map((p) =>
      p.name === 'xl/workbook.xml'
        ? { ...p, name: 'book/main.xml' }
        : p.name === 'xl/_rels/workbook.xml.rels'
          ? { ...p, name: 'book/_rels/main.xml.rels' }
          : p,
    );
    const relinked = parts.map((p) =>
      p.name === '_rels/.rels' ? { ...p, data: String(p.data).replace('/xl/workbook.xml', 'book/main.xml') } : p,
    );
    expect(await identify(zipParts(relinked))).toEqual({ kind: 'xlsx', workbookPart: 'book/main.xml' });
  });

  it('names each format it cannot read and says what to do', async () => {
    const cases: Array<[string, Buffer]> = [
      ['xls', ole('Root Entry', 'Workbook', 'SummaryInformation')],
      ['encrypted', ole('Root Entry', 'EncryptionInfo', 'EncryptedPackage')],
      ['word', ole('Root Entry', 'WordDocument')],
      [
        'ods',
        zipParts([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
          { name: 'content.xml', data: '<x/>' },
        ]),
      ],
      [
        'numbers',
        zipParts([
          { name: 'Index/Document.iwa', data: 'x' },
          { name: 'Metadata/Properties.plist', data: 'x' },
        ]),
      ],
      [
        'xlsb',
        zipParts(
          minimalWorkbook([{ name: 'Cases', rows: '' }]).map((p) =>
            p.name === '[Content_Types].xml'
              ? {
                  ...p,
                  data: String(p.data).replace(
                    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
                    'application/vnd.ms-excel.sheet.binary.macroEnabled.main',
                  ),
                }
              : p,
          ),
        ),
      ],
      ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ')],
      ['image', Buffer.from('89504E470D0A1A0A0000', 'hex')],
      ['image', Buffer.from('FFD8FFE000104A464946', 'hex')],
      ['archive', zipParts([{ name: 'cases.xlsx', data: 'not really' }])],
      ['unknown', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8])],
      // a zip cut short, one with two parts of one name, one with a part named outside the package
      ['damaged', zipParts(minimalWorkbook([{ name: 'Cases', rows: '' }])).subarray(0, 300)],
      [
        'damaged',
        zipParts([...minimalWorkbook([{ name: 'Cases', rows: '' }]), { name: 'xl/workbook.xml', data: '<x/>' }]),
      ],
      ['damaged', zipParts([...minimalWorkbook([{ name: 'Cases', rows: '' }]), { name: '../../x', data: 'x' }])],
    ];
    for (const [format, bytes] of cases) {
      const kind = await identify(bytes);
      expect([format, kind.kind, kind.kind === 'unsupported' && kind.format]).toEqual([format, 'unsupported', format]);
      expect(kind.kind === 'unsupported' && kind.message).toMatch(/\.xlsx|Excel/);
    }
    expect(((await identify(ole('Workbook'))) as { message: string }).message).toMatch(
      /Excel 97–2003 workbook \(\.xls\)/,
    );
  });

  it('takes text in any common encoding as CSV', async () => {
    for (const text of [
      Buffer.from('District,FIR No\n'),
      Buffer.from('\uFEFFa;b\n'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('a\tb\r\n')]),
      utf16('a\tb\r\n'),
      Buffer.from('Caf\xe9;b\n', 'latin1'),
    ]) {
      expect(await identify(text)).toEqual({ kind: 'csv' });
    }
  });

  it('refuses a zip bomb from its directory before inflating anything', async () => {
    const bomb = zipParts([
      ...minimalWorkbook([{ name: 'Cases', rows: '' }]),
      { name: 'xl/worksheets/big.xml', data: Buffer.alloc(20_000_000) },
    ]);
    expect(await identify(bomb)).toMatchObject({ kind: 'limits', message: expect.stringMatching(/ratio/) });
  });
});
