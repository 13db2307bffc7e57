import { DisclosureAudit, quantityId } from 'src/exports/suppression/disclosure-audit';
import {
  isHidden, OrderRelation, Publication, SECONDARY, Shown, smallMarker, SumRelation, WITHHELD,
} from 'src/exports/suppression/publication';

/** The figures of a release before anything is hidden, with the arithmetic that links them. */
export interface Draft {
  readonly cells: ReadonlyArray<{ readonly key: string; readonly value: number }>;
  readonly sums: readonly SumRelation[];
  readonly orders: readonly OrderRelation[];
}

export interface Protection {
  readonly publication: Publication;
  /** Lines withheld whole because no other suppression could protect them. */
  readonly withheld: readonly SumRelation[];
  /** Hidden counts that earlier releases had already let a reader narrow, which this one cannot repair. */
  readonly exposedBefore: readonly string[];
}

/**
 * Decides what a ministry release shows. Counts 1…t−1 become `<t` (primary); zeros and other
 * counts are shown. A count hidden by an earlier release stays hidden, one shown exactly before
 * stays shown. Then, while the audit over this release and the earlier ones finds a hidden count
 * a reader could narrow, a further count linked to it is hidden as `x` — the one that hides the
 * fewest persons; when none is left, the lines holding it are withheld whole (`..`).
 */
export async function protect(draft: Draft, earlier: readonly Publication[], threshold: number): Promise<Protection> {
  const values = new Map(draft.cells.map((c) => [c.key, c.value]));
  const shown = new Map<string, Shown>(draft.cells.map((c) => [c.key, c.value === 0 ? 0 : c.value < threshold ? smallMarker(threshold) : c.value]));
  const keyOfId = new Map(draft.cells.map((c) => [quantityId(c.key, c.value), c.key]));
  const totals = new Set(draft.sums.map((s) => s.total));
  const hiddenBefore = new Set(earlier.flatMap((p) => p.cells.filter((c) => isHidden(c.shown)).map((c) => c.key)));
  const exactBefore = new Set(earlier.flatMap((p) => p.cells.filter((c) => !isHidden(c.shown)).map((c) => quantityId(c.key, c.value))));

  const canHide = (key: string) => {
    const v = shown.get(key);
    return typeof v === 'number' && v > 0 && !exactBefore.has(quantityId(key, v));
  };
  for (const key of hiddenBefore) if (values.has(key) && canHide(key)) shown.set(key, SECONDARY);

  // the lightest count among `keys` whose hiding would add a doubt (inner cells before totals)
  const lightest = (keys: Iterable<string>): string | undefined =>
    [...keys].filter(canHide).sort((a, b) => values.get(a)! - values.get(b)! || Number(totals.has(a)) - Number(totals.has(b)) || a.localeCompare(b))[0];

  // a cheap first pass: a line with a total and a single hidden count gives that count away
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of draft.sums) {
      const line = [...s.terms, s.total];
      if (line.filter((k) => isHidden(shown.get(k)!)).length !== 1) continue;
      const pick = lightest(line);
      if (pick) {
        shown.set(pick, SECONDARY);
        changed = true;
      }
    }
  }

  const withheld: SumRelation[] = [];
  const exposed = new Set<string>();
  const publication = (): Publication => ({ threshold, cells: draft.cells.map((c) => ({ ...c, shown: shown.get(c.key)! })), sums: draft.sums, orders: draft.orders });
  let only: Set<string> | undefined;
  for (;;) {
    const audit = new DisclosureAudit([...earlier, publication()], earlier.length);
    const failing = (await audit.verdicts(only)).filter((v) => !v.protected && !exposed.has(v.id)).sort((a, b) => a.id.localeCompare(b.id));
    if (!failing.length) break;
    const next = new Set<string>();
    const hiddenThisRound = new Set<string>();
    for (const { id } of failing) {
      next.add(id);
      const near = audit.neighbours(id);
      if ([...near].some((n) => hiddenThisRound.has(n))) continue; // look again once that hiding is counted
      const currentKeys = (ids: Iterable<string>) => [...ids].flatMap((i) => keyOfId.get(i) ?? []);
      const pick = lightest(currentKeys(near)) ?? lightest(currentKeys([...audit.component(id)].flatMap((m) => [...audit.neighbours(m)])));
      if (pick) {
        shown.set(pick, SECONDARY);
        const pickId = quantityId(pick, values.get(pick)!);
        hiddenThisRound.add(pickId);
        next.add(pickId);
        continue;
      }
      const key = keyOfId.get(id);
      const lines = draft.sums.filter((s) => !withheld.includes(s) && key !== undefined && (s.total === key || s.terms.includes(key)));
      if (!lines.length) {
        exposed.add(id);
        continue;
      }
      for (const line of lines) {
        withheld.push(line);
        for (const k of [...line.terms, line.total]) shown.set(k, WITHHELD);
      }
    }
    only = next;
  }
  return { publication: publication(), withheld, exposedBefore: [...exposed] };
}
