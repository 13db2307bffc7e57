/**
 * What a ministry workbook states about each figure, and the arithmetic a reader knows links
 * them. Stored with every ministry workbook, so that later releases can be audited against
 * everything already published.
 */
export type Shown = number | string;

/** A count hidden to protect another: never 0 (zeros are shown) and never below the threshold (those are `<threshold`). */
export const SECONDARY = 'x';
/** A count withheld with its whole line, of which nothing is stated. */
export const WITHHELD = '..';
export const smallMarker = (threshold: number): string => `<${threshold}`;

/** One figure, by a key that names the same quantity in every release (`2024-03/summary/suspects/PK-SD`). */
export interface PublishedCell {
  readonly key: string;
  readonly value: number;
  readonly shown: Shown;
}

/** The terms add up to the total: a row or column of a table with its total. */
export interface SumRelation {
  readonly terms: readonly string[];
  readonly total: string;
}

/** small ≤ large, as the counting rules printed on the cover imply (cases prosecuted ≤ persons prosecuted). */
export interface OrderRelation {
  readonly small: string;
  readonly large: string;
}

export interface Publication {
  readonly threshold: number;
  readonly cells: readonly PublishedCell[];
  readonly sums: readonly SumRelation[];
  readonly orders: readonly OrderRelation[];
}

/** The bounds a reader draws from one shown cell. */
export function claimedRange(shown: Shown, threshold: number): [number, number] {
  if (typeof shown === 'number') return [shown, shown];
  if (shown === smallMarker(threshold)) return [1, threshold - 1];
  if (shown === SECONDARY) return [threshold, Infinity];
  return [0, Infinity];
}

export const isHidden = (shown: Shown): boolean => typeof shown !== 'number';
