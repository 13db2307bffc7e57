import { expect } from '@jest/globals';
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { AuthUser, UnitScope } from 'src/auth/auth-user';
import { hashCnic } from 'src/common/cnic';
import { AppConfig } from 'src/config/app-config';
import { crossCheck, everyProblem } from 'src/imports/checking/upload-checks';
import { COLUMNS } from 'src/imports/columns';
import { ParseContext, UploadParser } from 'src/imports/parsing/upload-parser';
import { identify } from 'src/imports/reading/file-kind';
import { READ_LIMITS } from 'src/imports/reading/read-limits';
import { openSource } from 'src/imports/reading/upload-source';
import { TemplateService } from 'src/imports/template.service';
import { DistrictLookup, DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { listCountries } from 'src/reference/countries';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';

/**
 * The upload template filled in with generated valid values, saved and uploaded: every value
 * comes back as it was meant — the dates, the FIR number with its leading zeros, each
 * dropdown's choice as its code, the age, the country, the CNIC — and nothing is refused.
 */
const TODAY = '2025-06-30';
const SCOPE: UnitScope = { code: 'POLICE-PK-PB', name: 'Punjab Police', agency: 'police', jurisdictions: ['PK-PB'] };
const DISTRICTS = new DistrictLookup([
  { code: 'PK633', jurisdiction_code: 'PK-PB', name: 'Rahim Yar Khan', alias_key: 'ryk' },
  { code: 'PK601', jurisdiction_code: 'PK-PB', name: 'Lahore', alias_key: null },
]);
const CONTEXT: ParseContext = {
  scope: SCOPE,
  policeUnits: new Map([['PK-PB', 'POLICE-PK-PB']]),
  units: [SCOPE],
  jurisdictions: [{ code: 'PK-PB', name: 'Punjab' }],
  districts: DISTRICTS,
  date1904: false,
  cnicSecret: 'unit-test-secret',
  today: TODAY,
};

/** A dropdown's choices in the template, each with the code it stands for (written out here, not taken from the reader). */
const choices = (sheet: 'Cases' | 'Victims', header: string) =>
  COLUMNS[sheet]
    .find((c) => c.header === header)!
    .choices!.map((label) => [label, label.toLowerCase().replace(/ /g, '_')] as const);

const pad = (n: number) => String(n).padStart(2, '0');
const FIRST = Date.UTC(1947, 0, 1);
const LAST = Date.parse(`${TODAY}T00:00:00Z`);

const victim = fc.record({
  sex: fc.constantFrom(...choices('Victims', 'Sex')),
  age: fc.integer({ min: 0, max: 120 }),
  country: fc.constantFrom(...listCountries()),
  cnic: fc.stringMatching(/^[1-7]\d{12}$/),
  dashed: fc.boolean(),
});
const caseRecord = fc.record({
  fir: fc.stringMatching(/^0?\d{1,6}$/),
  day: fc.integer({ min: 0, max: Math.floor((LAST - FIRST) / 86400000) }).map((d) => new Date(FIRST + d * 86400000)),
  dateAsText: fc.boolean(),
  district: fc.constantFrom('Rahim Yar Khan', 'RYK', 'PK601', 'lahore'),
  station: fc.stringMatching(/^PS [A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/),
  family: fc.constantFrom(...choices('Cases', 'Offence Family')),
  type: fc.constantFrom(...choices('Cases', 'Trafficking Type')),
  victims: fc.array(victim, { minLength: 1, maxLength: 2 }),
});

type CaseRecord = typeof caseRecord extends fc.Arbitrary<infer T> ? T : never;

/** The template's sheets as a workbook would hold them once saved: their names, in order, and their header rows. */
let layout: Array<{ name: string; headers: string[] }>;
let template: Buffer;

/** Writes the cases into `wb` (the template, or a workbook of its layout) as a person fills it in, and saves it. */
async function fill(wb: ExcelJS.Workbook, cases: CaseRecord[]): Promise<Buffer> {
  const put = (sheet: ExcelJS.Worksheet, row: number, values: Record<string, ExcelJS.CellValue>) => {
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    for (const [h, v] of Object.entries(values)) sheet.getCell(row, headers.indexOf(h)).value = v;
  };
  const casesSheet = wb.getWorksheet('Cases')!;
  const victimsSheet = wb.getWorksheet('Victims')!;
  let victimRow = 2;
  cases.forEach((c, i) => {
    const key = {
      District: c.district,
      'Police Station': c.station,
      'FIR No': c.fir,
      'FIR Year': c.day.getUTCFullYear(),
    };
    put(casesSheet, i + 2, {
      ...key,
      'FIR Date': c.dateAsText
        ? `${pad(c.day.getUTCDate())}/${pad(c.day.getUTCMonth() + 1)}/${c.day.getUTCFullYear()}`
        : c.day,
      'Offence Family': c.family[0],
      'Trafficking Type': c.type[0],
      Status: 'Registered',
    });
    c.victims.forEach((v, k) =>
      put(victimsSheet, victimRow++, {
        ...key,
        'Victim Ref': `V${k + 1}`,
        Sex: v.sex[0],
        Age: v.age,
        Nationality: v.country.name,
        CNIC: v.dashed ? `${v.cnic.slice(0, 5)}-${v.cnic.slice(5, 12)}-${v.cnic.slice(12)}` : v.cnic,
      }),
    );
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The saved file uploaded: read, parsed and checked as the import does. */
async function readBack(file: Buffer) {
  const kind = await identify(file);
  if (kind.kind !== 'xlsx') throw new Error(`the filled template is read as ${kind.kind}`);
  const source = await openSource(file, kind, READ_LIMITS);
  const parser = new UploadParser(CONTEXT);
  for await (const batch of source.batches) for (const row of batch) parser.add(row);
  const parsed = parser.finish();
  const none = { cases: new Map(), defendantRefs: new Map(), prosecutions: new Map() };
  return { parsed, problems: everyProblem(parser.errors, crossCheck(parsed, none, TODAY)) };
}

function expectGivenBack(cases: CaseRecord[], { parsed, problems }: Awaited<ReturnType<typeof readBack>>): void {
  expect(problems).toEqual([]);
  expect(
    parsed.cases.map((r) => [r.firNumber, r.firDate, r.district, r.policeStation, r.offenceFamily, r.traffickingType]),
  ).toEqual(
    cases.map((c) => [
      c.fir,
      c.day.toISOString().slice(0, 10),
      c.district === 'Rahim Yar Khan' || c.district === 'RYK' ? 'PK633' : 'PK601',
      c.station,
      c.family[1],
      c.type[1],
    ]),
  );
  expect(parsed.victims.map((r) => [r.sex, r.age, r.nationality, r.cnicHash])).toEqual(
    cases.flatMap((c) =>
      c.victims.map((v) => [v.sex[1], v.age, v.country.alpha3, hashCnic(v.cnic, CONTEXT.cnicSecret)]),
    ),
  );
}

const distinctCases = (max: number) =>
  fc.uniqueArray(caseRecord, { minLength: 1, maxLength: max, selector: (c) => c.fir });

describe('the upload template, filled in and read back', () => {
  beforeAll(async () => {
    const service = new TemplateService(
      { load: () => Promise.resolve(DISTRICTS) } as unknown as DistrictResolver,
      { rows: () => Promise.resolve([]) } as unknown as ReportingUnitsRepository,
      { demo: { enabled: false } } as unknown as AppConfig,
    );
    const user: AuthUser = { id: 'u', email: 'focal@example.test', role: 'focal_person', reportingUnit: SCOPE };
    template = await service.build(user);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    layout = wb.worksheets.map((ws) => ({
      name: ws.name,
      headers: (ws.getRow(1).values as unknown[]).slice(1).map(String),
    }));
  }, 60_000);

  it('gives back every generated value in a workbook of its sheets and headers, and refuses none', async () => {
    await fc.assert(
      fc.asyncProperty(distinctCases(4), async (cases) => {
        const wb = new ExcelJS.Workbook();
        for (const sheet of layout) wb.addWorksheet(sheet.name).addRow(sheet.headers);
        expectGivenBack(cases, await readBack(await fill(wb, cases)));
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('gives back a few hundred generated cases typed into the template itself', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const cases = fc.sample(distinctCases(300), { numRuns: 1, seed: 42 })[0];
    expectGivenBack(cases, await readBack(await fill(wb, cases)));
  }, 120_000);
});
