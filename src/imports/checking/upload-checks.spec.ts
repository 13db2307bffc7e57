import { crossCheck, DatabaseView, everyProblem, ExistingCase } from 'src/imports/checking/upload-checks';
import { ImportError } from 'src/imports/import-batch.entity';
import {
  caseKey,
  CaseRow,
  DefendantRow,
  ParsedUpload,
  ProsecutionRow,
  VictimRow,
} from 'src/imports/parsing/import-rows';

/**
 * The checks across sheets and against the stored cases, on uploads built in memory: no
 * workbook, no database. Each problem is told as `sheet:row:column:code`.
 */
const TODAY = '2025-06-30';
const key = (fir: string) => caseKey('PK-PB', 'PK633', 'pssaddar', fir, 2024);

function caseRow(fir: string, row: number, over: Partial<CaseRow> = {}): CaseRow {
  return {
    row,
    key: key(fir),
    jurisdiction: 'PK-PB',
    district: 'PK633',
    policeStation: 'PS Saddar',
    policeStationKey: 'pssaddar',
    firNumber: fir,
    firYear: 2024,
    firDate: '2024-01-15',
    reportingUnit: 'POLICE-PK-PB',
    reportingAgency: 'police',
    offenceFamily: 'tip',
    lawSections: [],
    traffickingType: null,
    exploitationForms: [],
    route: [],
    status: 'registered',
    statusDate: null,
    investigationConcludedOn: null,
    remarks: null,
    ...over,
  };
}
const victimRow = (fir: string, row: number): VictimRow => ({
  row,
  key: key(fir),
  ref: `V${row}`,
  sex: 'female',
  age: 15,
  ageEstimated: false,
  nationality: null,
  residenceDistrict: null,
  residenceCountry: null,
  exploitationForms: [],
  vulnerabilities: [],
  identifiedOn: null,
  referredTo: null,
  repatriated: null,
  cnicHash: null,
});
const defendantRow = (fir: string, row: number, ref: string): DefendantRow => ({
  row,
  key: key(fir),
  ref,
  name: null,
  cnicHash: null,
  sex: 'male',
  age: null,
  nationality: null,
  role: null,
  custodyStatus: 'arrested',
  groupName: null,
});
function prosecutionRow(fir: string, row: number, over: Partial<ProsecutionRow> = {}): ProsecutionRow {
  return {
    row,
    key: key(fir),
    defendantRef: 'D1',
    court: null,
    charges: [],
    prosecutionDate: '2024-03-01',
    outcome: 'pending',
    outcomeDate: null,
    sentenceMonths: null,
    finePkr: null,
    appealStatus: 'none',
    ...over,
  };
}

function upload(parts: Partial<Omit<ParsedUpload, 'hasDefendant'>>): ParsedUpload {
  const defendants = parts.defendants ?? [];
  return {
    cases: [],
    victims: [],
    prosecutions: [],
    unread: new Set(),
    unit: null,
    unidentified: { Cases: new Set(), Victims: new Set(), Defendants: new Set(), Prosecutions: new Set() },
    ...parts,
    defendants,
    hasDefendant: (k, ref) => defendants.some((d) => d.key === k && d.ref === ref),
  };
}

const stored = (fir: string, over: Partial<ExistingCase> = {}): ExistingCase => ({
  id: `id-${fir}`,
  key: key(fir),
  status: 'registered',
  statusDate: '2024-01-15',
  firDate: '2024-01-15',
  investigationConcludedOn: null,
  reportingUnit: 'POLICE-PK-PB',
  ...over,
});
function database(cases: ExistingCase[] = [], defendantRefs: Record<string, string[]> = {}): DatabaseView {
  return {
    cases: new Map(cases.map((c) => [c.key, c])),
    defendantRefs: new Map(Object.entries(defendantRefs).map(([id, refs]) => [id, new Set(refs)])),
    prosecutions: new Map(),
  };
}

const told = (errors: ImportError[]) => errors.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);
const check = (u: ParsedUpload, db = database()) => told(crossCheck(u, db, TODAY));

describe('crossCheck', () => {
  it('finds nothing in a consistent upload', () => {
    const u = upload({
      cases: [
        caseRow('1', 2, { status: 'under_trial', statusDate: '2024-03-01', investigationConcludedOn: '2024-02-20' }),
      ],
      victims: [victimRow('1', 2)],
      defendants: [defendantRow('1', 2, 'D1')],
      prosecutions: [prosecutionRow('1', 2)],
    });
    expect(check(u)).toEqual([]);
  });

  it('reports a row naming a case neither in the file nor stored, on its FIR No', () => {
    const u = upload({
      cases: [caseRow('1', 2)],
      victims: [victimRow('1', 2), victimRow('2', 3)],
      defendants: [defendantRow('3', 5, 'D1')],
    });
    expect(check(u)).toEqual(['Victims:3:FIR No:IMPORT.UNKNOWN_CASE', 'Defendants:5:FIR No:IMPORT.UNKNOWN_CASE']);
    // a stored case is known
    expect(check(u, database([stored('2'), stored('3')]))).toEqual([]);
  });

  it('does not call a case unknown when the Cases sheet was not read, or a Cases row with that FIR No could not be identified', () => {
    const rows = { victims: [victimRow('2', 3)] };
    expect(check(upload({ ...rows, unread: new Set(['Cases'] as const) }))).toEqual([]);
    const unidentified = {
      Cases: new Set(['2']),
      Victims: new Set<string>(),
      Defendants: new Set<string>(),
      Prosecutions: new Set<string>(),
    };
    expect(check(upload({ ...rows, unidentified }))).toEqual([]);
    expect(check(upload({ ...rows, unidentified: { ...unidentified, Cases: new Set(['9']) } }))).toEqual([
      'Victims:3:FIR No:IMPORT.UNKNOWN_CASE',
    ]);
  });

  it('reports a prosecution of a defendant neither in the file nor stored with the case', () => {
    const facts = { status: 'under_trial', statusDate: '2024-03-01', investigationConcludedOn: '2024-02-20' } as const;
    const u = upload({
      cases: [caseRow('1', 2, facts)],
      prosecutions: [prosecutionRow('1', 4, { defendantRef: 'D7' })],
    });
    expect(check(u)).toEqual(['Prosecutions:4:Defendant Ref:IMPORT.UNKNOWN_DEFENDANT']);
    expect(check(u, database([stored('1', facts)], { 'id-1': ['D7'] }))).toEqual([]);
    // a ref that could not be read is not looked for
    expect(
      check(
        upload({
          ...u,
          prosecutions: [prosecutionRow('1', 4, { defendantRef: 'D7', invalid: new Set(['Defendant Ref']) })],
        }),
      ),
    ).toEqual([]);
  });

  it("reports the case rules' problems as IMPORT codes, on the row and column of the fact", () => {
    const u = upload({
      cases: [
        caseRow('1', 2, { status: 'convicted', statusDate: '2024-06-01', investigationConcludedOn: '2024-02-20' }),
      ],
      defendants: [defendantRow('1', 2, 'D1')],
      prosecutions: [prosecutionRow('1', 3, { prosecutionDate: '2024-01-10' })],
    });
    expect(check(u).sort()).toEqual(
      [
        'Cases:2:Status:IMPORT.INCONSISTENT_STATUS',
        'Prosecutions:3:Prosecution Date:IMPORT.DATE_ORDER',
        'Prosecutions:3:Prosecution Date:IMPORT.DATE_ORDER',
      ].sort(),
    );
  });

  it('leaves out a rule that rests on a value that could not be read', () => {
    const u = upload({
      cases: [
        caseRow('1', 2, {
          status: 'cancelled',
          statusDate: '2024-02-01',
          invalid: new Set(['Investigation Concluded On']),
        }),
      ],
    });
    expect(check(u)).toEqual([]);
    expect(check(upload({ cases: [{ ...u.cases[0], invalid: undefined }] }))).toEqual([
      'Cases:2:Investigation Concluded On:IMPORT.CONCLUSION_REQUIRED',
    ]);
  });

  it('checks a status change against the stored status: the move, and its date', () => {
    const trial = stored('1', {
      status: 'under_trial',
      statusDate: '2024-03-01',
      investigationConcludedOn: '2024-02-20',
    });
    const back = upload({ cases: [caseRow('1', 2, { status: 'under_investigation', statusDate: '2024-04-01' })] });
    expect(check(back, database([trial]))).toEqual(['Cases:2:Status:IMPORT.ILLEGAL_TRANSITION']);
    const earlier = upload({
      cases: [
        caseRow('1', 2, { status: 'cancelled', statusDate: '2024-02-25', investigationConcludedOn: '2024-02-20' }),
      ],
    });
    const investigating = stored('1', { status: 'under_investigation', statusDate: '2024-03-01' });
    expect(check(earlier, database([investigating]))).toEqual(['Cases:2:Status Date:IMPORT.DATE_ORDER']);
  });
});

describe('everyProblem', () => {
  const e = (sheet: string, row: number, code: ImportError['code']): ImportError => ({
    sheet,
    row,
    column: 'FIR No',
    code,
    message: 'm',
  });

  it('tells each problem once, the file-wide ones first, then by sheet and row', () => {
    const rows = [
      e('Victims', 4, 'IMPORT.UNKNOWN_CASE'),
      e('Cases', 9, 'IMPORT.REQUIRED'),
      e('Victims', 2, 'IMPORT.INVALID_AGE'),
    ];
    const checks = [
      e('Victims', 4, 'IMPORT.UNKNOWN_CASE'),
      e('', 0, 'IMPORT.NO_ROWS'),
      e('Prosecutions', 1, 'IMPORT.UNKNOWN_DEFENDANT'),
    ];
    expect(told(everyProblem(rows, checks))).toEqual([
      ':0:FIR No:IMPORT.NO_ROWS',
      'Cases:9:FIR No:IMPORT.REQUIRED',
      'Victims:2:FIR No:IMPORT.INVALID_AGE',
      'Victims:4:FIR No:IMPORT.UNKNOWN_CASE',
      'Prosecutions:1:FIR No:IMPORT.UNKNOWN_DEFENDANT',
    ]);
  });

  it("refuses the rows that would change or add to another unit's stored case, on their FIR No, and checks nothing else of it", () => {
    const fia = { reportingUnit: 'FIA', status: 'convicted' as const, statusDate: '2024-06-01' };
    const u = upload({
      // a move from convicted back to registered would be an illegal transition, were the case the uploader's
      cases: [caseRow('1', 2), caseRow('3', 3)],
      victims: [victimRow('1', 2), victimRow('2', 3), victimRow('3', 4)],
      unit: 'POLICE-PK-PB',
    });
    const db = database([stored('1', fia), stored('2', fia), stored('3')]);
    expect(check(u, db)).toEqual(['Cases:2:FIR No:IMPORT.OTHER_UNIT', 'Victims:3:FIR No:IMPORT.OTHER_UNIT']);
    const message = crossCheck(u, db, TODAY)[0].message;
    expect(message).toContain('FIA');
    // a national upload may add victims to any unit's case
    expect(check({ ...u, cases: [], unit: null }, db)).toEqual([]);
  });
});
