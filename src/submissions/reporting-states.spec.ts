import { endedMonths, stateOf } from 'src/submissions/reporting-states';

describe('reporting states', () => {
  it('leaves out the months that have not ended', () => {
    expect(endedMonths('2026-01-15', '2026-04-10', '2026-03-31')).toEqual(['2026-01', '2026-02']);
    expect(endedMonths('2026-01-01', '2026-04-30', '2026-04-01')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(endedMonths('2026-05-01', '2026-05-31', '2026-05-20')).toEqual([]);
  });

  it('counts a month as approved only when approved', () => {
    expect(stateOf('approved')).toBe('approved');
    for (const status of ['submitted', 'returned', 'reopened'] as const) expect(stateOf(status)).toBe('provisional');
    expect(stateOf(null)).toBe('missing');
  });
});
