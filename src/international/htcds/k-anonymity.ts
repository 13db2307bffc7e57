/**
 * k-anonymity of the HTCDS export: every combination of the quasi-identifiers that is published
 * is shared by at least k rows, so no victim can be singled out by what is known of them (sex,
 * age, citizenship, the year they were identified, how they were exploited, where they were
 * recruited).
 *
 * Rows of a combination shared by fewer than k rows climb a ladder of generalisations, one rung
 * at a time (each rung keeps the ones below it); rows that joined a combination of k or more stay
 * on their rung. Rows still in a smaller combination on the last rung are withheld. Combinations
 * of k or more never lose a row, so every combination published has at least k.
 */

/** The quasi-identifiers of a row, as the standard writes them. */
export interface QuasiIdentifiers {
  readonly gender: string;
  /** One of AGE_BANDS. */
  readonly ageBand: string;
  /** ISO 3166-1 alpha-2, '' when not stated. */
  readonly citizenship: string;
  readonly year: string;
  /** vic_TypeOfExploitation, vic_ForcedLabourIndustry, vic_MethodsOfControl: all three say how. */
  readonly exploitation: readonly [string, string, string];
  /** The country of recruitment (the route's origin): most often the citizenship. */
  readonly recruitment: string;
}

/** The age bands by age at the offence (the project's demographics bands). */
export const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'] as const;
/** The broader bands of the first rung: child and adult, as GLOTIP counts them. */
export const BROAD_AGE_BANDS = ['0-17', '18+', 'unknown'] as const;

/** Pakistan: its own nationals are most victims, so their citizenship is the last to go. */
const HOME_COUNTRY = 'PK';

/** The rungs above the values as recorded (rung 0), each keeping the ones below. */
export const LADDER: ReadonlyArray<{ readonly description: string; apply(q: QuasiIdentifiers): QuasiIdentifiers }> = [
  {
    description: 'age band → 0-17 or 18+',
    apply: (q) => ({ ...q, ageBand: broadAgeBand(q.ageBand) }),
  },
  {
    description: 'citizenship and country of recruitment other than Pakistan → not stated',
    apply: (q) => ({
      ...q,
      citizenship: q.citizenship === HOME_COUNTRY ? q.citizenship : '',
      recruitment: q.recruitment === HOME_COUNTRY ? q.recruitment : '',
    }),
  },
  {
    description: 'citizenship and country of recruitment → not stated',
    apply: (q) => ({ ...q, citizenship: '', recruitment: '' }),
  },
  {
    description: 'type of exploitation, forced labour industry and methods of control → not stated',
    apply: (q) => ({ ...q, exploitation: ['', '', ''] }),
  },
];

export function broadAgeBand(band: string): string {
  if (band === '0-11' || band === '12-17' || band === '0-17') return '0-17';
  return band === 'unknown' ? 'unknown' : '18+';
}

/** The quasi-identifiers on rung `level` (0: as recorded). */
export function generalise(q: QuasiIdentifiers, level: number): QuasiIdentifiers {
  return LADDER.slice(0, level).reduce((acc, rung) => rung.apply(acc), q);
}

function classKey(q: QuasiIdentifiers): string {
  return JSON.stringify([q.gender, q.ageBand, q.citizenship, q.year, ...q.exploitation, q.recruitment]);
}

export interface Anonymised<T> {
  /** The rows published, in the order given, each with the quasi-identifiers to write. */
  readonly published: ReadonlyArray<{ readonly row: T; readonly values: QuasiIdentifiers }>;
  /** Rows published with at least one quasi-identifier generalised. */
  readonly coarsened: number;
  /** Rows left out: in a combination of fewer than k even on the last rung. */
  readonly withheld: number;
}

export function anonymise<T>(rows: readonly T[], quasi: (row: T) => QuasiIdentifiers, k: number): Anonymised<T> {
  const recorded = rows.map(quasi);
  const levels = rows.map(() => 0);
  const valuesAt = (i: number) => generalise(recorded[i], levels[i]);
  const classSizes = () => {
    const keys = rows.map((_, i) => classKey(valuesAt(i)));
    const sizes = new Map<string, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    return keys.map((key) => sizes.get(key)!);
  };
  for (let level = 1; level <= LADDER.length; level++) {
    const sizes = classSizes();
    for (let i = 0; i < rows.length; i++) if (sizes[i] < k) levels[i] = level;
  }
  const sizes = classSizes();
  const published: Array<{ row: T; values: QuasiIdentifiers }> = [];
  let coarsened = 0;
  for (let i = 0; i < rows.length; i++) {
    if (sizes[i] < k) continue;
    const values = valuesAt(i);
    if (classKey(values) !== classKey(recorded[i])) coarsened++;
    published.push({ row: rows[i], values });
  }
  return { published, coarsened, withheld: rows.length - published.length };
}
