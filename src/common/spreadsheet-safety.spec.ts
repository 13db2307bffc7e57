import { escapeCell, escapeCsvText } from 'src/common/spreadsheet-safety';

describe('escapeCell', () => {
  it('defuses text a spreadsheet would run as a formula, in ASCII and full-width forms', () => {
    for (const v of ['=1+1', '+92 300', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1+1', '＋1', '－1', '＠x'])
      expect(escapeCell(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text alone', () => {
    for (const v of ['PS Saddar', '0123', 'Karachi-South', 'a=b', '']) expect(escapeCell(v)).toBe(v);
  });
});

describe('escapeCsvText', () => {
  it('defuses a formula start after any separator a spreadsheet may choose, quoted or not', () => {
    const cases: Array<[string, string]> = [
      ['a;=10*10;', "a;'=10*10;"],
      ['a|=10*10', "a|'=10*10"],
      ['a\t=10*10', "a\t'=10*10"],
      ['a =10*10', "a '=10*10"],
      ['a,=10*10', "a,'=10*10"],
      ['a;"=10*10";', 'a;"\'=10*10";'],
      ['a;  "  @SUM(1)', 'a;  "  \'@SUM(1)'],
      ['a;+10*10', "a;'+10*10"],
      ['a;-10+20', "a;'-10+20"],
      ['a\n=1+1', "a\n'=1+1"],
      ['a;＝1+1', "a;'＝1+1"],
      ['=1;=2', "'=1;'=2"],
      ['"=1+1', '"\'=1+1'],
    ];
    for (const [raw, escaped] of cases) expect([raw, escapeCsvText(raw)]).toEqual([raw, escaped]);
  });
  it('leaves separators, dashes between words and inner signs alone', () => {
    for (const v of ['PS Saddar - East', 'Karachi-South', 'a=b', 'a;b|c', 'x - y', '', '2021-06-10', 'a +'])
      expect(escapeCsvText(v)).toBe(v);
  });
});
