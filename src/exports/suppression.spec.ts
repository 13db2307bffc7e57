import { suppress } from 'src/exports/suppression';

/** True when some hidden cell equals its line total minus the visible cells, i.e. can be recovered. */
function recoverable(shown: Array<Array<number | string>>, rowTotals: boolean, columnTotals: boolean): boolean {
  const cols = shown[0].length;
  const lines: Array<Array<number | string>> = [];
  if (rowTotals) for (const row of shown) lines.push(row);
  if (columnTotals) for (let c = 0; c < cols; c++) lines.push(shown.map((row) => row[c]));
  return lines.some((line) => line.filter((v) => typeof v === 'string').length === 1);
}

describe('small-cell suppression', () => {
  it('hides 1–4, keeps zeros and larger counts', () => {
    expect(suppress([[0, 1, 4, 5, 120]], 5, { rowTotals: false, columnTotals: false })).toEqual([[0, '<5', '<5', 5, 120]]);
  });

  it('hides a second cell where a row total would reveal the first', () => {
    const shown = suppress([[3, 10, 20, 33]], 5, { rowTotals: true, columnTotals: false });
    expect(shown).toEqual([['<5', '<5', 20, 33]]);
  });

  it('hides the total when nothing else in the line could cover a hidden cell', () => {
    expect(suppress([[3, 0, 0, 3]], 5, { rowTotals: true, columnTotals: false })).toEqual([['<5', 0, 0, '<5']]);
  });

  it('leaves no hidden cell recoverable from any row or column total', () => {
    // jurisdictions × statuses with row totals and a national total row
    const rnd = (n: number) => Math.floor(Math.abs(Math.sin(n * 9301 + 49297)) * 12);
    for (let seed = 1; seed < 60; seed++) {
      const inner = Array.from({ length: 7 }, (_, r) => Array.from({ length: 6 }, (_, c) => rnd(seed * 100 + r * 10 + c)));
      const withRowTotals = inner.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
      const totals = withRowTotals[0].map((_, c) => withRowTotals.reduce((a, row) => a + row[c], 0));
      const table = [...withRowTotals, totals];
      const shown = suppress(table, 5, { rowTotals: true, columnTotals: true });
      expect(recoverable(shown, true, true)).toBe(false);
      shown.forEach((row, r) => row.forEach((v, c) => {
        if (typeof v === 'number') expect(v).toBe(table[r][c]);
        if (table[r][c] === 0) expect(v).toBe(0);
        if (table[r][c] > 0 && table[r][c] < 5) expect(v).toBe('<5');
      }));
    }
  });
});
