import { DisclosureAudit, quantityId } from 'src/exports/suppression/disclosure-audit';
import {
  isHidden,
  OrderRelation,
  Publication,
  SECONDARY,
  Shown,
  smallMarker,
  SumRelation,
  WITHHELD,
} from 'src/exports/suppression/publication';

/** The figures of a release before anything is hidden, with the arithmetic that links them. */
export interface Draft {
  readonly cells: ReadonlyArray<{ readonly key: string; readonly value: number }>;
  readonly sums: readonly SumRelation[];
  readonly orders: readonly OrderRelation[];
}

export interface Protection {
  readonly publication: Publication;
  /** Cells withheld (`..`): small totals that would narrow their terms, and lines that nothing else could protect. */
  readonly withheld: readonly string[];
  /** Hidden counts that earlier releases had already let a reader narrow, which this one cannot repair. */
  readonly exposedBefore: readonly string[];
}

/**
 * Decides what a ministry release shows. Counts 1…t−1 become `<t` (primary); zeros and other
 * counts are shown. A count hidden by an earlier release stays hidden, one shown exactly before
 * stays shown. A `<t` total over several non-zero counts is withheld (`..`). Then, while the audit
 * over this release and the earlier ones finds a hidden count a reader could narrow, a further
 * count linked to it is hidden as `x` — the one that hides the fewest persons; when none is left,
 * the small totals of its lines, and failing that the lines themselves, are withheld (`..`).
 */
export async function protect(draft: Draft, earlier: readonly Publication[], threshold: number): Promise<Protection> {
  const values = new Map(draft.cells.map((c) => [c.key, c.value]));
  const shown = new Map<string, Shown>(
    draft.cells.map((c) => [c.key, c.value === 0 ? 0 : c.value < threshold ? smallMarker(threshold) : c.value]),
  );
  const keyOfId = new Map(draft.cells.map((c) => [quantityId(c.key, c.value), c.key]));
  const totals = new Set(draft.sums.map((s) => s.total));
  const hiddenBefore = new Set(earlier.flatMap((p) => p.cells.filter((c) => isHidden(c.shown)).map((c) => c.key)));
  const withheldBefore = new Set(earlier.flatMap((p) => p.cells.filter((c) => c.shown === WITHHELD).map((c) => c.key)));
  const exactBefore = new Set(
    earlier.flatMap((p) => p.cells.filter((c) => !isHidden(c.shown)).map((c) => quantityId(c.key, c.value))),
  );

  const canHide = (key: string) => {
    const v = shown.get(key);
    return typeof v === 'number' && v > 0 && !exactBefore.has(quantityId(key, v));
  };
  for (const key of hiddenBefore) if (values.has(key) && canHide(key)) shown.set(key, SECONDARY);
  for (const key of withheldBefore) if (values.has(key)) shown.set(key, WITHHELD);

  // the lightest count among `keys` whose hiding would add a doubt (inner cells before totals)
  const lightest = (keys: Iterable<string>): string | undefined =>
    [...keys]
      .filter(canHide)
      .sort(
        (a, b) =>
          values.get(a)! - values.get(b)! || Number(totals.has(a)) - Number(totals.has(b)) || a.localeCompare(b),
      )[0];

  // A total shown <t over two or more non-zero counts bounds each of them below t−1 (three 1s under a <5 total
  // are each at most 2): such a total is withheld, and nothing is said about it.
  const withhold = (key: string) => shown.set(key, WITHHELD);
  for (const s of draft.sums) {
    if (shown.get(s.total) === smallMarker(threshold) && s.terms.filter((k) => values.get(k)! > 0).length > 1)
      withhold(s.total);
  }

  // a cheap first pass: a line with a total and a single hidden count gives that count away
  for (let changed = true; changed;) {
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

  const exposed = new Set<string>();
  const publication = (): Publication => ({
    threshold,
    cells: draft.cells.map((c) => ({ ...c, shown: shown.get(c.key)! })),
    sums: draft.sums,
    orders: draft.orders,
  });
  let only: Set<string> | undefined;
  for (;;) {
    const audit = new DisclosureAudit([...earlier, publication()], earlier.length);
    const failing = (await audit.verdicts(only))
      .filter((v) => !v.protected && !exposed.has(v.id))
      .sort((a, b) => a.id.localeCompare(b.id));
    if (!failing.length) break;
    const next = new Set<string>();
    const changedThisRound = new Set<string>();
    for (const { id } of failing) {
      next.add(id);
      // a change this round near the count (for withholding: anywhere it is linked) may already protect it: look again first
      const near = audit.neighbours(id);
      if ([id, ...near].some((n) => changedThisRound.has(n))) continue;
      const around = [...audit.component(id)].flatMap((m) => [m, ...audit.neighbours(m)]);
      const currentKeys = (ids: Iterable<string>) => [...ids].flatMap((i) => keyOfId.get(i) ?? []);
      const pick = lightest(currentKeys(near)) ?? lightest(currentKeys(around));
      if (!pick && around.some((n) => changedThisRound.has(n))) continue;
      if (pick) {
        shown.set(pick, SECONDARY);
        const pickId = quantityId(pick, values.get(pick)!);
        changedThisRound.add(pickId);
        next.add(pickId);
        continue;
      }
      // nothing left to hide: withhold the small totals of its lines, then the lines themselves; for a count
      // outside any line of this release, its own marker here, then the markers of this release that narrow it
      const key = keyOfId.get(id);
      const lines = draft.sums.filter((s) => key !== undefined && (s.total === key || s.terms.includes(key)));
      const stating = (k: string) => shown.get(k) === smallMarker(threshold) || shown.get(k) === SECONDARY;
      const smallTotals = lines.map((s) => s.total).filter((k) => shown.get(k) === smallMarker(threshold));
      const rest = lines.flatMap((s) => [...s.terms, s.total]).filter((k) => shown.get(k) !== WITHHELD);
      const linked = [...currentKeys([id]), ...currentKeys(near)].filter(stating);
      const targets =
        [smallTotals, rest, linked, currentKeys([...audit.component(id)]).filter(stating)].find((t) => t.length) ?? [];
      if (!targets.length) {
        exposed.add(id);
        continue;
      }
      for (const k of targets) {
        withhold(k);
        changedThisRound.add(quantityId(k, values.get(k)!));
      }
    }
    only = next;
  }
  const withheld = draft.cells.filter((c) => shown.get(c.key) === WITHHELD).map((c) => c.key);
  return { publication: publication(), withheld, exposedBefore: [...exposed] };
}
