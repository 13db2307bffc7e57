/**
 * Small-cell suppression for tables that leave NPB: counts from 1 to threshold−1 are shown
 * as `<threshold` (primary); then, wherever a row or column with a published total holds a
 * single hidden cell — which the total would give away — the smallest other non-zero cell of
 * that line is hidden too (secondary), until no line has exactly one. Zeros stay zeros.
 */
export type Shown = number | string;

export interface TableShape {
  /** The last column is each row's total. */
  readonly rowTotals: boolean;
  /** The last row is each column's total. */
  readonly columnTotals: boolean;
}

export function suppress(table: number[][], threshold: number, shape: TableShape): Shown[][] {
  const hidden = table.map((row) => row.map((v) => v > 0 && v < threshold));
  const lines: Array<Array<[number, number]>> = [];
  const rows = table.length;
  const cols = rows ? table[0].length : 0;
  if (shape.rowTotals) for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => [r, c] as [number, number]));
  if (shape.columnTotals) for (let c = 0; c < cols; c++) lines.push(Array.from({ length: rows }, (_, r) => [r, c] as [number, number]));

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, c]) => hidden[r][c]).length !== 1) continue;
      // hide the smallest visible non-zero cell, preferring inner cells to totals
      const isTotal = ([r, c]: [number, number]) => (shape.rowTotals && c === cols - 1) || (shape.columnTotals && r === rows - 1);
      const candidates = line
        .filter(([r, c]) => !hidden[r][c] && table[r][c] > 0)
        .sort((a, b) => Number(isTotal(a)) - Number(isTotal(b)) || table[a[0]][a[1]] - table[b[0]][b[1]]);
      if (!candidates.length) continue;
      const [r, c] = candidates[0];
      hidden[r][c] = true;
      changed = true;
    }
  }
  return table.map((row, r) => row.map((v, c) => (hidden[r][c] ? `<${threshold}` : v)));
}
