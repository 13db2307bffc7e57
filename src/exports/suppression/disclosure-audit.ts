import { CountProgramme, highsRuntime, LinearRow } from 'src/exports/suppression/count-programme';
import { claimedRange, Publication, SECONDARY, Shown, smallMarker } from 'src/exports/suppression/publication';

/** One quantity as a reader sees it across releases: a key with the value it had (a revised figure is another quantity). */
interface Quantity {
  readonly id: string;
  lower: number;
  upper: number;
  /** The same bounds from every release but the one under review. */
  lowerBefore: number;
  upperBefore: number;
  /** Thresholds of the `<t` markers it carries; whether some release shows it `x`. */
  readonly small: Set<number>;
  secondary: boolean;
  inCurrent: boolean;
  inEarlier: boolean;
}

interface Row {
  readonly terms: Map<string, number>;
  readonly lower: number;
  readonly upper: number;
}

export interface Verdict {
  /** `key=value` */
  readonly id: string;
  readonly marker: 'small' | 'secondary';
  /** Whole-number values a reader cannot rule out: for `<t` the ones of 1…t−1 still possible; for `x` its least and greatest. */
  readonly possible: readonly number[];
  readonly protected: boolean;
}

export const quantityId = (key: string, value: number): string => `${key}=${value}`;

/**
 * Everything published in a set of releases, as a reader who holds them all and knows how the
 * tables add up would combine them: each hidden count is a variable bounded by its marker
 * (`<t`: 1…t−1; `x`: t or more, zeros being shown; `..`: 0 or more), linked by every total of
 * every release. A count is protected when a `<t` could still be any of 1…t−1, and an `x` any
 * of at least two values. `current` is the release under review: only the hidden counts it
 * can affect (those linked to what it publishes) are audited.
 */
export class DisclosureAudit {
  private readonly quantities = new Map<string, Quantity>();
  private readonly rows: Row[] = [];
  private readonly rowsOf = new Map<string, number[]>();

  private readonly groups: Array<Set<string>>;
  private readonly groupOf = new Map<string, Set<string>>();

  constructor(publications: readonly Publication[], current: number) {
    publications.forEach((p, i) => this.add(p, i === current));
    this.groups = this.components();
    for (const g of this.groups) for (const id of g) this.groupOf.set(id, g);
  }

  /** The quantities that appear in a total or order together with `id`. */
  neighbours(id: string): Set<string> {
    const out = new Set<string>();
    for (const r of this.rowsOf.get(id) ?? [])
      for (const other of this.rows[r].terms.keys()) if (other !== id) out.add(other);
    return out;
  }

  /** The hidden quantities linked to `id` through totals of hidden quantities. */
  component(id: string): ReadonlySet<string> {
    return this.groupOf.get(id) ?? new Set([id]);
  }

  /** Audits the hidden quantities linked to the release under review (or only those in `only`). */
  async verdicts(only?: ReadonlySet<string>): Promise<Verdict[]> {
    const highs = await highsRuntime();
    const out: Verdict[] = [];
    for (const component of this.groups) {
      const members = [...component].filter((id) => this.isFree(id));
      const audited = members.filter((id) => this.needsAudit(id) && (!only || only.has(id)));
      if (!audited.length || ![...component].some((id) => this.quantities.get(id)!.inCurrent)) continue;
      const programme = this.programme(highs, members);
      try {
        for (const id of audited)
          out.push(...this.judge(programme.model, programme.col.get(id)!, this.quantities.get(id)!));
      } finally {
        programme.model.dispose();
      }
    }
    return out;
  }

  private isFree(id: string): boolean {
    const q = this.quantities.get(id);
    return !!q && q.lower < q.upper;
  }

  private needsAudit(id: string): boolean {
    const q = this.quantities.get(id)!;
    return q.small.size > 0 || q.secondary;
  }

  private judge(model: CountProgramme, col: number, q: Quantity): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const t of q.small) {
      const possible = Array.from({ length: t - 1 }, (_, i) => i + 1).filter((v) => model.admits(col, v));
      verdicts.push({ id: q.id, marker: 'small', possible, protected: possible.length === t - 1 });
    }
    if (q.secondary) {
      const [least, greatest] = model.extremes(col);
      verdicts.push({ id: q.id, marker: 'secondary', possible: [least, greatest], protected: greatest > least });
    }
    return verdicts;
  }

  /** Hidden quantities grouped by the totals that link them; one hidden before and shown exactly by the release under review counts as hidden here, since its showing is what may narrow the others. */
  private components(): Array<Set<string>> {
    const node = (id: string) => {
      const q = this.quantities.get(id)!;
      return q.lower < q.upper || (q.inEarlier && q.lowerBefore < q.upperBefore);
    };
    const parent = new Map<string, string>();
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(id, root);
      return root;
    };
    for (const id of this.quantities.keys()) if (node(id)) parent.set(id, id);
    for (const row of this.rows) {
      const ids = [...row.terms.keys()].filter(node);
      for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]));
    }
    const groups = new Map<string, Set<string>>();
    for (const id of parent.keys()) {
      const root = find(id);
      if (!groups.has(root)) groups.set(root, new Set());
      groups.get(root)!.add(id);
    }
    return [...groups.values()];
  }

  private programme(
    highs: Awaited<ReturnType<typeof highsRuntime>>,
    members: string[],
  ): { model: CountProgramme; col: Map<string, number> } {
    const col = new Map(members.map((id, i) => [id, i]));
    const rowIndexes = new Set(members.flatMap((id) => this.rowsOf.get(id) ?? []));
    const rows: LinearRow[] = [];
    for (const r of rowIndexes) {
      const row = this.rows[r];
      let constant = 0;
      const cols: number[] = [];
      const coefs: number[] = [];
      for (const [id, coef] of row.terms) {
        const c = col.get(id);
        if (c === undefined) constant += coef * this.quantities.get(id)!.lower;
        else {
          cols.push(c);
          coefs.push(coef);
        }
      }
      rows.push({ cols, coefs, lower: row.lower - constant, upper: row.upper - constant });
    }
    const bounds = members.map((id) => this.quantities.get(id)!);
    return {
      model: new CountProgramme(
        highs,
        bounds.map((q) => q.lower),
        bounds.map((q) => q.upper),
        rows,
      ),
      col,
    };
  }

  private add(p: Publication, current: boolean): void {
    const idOf = new Map<string, string>();
    for (const cell of p.cells) {
      const id = quantityId(cell.key, cell.value);
      idOf.set(cell.key, id);
      const q = this.quantity(id);
      const [lo, hi] = claimedRange(cell.shown, p.threshold);
      if (lo > cell.value || hi < cell.value)
        throw new Error(`${cell.key} is shown as ${String(cell.shown)}, which its value contradicts`);
      q.lower = Math.max(q.lower, lo);
      q.upper = Math.min(q.upper, hi);
      if (!current) {
        q.lowerBefore = Math.max(q.lowerBefore, lo);
        q.upperBefore = Math.min(q.upperBefore, hi);
      }
      q.inCurrent ||= current;
      q.inEarlier ||= !current;
      this.mark(q, cell.shown, p.threshold);
    }
    const term = (key: string) => {
      const id = idOf.get(key);
      if (!id) throw new Error(`a relation names ${key}, which the release does not publish`);
      return id;
    };
    for (const s of p.sums) {
      const terms = new Map<string, number>();
      for (const k of s.terms) terms.set(term(k), (terms.get(term(k)) ?? 0) + 1);
      terms.set(term(s.total), (terms.get(term(s.total)) ?? 0) - 1);
      this.addRow({ terms, lower: 0, upper: 0 });
    }
    for (const o of p.orders)
      this.addRow({
        terms: new Map([
          [term(o.large), 1],
          [term(o.small), -1],
        ]),
        lower: 0,
        upper: Infinity,
      });
  }

  private mark(q: Quantity, shown: Shown, threshold: number): void {
    if (shown === smallMarker(threshold)) q.small.add(threshold);
    if (shown === SECONDARY) q.secondary = true;
  }

  private quantity(id: string): Quantity {
    let q = this.quantities.get(id);
    if (!q) {
      q = {
        id,
        lower: 0,
        upper: Infinity,
        lowerBefore: 0,
        upperBefore: Infinity,
        small: new Set(),
        secondary: false,
        inCurrent: false,
        inEarlier: false,
      };
      this.quantities.set(id, q);
    }
    return q;
  }

  private addRow(row: Row): void {
    const index = this.rows.push(row) - 1;
    for (const id of row.terms.keys()) {
      if (!this.rowsOf.has(id)) this.rowsOf.set(id, []);
      this.rowsOf.get(id)!.push(index);
    }
  }
}
