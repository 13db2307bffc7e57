import { CaseFacts, consistencyProblems, transitionProblem } from 'src/cases/case-rules';

const base: CaseFacts = {
  firDate: '2024-01-10',
  status: 'registered',
  statusDate: '2024-01-10',
  investigationConcludedOn: null,
  prosecutions: [],
};
const codes = (facts: Partial<CaseFacts>) =>
  consistencyProblems({ ...base, ...facts }, '2025-01-01').map((p) => `${p.field}:${p.code}`);

describe('case status transitions', () => {
  it('lets a monthly upload jump from registered straight to convicted', () => {
    expect(transitionProblem('registered', 'convicted', '2024-01-10', base)).toBeNull();
  });
  it('refuses backwards and sideways moves', () => {
    expect(transitionProblem('under_trial', 'under_investigation', '2024-01-10', base)).toMatch(/cannot move/);
    expect(transitionProblem('cancelled', 'convicted', '2024-01-10', base)).toMatch(/cannot move/);
    expect(transitionProblem('transferred', 'registered', '2024-01-10', base)).toMatch(/cannot move/);
  });
  it('re-opens untraced and cancelled cases for investigation', () => {
    expect(transitionProblem('untraced', 'under_investigation', '2024-01-10', base)).toBeNull();
    expect(transitionProblem('cancelled', 'under_investigation', '2024-01-10', base)).toBeNull();
  });
  it('turns an acquittal into a conviction only on appeal', () => {
    const appeal = {
      ...base,
      prosecutions: [
        { label: 'p', prosecutionDate: '2024-02-01', outcome: 'convicted' as const, outcomeDate: '2024-09-01' },
      ],
    };
    expect(transitionProblem('acquitted', 'convicted', '2024-06-01', base)).toMatch(/appeal/);
    expect(transitionProblem('acquitted', 'convicted', '2024-06-01', appeal)).toBeNull();
    expect(transitionProblem('acquitted', 'convicted', '2024-10-01', appeal)).toMatch(/appeal/);
    const overturned = { ...base, prosecutions: [{ ...appeal.prosecutions[0], appealStatus: 'overturned' as const }] };
    expect(transitionProblem('convicted', 'acquitted', '2024-09-01', appeal)).toMatch(/overturned/);
    expect(transitionProblem('convicted', 'acquitted', '2024-09-01', overturned)).toBeNull();
  });
});

describe('case consistency', () => {
  it('accepts a consistent convicted case', () => {
    expect(
      codes({
        status: 'convicted',
        statusDate: '2024-09-01',
        investigationConcludedOn: '2024-02-01',
        prosecutions: [{ label: 'p1', prosecutionDate: '2024-03-01', outcome: 'convicted', outcomeDate: '2024-09-01' }],
      }),
    ).toEqual([]);
  });
  it('needs a convicted prosecution for a convicted case and a conclusion date past investigation', () => {
    expect(codes({ status: 'convicted', statusDate: '2024-09-01' })).toEqual(
      expect.arrayContaining(['status:CASE.INCONSISTENT_STATUS', 'investigationConcludedOn:CASE.CONCLUSION_REQUIRED']),
    );
  });
  it('reports every date out of order and in the future', () => {
    const found = codes({
      statusDate: '2023-12-31',
      investigationConcludedOn: '2024-05-01',
      prosecutions: [
        { label: 'p1', prosecutionDate: '2024-04-01', outcome: 'convicted', outcomeDate: null },
        { label: 'p2', prosecutionDate: '2026-01-01', outcome: 'acquitted', outcomeDate: '2025-12-01' },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'statusDate:CASE.DATE_ORDER',
        'p1.prosecutionDate:CASE.DATE_ORDER',
        'p1.outcomeDate:CASE.OUTCOME_DATE_REQUIRED',
        'p2.prosecutionDate:CASE.FUTURE_DATE',
        'p2.outcomeDate:CASE.FUTURE_DATE',
        'p2.outcomeDate:CASE.DATE_ORDER',
      ]),
    );
  });
  it('treats a split verdict as convicted, not acquitted', () => {
    const prosecutions = [
      { label: 'a', prosecutionDate: '2024-03-01', outcome: 'convicted' as const, outcomeDate: '2024-09-01' },
      { label: 'b', prosecutionDate: '2024-03-01', outcome: 'acquitted' as const, outcomeDate: '2024-09-01' },
    ];
    const concluded = { investigationConcludedOn: '2024-02-01', statusDate: '2024-09-01', prosecutions };
    expect(codes({ ...concluded, status: 'acquitted' })).toContain('status:CASE.INCONSISTENT_STATUS');
    expect(codes({ ...concluded, status: 'convicted' })).toEqual([]);
  });
});
