import { escapeCell } from 'src/common/spreadsheet-safety';

describe('escapeCell', () => {
  it('defuses text a spreadsheet would run as a formula, in ASCII and full-width forms', () => {
    for (const v of ['=1+1', '+92 300', '-5', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1+1', '＋1', '－1', '＠x']) expect(escapeCell(v)).toBe(`'${v}`);
  });
  it('leaves ordinary text alone', () => {
    for (const v of ['PS Saddar', '0123', 'Karachi-South', 'a=b', '']) expect(escapeCell(v)).toBe(v);
  });
});
