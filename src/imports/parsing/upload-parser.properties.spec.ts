import { expect } from '@jest/globals';
import fc from 'fast-check';
import { crossCheck, DatabaseView, everyProblem } from 'src/imports/checking/upload-checks';
import { ParseContext, UploadParser } from 'src/imports/parsing/upload-parser';
import { Cell, SheetRow } from 'src/imports/reading/sheet-rows';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';
import { anyCell } from 'test/support/cell-arbitraries';

/**
 * Properties of the row validator over generated rows: whatever the cells, reading and
 * checking an upload ends with its problems listed (never an exception), and a row whose
 * value the rule refuses is never taken with that value.
 */
const TODAY = '2025-06-30';
const CONTEXT: ParseContext = {
  scope: { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] },
  policeUnits: new Map([['PK-PB', 'POLICE-PK-PB']]),
  units: [{ code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] }],
  jurisdictions: [{ code: 'PK-PB', name: 'Punjab' }],
  districts: new DistrictLookup([
    { code: 'PK633', jurisdiction_code: 'PK-PB', name: 'Rahim Yar Khan', alias_key: 'ryk' },
  ]),
  date1904: false,
  cnicSecret: 'unit-test-secret',
  today: TODAY,
};
const NO_DATABASE: DatabaseView = { cases: new Map(), defendantRefs: new Map(), prosecutions: new Map() };

const KEY = ['District', 'Police Station', 'FIR No', 'FIR Year'];
const CASES = [...KEY, 'FIR Date', 'Offence Family', 'Status'];
const VICTIMS = [...KEY, 'Victim Ref', 'Sex', 'Age', 'CNIC'];

function check(rows: SheetRow[]) {
  const parser = new UploadParser(CONTEXT);
  for (const row of rows) parser.add(row);
  const parsed = parser.finish();
  return { parsed, problems: everyProblem(parser.errors, crossCheck(parsed, NO_DATABASE, TODAY)) };
}

const sheet = (name: string, ...rows: Cell[][]): SheetRow[] =>
  rows.map((cells, i) => ({ sheet: name, rowNumber: i + 1, cells }));

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

describe('row validator, over generated rows', () => {
  it('lists the problems of any rows under any of its headers, never throwing', () => {
    const headers = fc.constantFrom(CASES, VICTIMS, [...VICTIMS].reverse(), ['Name', 'Age']);
    const rows = fc.array(fc.array(anyCell, { maxLength: 10 }), { maxLength: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('Cases', 'Victims', 'Summary', ' cases '), headers, rows), {
          minLength: 1,
          maxLength: 3,
        }),
        (sheets) => {
          const { problems } = check(sheets.flatMap(([name, header, data]) => sheet(name, header, ...data)));
          for (const p of problems) expect(typeof p.code).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a FIR date only when it is a calendar date from 1900 to today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1880, max: 2120 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const typed = `${pad(d)}/${pad(m)}/${y}`;
          const iso = `${y}-${pad(m)}-${pad(d)}`;
          const valid =
            y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]) && iso <= TODAY;
          const { parsed, problems } = check(
            sheet('Cases', CASES, ['Rahim Yar Khan', 'PS Saddar', '0012', 2024, typed, 'TIP', 'Registered']),
          );
          const dateProblems = problems.filter((p) => p.column === 'FIR Date').map((p) => p.code);
          if (valid) {
            expect([typed, dateProblems, parsed.cases.map((c) => c.firDate)]).toEqual([typed, [], [iso]]);
          } else {
            expect([typed, dateProblems.length]).toEqual([typed, 1]);
            expect(parsed.cases.filter((c) => c.firDate === iso && !c.invalid?.has('FIR Date'))).toEqual([]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes a victim's age, sex and CNIC only as the rules allow", () => {
    const victim = fc.record({
      age: fc.oneof(fc.integer({ min: -20, max: 200 }), fc.constantFrom('17 yrs', 'unknown', 'old', '12.5')),
      sex: fc.constantFrom('F', 'girl', 'M', 'TG', 'U', 'she', 'other', null),
      cnic: fc.oneof(fc.constantFrom('35202-1234567-1', '3520212345671', null), fc.stringMatching(/^[\d-]{0,16}$/)),
    });
    fc.assert(
      fc.property(victim, ({ age, sex, cnic }) => {
        const { parsed, problems } = check([
          ...sheet('Cases', CASES, ['Rahim Yar Khan', 'PS Saddar', '0012', 2024, '15/01/2024', 'TIP', 'Registered']),
          ...sheet('Victims', VICTIMS, ['Rahim Yar Khan', 'PS Saddar', '0012', 2024, 'V1', sex, age, cnic]),
        ]);
        const columns = problems.filter((p) => p.sheet === 'Victims').map((p) => p.column);
        const ageOk =
          age === 'unknown' ||
          age === '17 yrs' ||
          (typeof age === 'number' && Number.isInteger(age) && age >= 0 && age <= 120);
        const sexOk = sex === null || ['F', 'girl', 'M', 'TG', 'U'].includes(sex);
        const cnicOk = cnic === null || cnic === '' || /^\d{13}$/.test(cnic) || /^\d{5}-\d{7}-\d$/.test(cnic);
        expect([age, sex, cnic, columns.sort()]).toEqual([
          age,
          sex,
          cnic,
          [...(ageOk ? [] : ['Age']), ...(cnicOk ? [] : ['CNIC']), ...(sexOk ? [] : ['Sex'])],
        ]);
        if (ageOk && typeof age === 'number') expect(parsed.victims.map((v) => v.age)).toEqual([age]);
      }),
      { numRuns: 500 },
    );
  });
});
