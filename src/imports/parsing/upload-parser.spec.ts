import { expect } from '@jest/globals';
import { Cell, SheetRow } from 'src/imports/reading/sheet-rows';
import { crossCheck, DatabaseView, everyProblem } from 'src/imports/checking/upload-checks';
import { HEADER_SEARCH_ROWS, ParseContext, UploadParser } from 'src/imports/parsing/upload-parser';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';

const TODAY = '2025-06-30';
const CONTEXT: ParseContext = {
  scope: { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] },
  policeUnits: new Map([
    ['PK-PB', 'POLICE-PK-PB'],
    ['PK-SD', 'POLICE-PK-SD'],
  ]),
  units: [
    { code: 'FIA', name: 'Federal Investigation Agency', agency: 'fia', jurisdictions: ['PK-PB', 'PK-SD'] },
    { code: 'FIA-PUNJAB', name: 'FIA Punjab Zone', agency: 'fia', jurisdictions: ['PK-PB'] },
    { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] },
    { code: 'POLICE-PK-SD', name: 'Sindh Police', agency: 'police', jurisdictions: ['PK-SD'] },
  ],
  jurisdictions: [
    { code: 'PK-PB', name: 'Punjab' },
    { code: 'PK-SD', name: 'Sindh' },
  ],
  districts: new DistrictLookup([
    { code: 'PK633', jurisdiction_code: 'PK-PB', name: 'Rahim Yar Khan', alias_key: 'ryk' },
    { code: 'PK723', jurisdiction_code: 'PK-SD', name: 'Sukkur', alias_key: null },
  ]),
  date1904: false,
  cnicSecret: 'unit-test-secret',
  today: TODAY,
};
const NO_DATABASE: DatabaseView = { cases: new Map(), defendantRefs: new Map(), prosecutions: new Map() };

const KEY = ['District', 'Police Station', 'FIR No', 'FIR Year'];
const CASES = [
  ...KEY,
  'FIR Date',
  'Offence Family',
  'Trafficking Type',
  'Status',
  'Status Date',
  'Investigation Concluded On',
];
const VICTIMS = [...KEY, 'Victim Ref', 'Age'];
const DEFENDANTS = [...KEY, 'Defendant Ref', 'Age'];
const PROSECUTIONS = [...KEY, 'Defendant Ref', 'Prosecution Date', 'Outcome', 'Outcome Date'];

/** A sheet as the reader delivers it: `rows` numbered from `first` (blank rows are never delivered). */
function sheet(name: string, first: number, ...rows: Cell[][]): SheetRow[] {
  return rows.map((cells, i) => ({ sheet: name, rowNumber: first + i, cells }));
}

function parse(rows: SheetRow[], context: Partial<ParseContext> = {}) {
  const parser = new UploadParser({ ...CONTEXT, ...context });
  for (const row of rows) parser.add(row);
  const parsed = parser.finish();
  return { parser, parsed, problems: everyProblem(parser.errors, crossCheck(parsed, NO_DATABASE, TODAY)) };
}

const found = (problems: Array<{ sheet: string; row: number; column: string | null; code: string }>) =>
  problems.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);
const key = (fir: string): Cell[] => ['Rahim Yar Khan', 'PS Saddar', fir, 2024];

describe('upload parser', () => {
  it('finds the header row below a title, matches sheet names in any case and spacing, and passes over other sheets', () => {
    const { parsed, problems } = parse([
      ...sheet('Summary', 1, ['Cases', 'Victims'], [1, 2]),
      ...sheet(
        ' cases ',
        1,
        ['Punjab Police — TIP cases, March 2024'],
        CASES.map((h) => h.replace(' ', '\u00A0')),
        [...key('0012'), new Date(Date.UTC(2024, 0, 15)), 'TIP', null, 'Registered'],
      ),
      ...sheet(
        'VICTIMS',
        3,
        ['Victims of March'],
        ['(as reported by the districts)'],
        ['FIR\u200B No', ...VICTIMS.filter((h) => h !== 'FIR No')],
        ['0012', 'Rahim Yar Khan', 'PS Saddar', 2024, 'V1', 17],
      ),
    ]);
    expect(problems).toEqual([]);
    expect(parsed.cases).toEqual([
      expect.objectContaining({
        row: 3,
        firNumber: '0012',
        firYear: 2024,
        firDate: '2024-01-15',
        status: 'registered',
      }),
    ]);
    // the columns in the order of its own header row, and the row's own number
    expect(parsed.victims).toEqual([expect.objectContaining({ row: 6, ref: 'V1', age: 17, key: parsed.cases[0].key })]);
  });

  it('reads a FIR number written in Urdu or Arabic-Indic digits as the same FIR, keeping its leading zeros', () => {
    const { parsed, problems } = parse([
      ...sheet('Cases', 1, CASES, [...key('۰۱۲'), '15/01/2024', 'TIP', null, 'Registered']),
      ...sheet('Victims', 1, VICTIMS, [...key('٠١٢'), 'V1', 17], [...key('012'), 'V2', 15]),
    ]);
    expect(problems).toEqual([]);
    expect([parsed.cases[0].firNumber, ...parsed.victims.map((v) => v.key === parsed.cases[0].key)]).toEqual([
      '012',
      true,
      true,
    ]);
  });

  it('reports the missing columns of the row that came nearest when none of the first rows is a header row', () => {
    const title: Cell[] = ['Punjab Police — TIP cases'];
    const nearly = CASES.filter((h) => h !== 'FIR Date' && h !== 'Status');
    const { problems } = parse([
      ...sheet(
        'Cases',
        1,
        title,
        ['District', 'FIR No'],
        nearly,
        ['District'],
        ...Array<Cell[]>(HEADER_SEARCH_ROWS - 4).fill(title),
        CASES,
        [...key('1'), '15/01/2024', 'TIP', null, 'Registered'],
      ),
      ...sheet('Victims', 1, VICTIMS, [...key('1'), 'V1', 17]),
    ]);
    // the complete header row came too late; the Cases sheet is not read, so no victim is said to name an unknown case
    expect(found(problems)).toEqual(['Cases:3:FIR Date:IMPORT.MISSING_COLUMN', 'Cases:3:Status:IMPORT.MISSING_COLUMN']);
  });

  it('knows a CSV by its header row, wherever it is among the first rows, and asks for the sheet when it has none', () => {
    const known = parse(sheet('CSV', 1, ['Defendants, March 2024'], DEFENDANTS, [...key('0012'), 'D1', 40]), {
      csv: {},
    });
    expect(known.parser.errors).toEqual([]);
    expect(known.parsed.defendants).toEqual([expect.objectContaining({ row: 3, ref: 'D1', age: 40 })]);
    const unknown = parse(sheet('CSV', 1, ['Defendants, March 2024'], ['Name', 'Age'], ['x', 40]), { csv: {} });
    expect(found(unknown.problems)).toEqual([':0:null:IMPORT.UNKNOWN_SHEET']);
    const named = parse(sheet('CSV', 1, ['Defendants, March 2024'], DEFENDANTS, [...key('0012'), 'D1', 40]), {
      csv: { sheet: 'Victims' },
    });
    expect(found(named.problems)).toEqual(['Victims:2:Victim Ref:IMPORT.MISSING_COLUMN']);
  });

  it('reads a formula by its saved value and refuses one without, and an Excel error, each in its own cell', () => {
    const { parsed, problems } = parse(
      sheet(
        'Victims',
        1,
        VICTIMS,
        // FIR Year =YEAR(…) saved as 2024; FIR No typed as the number 77
        ['Rahim Yar Khan', 'PS Saddar', 77, 2024, 'V1', 17],
        [...key('77'), 'V2', { formula: true }],
        [...key('77'), { error: '#N/A' }, 30],
      ),
      { scope: null },
    );
    expect(found(problems)).toEqual(
      expect.arrayContaining(['Victims:3:Age:IMPORT.FORMULA_WITHOUT_VALUE', 'Victims:4:Victim Ref:IMPORT.ERROR_VALUE']),
    );
    expect(problems.find((e) => e.code === 'IMPORT.ERROR_VALUE')!.message).toContain('#N/A');
    expect(parsed.victims[0]).toEqual(expect.objectContaining({ key: expect.stringContaining('|77|2024'), ref: 'V1' }));
  });

  it('runs every check across rows whatever problems other rows have, leaving out only what rests on a value that could not be read', () => {
    const { problems } = parse([
      ...sheet(
        'Cases',
        1,
        CASES,
        // a bad Trafficking Type does not stop its status being checked against its prosecutions
        [...key('0001'), '15/01/2024', 'TIP', 'Teleport', 'Convicted', '01/06/2024', '01/03/2024'],
        // no case can be identified: no victim naming FIR 0002 is said to name an unknown case
        ['Lahor', 'PS Saddar', '0002', 2024, '15/01/2024', 'TIP', null, 'Registered'],
        // a status that could not be read is not checked against the prosecutions
        [...key('0003'), '15/01/2024', 'TIP', null, 'Teleported'],
      ),
      ...sheet(
        'Victims',
        1,
        VICTIMS,
        [...key('0001'), 'V1', 17],
        [...key('0002'), 'V1', 17],
        [...key('0009'), 'V1', 17],
      ),
      // a defendant whose own row has a problem is still known to the prosecutions
      ...sheet('Defendants', 1, DEFENDANTS, [...key('0001'), 'D1', 'forty'], [...key('0003'), 'D1', 40]),
      ...sheet(
        'Prosecutions',
        1,
        PROSECUTIONS,
        [...key('0001'), 'D1', '10/03/2024', 'Acquitted', '01/06/2024'],
        [...key('0001'), 'D9', '10/03/2024', 'Pending', null],
        // told once, though both the row's and the case's checks find it
        [...key('0003'), 'D1', '10/03/2024', 'Convicted', null],
      ),
    ]);
    expect(found(problems)).toEqual([
      'Cases:2:Trafficking Type:IMPORT.UNKNOWN_CODE',
      'Cases:2:Status:IMPORT.INCONSISTENT_STATUS',
      'Cases:3:District:IMPORT.UNKNOWN_DISTRICT',
      'Cases:4:Status:IMPORT.UNKNOWN_CODE',
      'Victims:4:FIR No:IMPORT.UNKNOWN_CASE',
      'Defendants:2:Age:IMPORT.INVALID_AGE',
      'Prosecutions:3:Defendant Ref:IMPORT.UNKNOWN_DEFENDANT',
      'Prosecutions:4:Outcome Date:IMPORT.OUTCOME_DATE_REQUIRED',
    ]);
    expect(problems.find((e) => e.code === 'IMPORT.UNKNOWN_DISTRICT')!.message).toMatch(
      /names no case.*not checked against other rows/,
    );
  });

  it('keeps the rows with problems out of what is written, marked with the columns at fault', () => {
    const { parsed } = parse(
      sheet(
        'Victims',
        1,
        VICTIMS,
        [...key('0001'), 'V1', 17],
        [...key('0001'), 'V2', 150],
        ['Lahor', 'PS Saddar', '0001', 2024, 'V3', 17],
      ),
    );
    expect(parsed.victims.map((v) => [v.ref, v.invalid ? [...v.invalid] : null])).toEqual([
      ['V1', null],
      ['V2', ['Age']],
    ]);
    expect([...parsed.unidentified.Victims]).toEqual(['0001']);
  });

  describe('the reporting unit a row names', () => {
    const HEADERS = [...CASES, 'Reporting Agency'];
    const caseRow = (fir: string, reporter: Cell, district = 'Rahim Yar Khan'): Cell[] => [
      district,
      'PS Saddar',
      fir,
      2024,
      '15/01/2024',
      'TIP',
      null,
      'Registered',
      null,
      null,
      reporter,
    ];
    const NATIONAL = { scope: null };

    it("takes a focal person's rows naming their unit by code, name or agency, or nothing, and refuses another unit's", () => {
      const { parsed, problems } = parse(
        sheet(
          'Cases',
          1,
          HEADERS,
          caseRow('1', 'POLICE-PK-PB'),
          caseRow('2', 'punjab police'),
          caseRow('3', 'Police'),
          caseRow('4', null),
          caseRow('5', 'FIA'),
          caseRow('6', 'FIA-PUNJAB'),
          caseRow('7', 'Sindh Police'),
          caseRow('8', 'Rangers'),
        ),
      );
      expect(found(problems)).toEqual([
        'Cases:6:Reporting Agency:IMPORT.OTHER_UNIT',
        'Cases:7:Reporting Agency:IMPORT.OTHER_UNIT',
        'Cases:8:Reporting Agency:IMPORT.OTHER_UNIT',
        'Cases:9:Reporting Agency:IMPORT.UNKNOWN_CODE',
      ]);
      expect(parsed.cases.slice(0, 4).map((c) => c.reportingUnit)).toEqual(Array(4).fill('POLICE-PK-PB'));
    });

    it("an agency means an FIA focal person's own unit, whatever its code", () => {
      const fiaPunjab = CONTEXT.units.find((u) => u.code === 'FIA-PUNJAB')!;
      const { parsed, problems } = parse(sheet('Cases', 1, HEADERS, caseRow('1', 'FIA'), caseRow('2', 'Police')), {
        scope: fiaPunjab,
      });
      expect(found(problems)).toEqual(['Cases:3:Reporting Agency:IMPORT.OTHER_UNIT']);
      expect(parsed.cases[0]).toEqual(expect.objectContaining({ reportingUnit: 'FIA-PUNJAB', reportingAgency: 'fia' }));
    });

    it('gives a national upload the unit a row names when the unit covers its jurisdiction', () => {
      const { parsed, problems } = parse(
        sheet(
          'Cases',
          1,
          HEADERS,
          caseRow('1', 'FIA-PUNJAB'),
          caseRow('2', 'FIA Punjab Zone', 'Sukkur'),
          caseRow('3', 'FIA', 'Sukkur'),
          caseRow('4', null, 'Sukkur'),
          caseRow('5', 'POLICE-PK-PB', 'Sukkur'),
        ),
        NATIONAL,
      );
      expect(found(problems)).toEqual([
        'Cases:3:Reporting Agency:IMPORT.OTHER_JURISDICTION',
        'Cases:6:Reporting Agency:IMPORT.OTHER_JURISDICTION',
      ]);
      expect(problems[0].message).toContain('FIA-PUNJAB registers cases in PK-PB only');
      const units = new Map(parsed.cases.map((c) => [c.firNumber, [c.reportingUnit, c.reportingAgency]]));
      expect(units.get('1')).toEqual(['FIA-PUNJAB', 'fia']);
      expect(units.get('3')).toEqual(['FIA', 'fia']);
      expect(units.get('4')).toEqual(['POLICE-PK-SD', 'police']);
    });
  });
});
