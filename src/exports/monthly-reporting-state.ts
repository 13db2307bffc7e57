import { UnitReportingState } from 'src/submissions/reporting-states';

/** The month's reporting state of the units behind a set of figures, in words for a workbook. */
export interface MonthReporting {
  /** False while the month runs: every figure is then provisional. */
  readonly ended: boolean;
  readonly units: readonly UnitReportingState[];
}

const STATUS_WORDS: Record<string, string> = {
  approved: 'Approved',
  submitted: 'Provisional (submitted, not yet reviewed)',
  returned: 'Provisional (returned to the unit for correction)',
  reopened: 'Provisional (re-opened after approval)',
};

/** How a workbook names a unit: NPB by its code, ministries by its name (codes hold jurisdiction codes). */
export type UnitLabel = (unit: UnitReportingState) => string;
export const byCode: UnitLabel = (u) => u.reportingUnit;
export const byName: UnitLabel = (u) => u.name;

/** One unit's month in words. */
export function unitStateWords(unit: UnitReportingState): string {
  const status = unit.months[0]?.status;
  return status ? STATUS_WORDS[status] : 'Missing (not submitted)';
}

/**
 * The state of the units' month together: approved when every unit's month is approved, else
 * which units are provisional and which missing.
 */
export function stateWords(
  r: MonthReporting,
  units: readonly UnitReportingState[],
  unitLabel: UnitLabel = byCode,
): string {
  if (!r.ended) return 'Provisional: the month has not ended';
  if (!units.length) return 'No reporting unit';
  const inState = (state: string) => units.filter((u) => u.months.some((m) => m.state === state)).map(unitLabel);
  const provisional = inState('provisional');
  const missing = inState('missing');
  if (!provisional.length && !missing.length) return 'Approved';
  return [
    provisional.length ? `Provisional: ${provisional.join(', ')}` : '',
    missing.length ? `${provisional.length ? 'missing' : 'Missing'}: ${missing.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The units covering a jurisdiction. */
export const unitsOf = (r: MonthReporting, jurisdiction: string): UnitReportingState[] =>
  r.units.filter((u) => u.jurisdictions.includes(jurisdiction));

/** The cover's lines: how many units' months are approved, which are not, and what that means for the figures. */
export function coverLines(r: MonthReporting, unitLabel: UnitLabel = byCode): Array<[string, string]> {
  if (!r.ended)
    return [
      ['Reporting state', 'The month has not ended: no unit has reported it yet.'],
      ['Provisional figures', 'Every figure of this workbook is provisional and may change.'],
    ];
  const approved = r.units.filter((u) => u.months.every((m) => m.state === 'approved')).length;
  const state = stateWords(r, r.units, unitLabel);
  return [
    [
      'Reporting state',
      `Approved: ${approved} of ${r.units.length} units. ${state === 'Approved' ? '' : `${state}.`}`.trim(),
    ],
    [
      'Provisional figures',
      approved === r.units.length
        ? 'Every unit’s month is approved: the figures are final.'
        : 'Figures of a jurisdiction with a unit whose month is not approved are provisional and may change: a unit may still submit or correct its month. The Summary says which, the Reporting state sheet gives each unit.',
    ],
  ];
}

/** Each jurisdiction of the Summary and the country: its name and its month's state in words. */
export function jurisdictionStates(
  f: { summary: { byJurisdiction: ReadonlyArray<{ jurisdiction: string }> }; reporting: MonthReporting },
  names: ReadonlyMap<string, string>,
  unitLabel: UnitLabel = byCode,
): Array<[string, string]> {
  return [
    ...f.summary.byJurisdiction.map(({ jurisdiction }): [string, string] => [
      names.get(jurisdiction) ?? jurisdiction,
      stateWords(f.reporting, unitsOf(f.reporting, jurisdiction), unitLabel),
    ]),
    ['Pakistan (total)', stateWords(f.reporting, f.reporting.units, unitLabel)],
  ];
}

/** The Summary's note: which jurisdictions' figures are provisional. */
export function provisionalNote(
  f: { summary: { byJurisdiction: ReadonlyArray<{ jurisdiction: string }> }; reporting: MonthReporting },
  names: ReadonlyMap<string, string>,
): string {
  if (!f.reporting.ended) return 'Provisional figures: the month has not ended.';
  const provisional = jurisdictionStates(f, names).filter(([, state]) => state !== 'Approved');
  if (!provisional.length) return 'Every unit’s month is approved: the figures are final.';
  return `Provisional figures (a unit’s month not approved or not submitted; see the Reporting state sheet): ${provisional
    .map(([name]) => name)
    .join(', ')}.`;
}
