import loadHighs from 'highs';

/**
 * What a careful reader can work out from published tables, computed in the tests
 * independently of the service's audit: every hidden cell becomes an integer variable of a
 * CPLEX-LP text model (`<t` → 1…t−1, `x` → t or more, `..` → 0 or more), every published
 * total an equation, and HiGHS' one-shot solver answers what each cell can be.
 */
export interface ReaderView {
  readonly threshold: number;
  readonly cells: ReadonlyMap<string, number | string>;
  readonly sums: ReadonlyArray<{ terms: readonly string[]; total: string }>;
  readonly orders?: ReadonlyArray<{ small: string; large: string }>;
}

export interface ReaderFinding {
  readonly cell: string;
  readonly shown: string;
  /** `<t`: the values 1…t−1 still possible; `x`: [least, greatest]. */
  readonly possible: number[];
  readonly protected: boolean;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

export async function readerFindings(view: ReaderView): Promise<ReaderFinding[]> {
  const solver = await (highs ??= loadHighs());
  const t = view.threshold;
  const hidden = [...view.cells].filter(([, v]) => typeof v === 'string').map(([k]) => k);
  const name = new Map(hidden.map((k, i) => [k, `v${i}`]));
  const equations = view.sums.map((s) => ({ plus: s.terms, minus: [s.total], op: '=' }));
  const inequalities = (view.orders ?? []).map((o) => ({ plus: [o.large], minus: [o.small], op: '>=' }));
  const rows = [...equations, ...inequalities];

  // cells linked by rows with hidden cells, so that each model stays small
  const parent = new Map(hidden.map((k) => [k, k]));
  const find = (k: string): string => (parent.get(k) === k ? k : find(parent.get(k)!));
  for (const r of rows) {
    const ks = [...r.plus, ...r.minus].filter((k) => name.has(k));
    for (const k of ks.slice(1)) parent.set(find(k), find(ks[0]));
  }

  const text = (
    objective: string,
    sense: 'Minimize' | 'Maximize',
    component: Set<string>,
    fixed?: [string, number],
  ) => {
    const lines: string[] = [sense, ` obj: ${objective}`, 'Subject To'];
    rows.forEach((r, i) => {
      const terms = [...r.plus.map((k) => [k, 1] as const), ...r.minus.map((k) => [k, -1] as const)];
      if (!terms.some(([k]) => component.has(k))) return;
      let constant = 0;
      const parts: string[] = [];
      for (const [k, sign] of terms) {
        const v = view.cells.get(k)!;
        if (typeof v === 'number') constant += sign * v;
        else parts.push(`${sign > 0 ? '+' : '-'} ${name.get(k)}`);
      }
      lines.push(` r${i}: ${parts.join(' ')} ${r.op} ${-constant}`);
    });
    lines.push('Bounds');
    for (const k of component) {
      const v = view.cells.get(k);
      const n = name.get(k)!;
      if (fixed && fixed[0] === k) lines.push(` ${n} = ${fixed[1]}`);
      else if (v === `<${t}`) lines.push(` 1 <= ${n} <= ${t - 1}`);
      else if (v === 'x') lines.push(` ${n} >= ${t}`);
      else lines.push(` ${n} >= 0`);
    }
    lines.push('General', ` ${[...component].map((k) => name.get(k)).join(' ')}`, 'End');
    return lines.join('\n');
  };

  const findings: ReaderFinding[] = [];
  for (const k of hidden) {
    const shown = view.cells.get(k) as string;
    if (shown === '..') continue;
    const component = new Set(hidden.filter((h) => find(h) === find(k)));
    if (shown === `<${t}`) {
      const possible = Array.from({ length: t - 1 }, (_, i) => i + 1).filter(
        (v) =>
          solver.solve(text(name.get(k)!, 'Minimize', component, [k, v]), { output_flag: false }).Status === 'Optimal',
      );
      findings.push({ cell: k, shown, possible, protected: possible.length === t - 1 });
    } else {
      const solve = (sense: 'Minimize' | 'Maximize') => {
        const r = solver.solve(text(name.get(k)!, sense, component), { output_flag: false });
        // the true figures are a solution, so "infeasible or unbounded" can only mean unbounded
        if (r.Status === 'Unbounded' || (sense === 'Maximize' && r.Status === 'Primal infeasible or unbounded'))
          return Infinity;
        if (r.Status !== 'Optimal') throw new Error(`reader model for ${k}: ${r.Status}`);
        return Math.round(r.ObjectiveValue);
      };
      const possible = [solve('Minimize'), solve('Maximize')];
      findings.push({ cell: k, shown, possible, protected: possible[1] > possible[0] });
    }
  }
  return findings;
}
