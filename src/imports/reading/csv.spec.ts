import { csvRowBatches, decodeCsv, detectSeparator } from 'src/imports/reading/csv';
import { READ_LIMITS } from 'src/imports/reading/read-limits';

async function rows(buffer: Buffer, limits = READ_LIMITS): Promise<Array<[number, unknown[]]>> {
  const out: Array<[number, unknown[]]> = [];
  for await (const batch of csvRowBatches(buffer, 'Cases', limits, 1000))
    for (const r of batch) out.push([r.rowNumber, r.cells]);
  return out;
}

describe('CSV reading', () => {
  it('reads quoting without converting anything, a record per row whatever line breaks its quotes hold', async () => {
    expect(await rows(Buffer.from('\uFEFFa,"b, ""c""",007\r\n1,,x\n"two\nlines",y,z\n\nlast,,'))).toEqual([
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

  it('finds the separator, a title line above the headers notwithstanding', async () => {
    expect(detectSeparator('a,b,c\n1,2,3')).toBe(',');
    expect(detectSeparator('Punjab Police, March\n\na;b;c;d\n1;2,5;3;4')).toBe(';');
    expect(detectSeparator('a\tb\tc\n"x,y"\t2\t3')).toBe('\t');
    expect(await rows(Buffer.from('a;"b;c";d\n'))).toEqual([[1, ['a', 'b;c', 'd']]]);
  });

  it('stops at the bounds as it reads, a row past the record size before it is held', async () => {
    const limits = { ...READ_LIMITS, maxColumns: 5, maxCellLength: 10, maxRows: 2 };
    expect(await rows(Buffer.from(`a,b${','.repeat(1000)}\n1,2\n`), limits)).toEqual([
      [1, ['a', 'b', null, null, null]],
      [2, ['1', '2']],
    ]);
    await expect(rows(Buffer.from('a,b,c,d,e,f\n'), limits)).rejects.toThrow(/more than 5 columns/);
    await expect(rows(Buffer.from('a,"0123456789x"\n'), limits)).rejects.toThrow(/longer than 10/);
    await expect(rows(Buffer.from('a\nb\nc\n'), limits)).rejects.toThrow(/more than 2 rows/);
    await expect(rows(Buffer.from(`a,"${'x'.repeat(2_000_000)}"\n`))).rejects.toMatchObject({
      code: 'IMPORT.READ_LIMITS',
    });
    // a line of millions of separators is refused before the parser gathers it; separators inside quotes are text
    await expect(rows(Buffer.from(`a${','.repeat(20_000)}\n`))).rejects.toMatchObject({
      code: 'IMPORT.TOO_MANY_COLUMNS',
      row: 1,
    });
    expect(await rows(Buffer.from(`"${','.repeat(20_000)}"\nb\n`), { ...READ_LIMITS, maxCellLength: 30_000 })).toEqual([
      [1, [','.repeat(20_000)]],
      [2, ['b']],
    ]);
  });

  it('names the row whose quote is never closed', async () => {
    const unclosed = Buffer.from('a,b\nx,"y,1\nz,2\n');
    await expect(rows(unclosed)).rejects.toMatchObject({ code: 'IMPORT.UNREADABLE_WORKBOOK', row: 2 });
    await expect(rows(unclosed)).rejects.toThrow(/^Row 2 opens a quoted value/);
  });
});
