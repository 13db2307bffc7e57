import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs['createModel']>;

let runtime: Promise<Highs> | undefined;
/** HiGHS compiled to WebAssembly, loaded once per process. */
export const highsRuntime = (): Promise<Highs> => (runtime ??= loadHighs());

export interface LinearRow {
  readonly cols: readonly number[];
  readonly coefs: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;
const isWhole = (x: Float64Array) => x.every((v) => Math.abs(v - Math.round(v)) < 1e-6);

/**
 * Hidden counts linked by published totals, as a linear programme: which whole numbers a
 * count can take given everything a reader knows. Each question is put to the linear
 * relaxation first (fast); its answer is taken only when the solution found is whole in
 * every count — a real table that fits all totals. A fractional solution proves nothing about
 * whole numbers, so the question is then asked again with integer variables. (The relaxation
 * alone would be unsafe: its range can be wider than the whole-number one.)
 */
export class CountProgramme {
  private readonly lp: Model;
  private ip?: Model;

  constructor(
    private readonly highs: Highs,
    private readonly lower: readonly number[],
    private readonly upper: readonly number[],
    private readonly rows: readonly LinearRow[],
  ) {
    this.lp = this.create(false);
  }

  /** Whether some whole-number table that fits everything gives column `col` the value `v`. */
  admits(col: number, v: number): boolean {
    const attempt = (model: Model) => {
      model.changeColBounds(col, v, v);
      try {
        return this.run(model);
      } finally {
        model.changeColBounds(col, this.lower[col], this.toHighs(this.upper[col]));
      }
    };
    const relaxed = attempt(this.lp);
    if (relaxed.status !== OPTIMAL) return false;
    if (isWhole(relaxed.x)) return true;
    return attempt(this.integer()).status === OPTIMAL;
  }

  /** The least and greatest whole-number value column `col` can take (the greatest may be Infinity). */
  extremes(col: number): [number, number] {
    const { minimize, maximize } = this.highs.constants.objectiveSense;
    const bound = (model: Model, sense: typeof minimize): number | null => {
      model.changeColCost(col, 1);
      model.changeObjectiveSense(sense);
      try {
        const { status, x } = this.run(model);
        if (status === UNBOUNDED || (status === UNBOUNDED_OR_INFEASIBLE && sense === maximize)) return Infinity;
        if (status !== OPTIMAL) throw new Error(`the audit programme has no solution (status ${status})`);
        return model === this.lp && !isWhole(x) ? null : Math.round(x[col]) + 0; // + 0: never -0
      } finally {
        model.changeColCost(col, 0);
      }
    };
    const least = bound(this.lp, minimize) ?? bound(this.integer(), minimize)!;
    const greatest = bound(this.lp, maximize) ?? bound(this.integer(), maximize)!;
    return [least, greatest];
  }

  dispose(): void {
    this.lp.dispose();
    this.ip?.dispose();
  }

  private integer(): Model {
    return (this.ip ??= this.create(true));
  }

  private run(model: Model): { status: number; x: Float64Array } {
    model.run();
    const status = model.getModelStatus();
    if (status === INFEASIBLE) return { status, x: new Float64Array() };
    return { status, x: status === OPTIMAL ? model.getSolution().colValue : new Float64Array() };
  }

  private toHighs(v: number): number {
    return v === Infinity ? this.highs.infinity : v === -Infinity ? -this.highs.infinity : v;
  }

  private create(integer: boolean): Model {
    const n = this.lower.length;
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const row of this.rows) {
      indices.push(...row.cols);
      values.push(...row.coefs);
      starts.push(indices.length);
    }
    const model = this.highs.createModel({
      numCols: n,
      numRows: this.rows.length,
      colCost: new Array<number>(n).fill(0),
      colLower: this.lower.map((v) => this.toHighs(v)),
      colUpper: this.upper.map((v) => this.toHighs(v)),
      rowLower: this.rows.map((r) => this.toHighs(r.lower)),
      rowUpper: this.rows.map((r) => this.toHighs(r.upper)),
      matrix: { format: 'csr', numRows: this.rows.length, numCols: n, starts, indices, values },
      ...(integer ? { integrality: new Array<1>(n).fill(this.highs.constants.variableType.integer) } : {}),
    });
    model.options.set({ output_flag: false });
    return model;
  }
}
