import { CountProgramme, highsRuntime } from 'src/exports/suppression/count-programme';

describe('CountProgramme', () => {
  it('answers in whole numbers where the linear relaxation alone would look safer', async () => {
    const highs = await highsRuntime();
    // a + b = 1, b + c = 1, a + c − d = 1, d ∈ [0, 1]: only a = c = 1, b = 0, d = 1 is whole;
    // the relaxation also has a = b = c = ½, d = 0, and would call d "0 or 1"
    const [a, b, c, d] = [0, 1, 2, 3];
    const programme = new CountProgramme(
      highs,
      [0, 0, 0, 0],
      [Infinity, Infinity, Infinity, 1],
      [
        { cols: [a, b], coefs: [1, 1], lower: 1, upper: 1 },
        { cols: [b, c], coefs: [1, 1], lower: 1, upper: 1 },
        { cols: [a, c, d], coefs: [1, 1, -1], lower: 1, upper: 1 },
      ],
    );
    try {
      expect(programme.extremes(d)).toEqual([1, 1]);
      expect(programme.admits(d, 0)).toBe(false);
      expect(programme.admits(d, 1)).toBe(true);
      expect(programme.extremes(b)).toEqual([0, 0]);
    } finally {
      programme.dispose();
    }
  });

  it('gives the range of a count in a table with totals, unbounded above where nothing caps it', async () => {
    const highs = await highsRuntime();
    // x + y = t with x ∈ [1, 4], y ≥ 5, t free: x anything from 1 to 4, y and t unbounded
    const programme = new CountProgramme(
      highs,
      [1, 5, 0],
      [4, Infinity, Infinity],
      [{ cols: [0, 1, 2], coefs: [1, 1, -1], lower: 0, upper: 0 }],
    );
    try {
      expect([1, 2, 3, 4].map((v) => programme.admits(0, v))).toEqual([true, true, true, true]);
      expect(programme.extremes(1)).toEqual([5, Infinity]);
      expect(programme.extremes(2)).toEqual([6, Infinity]);
    } finally {
      programme.dispose();
    }
  });
});
