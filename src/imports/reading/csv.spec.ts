import { csvRowBatches, decodeCsv, detectSeparator } from 'src/imports/reading/csv';
import { READ_LIMITS } from 'src/imports/reading/read-limits';

const rows = (buffer: Buffer, limits = READ_LIMITS) => [...csvRowBatches(buffer, 'Cases', limits, 1000)].flat().map((r) => [r.rowNumber, r.cells]);

describe('CSV reading', () => {
  it('reads quoting without converting anything, a record per row whatever line breaks its quotes hold', () => {
    expect(rows(Buffer.from('\uFEFFa,"b, ""c""",007\r\n1,,x\n"two\nlines",y,z\n\nlast,,'))).toEqual([
      [1, ['a', 'b, "c"', '007']],
      [2, ['1', null, 'x']],
      [3, ['two\nlines', 'y', 'z']],
      [5, ['last', null, null]],
    ]);
  });

  it('decodes UTF-8 with or without its mark, UTF-16 and Windows-1252', () => {
    const text = 'Police Station;Remarks\r\nThana Café;ok\r\n';
    expect(decodeCsv(Buffer.from('\uFEFF' + text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'utf16le'))).toBe(text);
    expect(decodeCsv(Buffer.from(text, 'latin1'))).toBe(text); // é is 0xE9 in Windows-1252
    expect(decodeCsv(Buffer.from('Urdu ۲۰۲۴ اسلام آباد', 'utf8'))).toBe('Urdu ۲۰۲۴ اسلام آباد');
  });

  it('finds the separator, a title line above the headers notwithstanding', () => {
    expect(detectSeparator('a,b,c\n1,2,3')).toBe(',');
    expect(detectSeparator('Punjab Police, March\n\na;b;c;d\n1;2,5;3;4')).toBe(';');
    expect(detectSeparator('a\tb\tc\n"x,y"\t2\t3')).toBe('\t');
    expect(rows(Buffer.from('a;"b;c";d\n'))).toEqual([[1, ['a', 'b;c', 'd']]]);
  });

  it('stops at the bounds while scanning, before the row is held', () => {
    const limits = { ...READ_LIMITS, maxColumns: 5, maxCellLength: 10, maxRows: 2 };
    expect(rows(Buffer.from(`a,b${','.repeat(1000)}\n1,2\n`), limits)).toEqual([[1, ['a', 'b', null, null, null]], [2, ['1', '2']]]);
    expect(() => rows(Buffer.from('a,b,c,d,e,f\n'), limits)).toThrow(/more than 5 columns/);
    expect(() => rows(Buffer.from('a,"0123456789x"\n'), limits)).toThrow(/longer than 10/);
    expect(() => rows(Buffer.from('a\nb\nc\n'), limits)).toThrow(/more than 2 rows/);
  });
});
