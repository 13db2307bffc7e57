import { anonymise, generalise, QuasiIdentifiers } from 'src/international/htcds/k-anonymity';

const person = (over: Partial<QuasiIdentifiers> = {}): QuasiIdentifiers => ({
  gender: 'Feminine',
  ageBand: '12-17',
  citizenship: 'PK',
  year: '2024',
  exploitation: ['SexualExploitation', '', ''],
  recruitment: 'PK',
  ...over,
});
const times = (n: number, q: QuasiIdentifiers) => Array.from({ length: n }, () => q);

describe('k-anonymity of the HTCDS export', () => {
  it('publishes combinations of k or more as recorded', () => {
    const result = anonymise(times(5, person()), (q) => q, 5);
    expect(result).toMatchObject({ coarsened: 0, withheld: 0 });
    expect(result.published.map((p) => p.values)).toEqual(times(5, person()));
  });

  it('climbs one rung at a time: two and three adults of different bands meet at 18+', () => {
    const rows = [...times(2, person({ ageBand: '18-25' })), ...times(3, person({ ageBand: '26-40' }))];
    const result = anonymise(rows, (q) => q, 5);
    expect(result).toMatchObject({ coarsened: 5, withheld: 0 });
    expect(new Set(result.published.map((p) => p.values.ageBand))).toEqual(new Set(['18+']));
    expect(result.published[0].values.citizenship).toBe('PK');
  });

  it('leaves a large combination alone while small ones climb, and withholds what never reaches k', () => {
    const rows = [
      ...times(6, person()),
      ...times(2, person({ citizenship: 'AF', recruitment: 'AF', ageBand: '0-11' })),
      ...times(1, person({ gender: 'Masculine' })),
    ];
    const result = anonymise(rows, (q) => q, 5);
    // the two Afghan girls end as (Feminine, 0-17, not stated, 2024, not stated): two rows, withheld with the boy
    expect(result).toMatchObject({ coarsened: 0, withheld: 3 });
    expect(result.published).toHaveLength(6);
    expect(result.published.every((p) => p.values.ageBand === '12-17')).toBe(true);
  });

  it('keeps Pakistani citizenship a rung longer than others, then lets it go', () => {
    const q = person({ citizenship: 'AF', recruitment: 'IR' });
    expect(generalise(q, 2)).toMatchObject({ citizenship: '', recruitment: '' });
    expect(generalise(person(), 2)).toMatchObject({ citizenship: 'PK', recruitment: 'PK' });
    expect(generalise(person(), 3)).toMatchObject({ citizenship: '', recruitment: '' });
    expect(generalise(person(), 4).exploitation).toEqual(['', '', '']);
  });

  it('does not count a row as coarsened when its climb changed nothing it shows', () => {
    const unknown = person({ ageBand: 'unknown', citizenship: '', recruitment: '', exploitation: ['', '', ''] });
    const rows = [...times(3, unknown), ...times(2, { ...unknown, ageBand: '18-25' })];
    const result = anonymise(rows, (q) => q, 5);
    // the 18-25s become 18+, still apart from the unknown ages: all five withheld
    expect(result).toMatchObject({ coarsened: 0, withheld: 5 });
    const merged = anonymise([...times(5, unknown), person({ ageBand: 'unknown', year: '2023' })], (q) => q, 5);
    expect(merged).toMatchObject({ coarsened: 0, withheld: 1 });
  });
});
