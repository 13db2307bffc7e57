import { CheckInputs, isCodeLike, runChecks } from 'src/international/checks/international-checks';
import { glotipFigures } from 'src/international/glotip/glotip-figures';
import { PersonGroup } from 'src/international/international.repository';

const person = (over: Partial<PersonGroup>): PersonGroup => ({
  indicator: 'victims',
  sex: 'female',
  ageGroup: 'adult',
  nationality: 'PAK',
  nationalityName: null,
  forms: ['sexual_exploitation'],
  imprisonmentMonths: null,
  fined: false,
  persons: 1,
  ...over,
});

const persons: PersonGroup[] = [
  person({ persons: 7 }),
  person({ sex: 'unknown', ageGroup: 'unknown', nationality: 'UNK', forms: [], persons: 2 }),
  person({ indicator: 'contact', sex: 'male', persons: 4 }),
  person({ indicator: 'prosecuted', sex: 'male', persons: 3 }),
  person({ indicator: 'convicted', sex: 'male', nationality: 'AFG', persons: 2 }),
];

function inputs(over: Partial<CheckInputs> = {}): CheckInputs {
  return {
    figures: glotipFigures(2024, 5, persons),
    inconsistencies: [],
    statistics: { offences: 5, contact: 4, prosecuted: 3, convicted: 2, victims: 9 },
    previousYear: { offences: 4, contact: 4, prosecuted: 3, convicted: 2, victims: 9 },
    changeFactor: 3,
    provisional: [],
    monthsNotEnded: 0,
    ...over,
  };
}

describe('international checks', () => {
  it('pass on figures whose breakdowns add up, unknowns included', () => {
    expect(runChecks(inputs())).toEqual([]);
  });

  it('name the figure whose categories do not add up to its total', () => {
    const good = inputs().figures;
    const figures = {
      ...good,
      figures: good.figures.map((f) =>
        f.indicator === 'victims' && f.dimension === 'by citizenship' && f.category === 'Unknown'
          ? { ...f, value: f.value - 1 }
          : f,
      ),
    };
    const checks = runChecks(inputs({ figures }));
    expect(checks.map((c) => [c.code, c.severity, c.figure])).toEqual([
      ['BREAKDOWN_SUM', 'hard', 'Detected trafficking victims, Total, Total, Total, Total'],
    ]);
    expect(checks[0].message).toContain('add up to 8');
  });

  it('flag a total that differs from the statistics, a change beyond the factor, and provisional months', () => {
    const checks = runChecks(
      inputs({
        statistics: { offences: 5, contact: 4, prosecuted: 3, convicted: 2, victims: 10 },
        previousYear: { offences: 1, contact: 4, prosecuted: 3, convicted: 2, victims: 10 },
        provisional: [{ month: '2024-03', units: ['FIA'] }],
      }),
    );
    expect(checks.map((c) => [c.code, c.severity])).toEqual([
      ['TOTAL_DIFFERS_FROM_STATISTICS', 'hard'],
      ['YEAR_ON_YEAR_CHANGE', 'warning'],
      ['PROVISIONAL_MONTHS', 'warning'],
    ]);
    expect(checks[2].message).toContain('2024-03: FIA');
  });

  it('take questionnaire cells, bare codes and our own codes for codes, and names for names', () => {
    for (const code of ['Q6.1_10s_2019', 'Q6.1_2s_2020', 'PAK', 'XKX', 'forced_labour', 'Total_2021'])
      expect([code, isCodeLike(code)]).toEqual([code, true]);
    for (const name of [
      'Nationals',
      'Afghanistan',
      'Korea, Republic of',
      'Sexual exploitation',
      '0 to 17 years',
      'Unknown',
    ])
      expect([name, isCodeLike(name)]).toEqual([name, false]);
  });
});
