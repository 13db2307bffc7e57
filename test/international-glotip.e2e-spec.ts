import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as isoCountries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import { Agent, signIn } from 'test/support/agent';
import { expectProblem } from 'test/support/problem';
import { buildCases, FCase, FDefendant, FVictim, insertCases, rng } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';
import { binary, sheets } from 'test/support/workbook-reader';

isoCountries.registerLocale(en);

/*
 * The GLOTIP export against UNODC's published rows for Pakistan: the same columns and words,
 * and every value counted here from the fixture objects, by the rules the README states —
 * never by the service's SQL.
 */

const REFERENCE: string[][] = parse(
  readFileSync(join(__dirname, 'fixtures', 'international', 'glotip_pakistan.csv'), 'utf8'),
);
const [REFERENCE_COLUMNS, ...REFERENCE_ROWS] = REFERENCE;
const column = (name: string) => REFERENCE_COLUMNS.indexOf(name);
const referenceValues = (name: string) => new Set(REFERENCE_ROWS.map((r) => r[column(name)]));

/** What the README says is added to the published words: a breakdown's own `Unknown` category, sex and age. */
const UNKNOWN = 'Unknown';
const COUNTRY_NAMES = new Set(Object.values(isoCountries.getNames('en')));

const SEX: Record<string, string> = { female: 'Female', male: 'Male', transgender: 'Other', unknown: UNKNOWN };
const ageOf = (age: number | null) => (age === null ? UNKNOWN : age < 18 ? '0 to 17 years' : '18 years or over');
const FORM: Record<string, string> = {
  sexual_exploitation: 'Sexual exploitation',
  forced_labour: 'Forced labour',
  bonded_labour: 'Forced labour',
  domestic_servitude: 'Forced labour',
  child_labour: 'Forced labour',
};
function formOf(forms: readonly string[]): string {
  const groups = new Set(forms.map((f) => FORM[f] ?? 'Other forms of exploitation'));
  return groups.size === 0 ? UNKNOWN : groups.size > 1 ? 'Other forms of exploitation' : [...groups][0];
}
const citizenshipOf = (nationality: string | null, names: Record<string, string>) =>
  nationality === null
    ? UNKNOWN
    : nationality === 'PAK'
      ? 'Nationals'
      : (isoCountries.getName(nationality, 'en') ?? names[nationality]);

interface Person {
  sex: string;
  age: string;
  citizenship: string;
  form: string;
  months?: number | null;
  fine?: number | null;
}

const SEXES = ['Female', 'Male', 'Other', UNKNOWN, 'Total'];
const AGES = ['0 to 17 years', '18 years or over', UNKNOWN, 'Total'];

describe('international reporting: GLOTIP and UNTOC', () => {
  let t: TestApp;
  let cases: FCase[];
  const victimForms = new Map<string, string[]>();
  const sentences = new Map<string, { months: number | null; fine: number | null }>();
  /** Names of the countries the reference table adds beyond the ISO package. */
  const tableNames: Record<string, string> = {
    QQQ: 'Q6.1_10s',
    ZZF: '=HYPERLINK("http://example.org","x")',
  };
  let analyst: Agent;
  let admin: Agent;

  const inYear = (d: string | null, year: number) => d !== null && d.startsWith(`${year}-`);
  const formsOf = (c: FCase, v: FVictim) => {
    const own = victimForms.get(v.id) ?? [];
    return own.length ? own : c.forms;
  };

  /** The persons of each indicator in a year, from the fixture objects. */
  function personsOf(year: number) {
    const live = cases.filter((c) => !c.deleted && c.family === 'tip');
    const person = (c: FCase, p: FDefendant | FVictim, forms: readonly string[]): Person => ({
      sex: SEX[p.sex],
      age: ageOf(p.age),
      citizenship: citizenshipOf(p.nationality, tableNames),
      form: formOf(forms),
    });
    return {
      offences: live.filter((c) => inYear(c.firDate, year)).length,
      contact: live
        .filter((c) => inYear(c.firDate, year))
        .flatMap((c) => c.defendants.map((d) => person(c, d, c.forms))),
      prosecuted: live.flatMap((c) =>
        c.defendants.filter((d) => d.prosecution && inYear(d.prosecution.date, year)).map((d) => person(c, d, c.forms)),
      ),
      convicted: live.flatMap((c) =>
        c.defendants
          .filter((d) => d.prosecution?.outcome === 'convicted' && inYear(d.prosecution.outcomeDate, year))
          .map((d) => ({ ...person(c, d, c.forms), ...sentenceOf(d.prosecution!.id) })),
      ),
      victims: live.flatMap((c) =>
        c.victims.filter((v) => inYear(v.identifiedOn ?? c.firDate, year)).map((v) => person(c, v, formsOf(c, v))),
      ),
    };
  }
  const sentenceOf = (prosecutionId: string) => {
    const s = sentences.get(prosecutionId) ?? { months: null, fine: null };
    return { months: s.months, fine: s.fine };
  };

  /** The rows the file must hold, by indicator|dimension|category|sex|age, with their values written as UNODC writes them. */
  function expectedRows(year: number): Map<string, string> {
    const p = personsOf(year);
    const rows = new Map<string, string>();
    const write = (n: number) => n.toLocaleString('en-US');
    const put = (indicator: string, dimension: string, category: string, people: Person[], grid: boolean) => {
      for (const sex of grid ? SEXES : ['Total'])
        for (const age of grid ? AGES : ['Total']) {
          const n = people.filter(
            (x) => (sex === 'Total' || x.sex === sex) && (age === 'Total' || x.age === age),
          ).length;
          const always = ['Female', 'Male', 'Total'].includes(sex) && age !== UNKNOWN;
          if (always || n > 0) rows.set([indicator, dimension, category, sex, age].join('|'), write(n));
        }
    };
    const breakdown = (indicator: string, dimension: string, people: Person[], key: keyof Person, grid: boolean) => {
      for (const category of new Set(people.map((x) => String(x[key]))))
        put(
          indicator,
          dimension,
          category,
          people.filter((x) => x[key] === category),
          grid,
        );
    };
    rows.set('Offences of trafficking in persons|Total|Total|Total|Total', write(p.offences));
    put('Persons brought into formal contact', 'Total', 'Total', p.contact, true);
    put('Persons prosecuted', 'Total', 'Total', p.prosecuted, true);
    put('Persons convicted', 'Total', 'Total', p.convicted, true);
    breakdown('Persons convicted', 'by form of exploitation', p.convicted, 'form', false);
    breakdown('Persons convicted', 'by citizenship', p.convicted, 'citizenship', false);
    put('Detected trafficking victims', 'Total', 'Total', p.victims, true);
    breakdown('Detected trafficking victims', 'by form of exploitation', p.victims, 'form', true);
    breakdown('Detected trafficking victims', 'by citizenship', p.victims, 'citizenship', false);
    return rows;
  }

  const readCsv = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''));
  const keyed = (rows: string[][]) =>
    new Map(
      rows.map((r) => [
        ['Indicator', 'Dimension', 'Category', 'Sex', 'Age'].map((c) => r[column(c)]).join('|'),
        r[column('txtVALUE')],
      ]),
    );

  /** A tip case registered on `firDate` in Lahore, without people. */
  const plantedCase = (firDate: string, over: Partial<FCase> = {}): FCase => ({
    id: randomUUID(),
    jurisdiction: 'PK-PB',
    district: 'PK614',
    family: 'tip',
    forms: ['forced_labour'],
    traffickingType: 'internal',
    firDate,
    concludedOn: null,
    events: [{ to: 'registered', date: firDate }],
    deleted: false,
    victims: [],
    defendants: [],
    route: [],
    ...over,
  });
  const victim = (ref: string, over: Partial<FVictim> = {}): FVictim => ({
    id: randomUUID(),
    ref,
    sex: 'female',
    age: 30,
    nationality: 'PAK',
    identifiedOn: null,
    vulnerabilities: [],
    residence: null,
    ...over,
  });
  const convictedDefendant = (date: string, outcomeDate: string): FDefendant => ({
    id: randomUUID(),
    ref: 'D1',
    sex: 'male',
    age: 40,
    nationality: 'PAK',
    cnicHash: null,
    prosecution: { id: randomUUID(), date, outcome: 'convicted', outcomeDate },
  });

  beforeAll(async () => {
    t = await createTestApp();
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts',
    );
    cases = buildCases(districts, 400, 7);
    const concluded = (firDate: string) => ({
      concludedOn: firDate,
      events: [
        { to: 'registered', date: firDate },
        { to: 'challan_submitted', date: firDate },
      ],
    });
    cases.push(
      // 2010: a victim whose nationality the reference table names with a formula
      plantedCase('2010-04-01', { victims: [victim('V1', { nationality: 'ZZF' })] }),
      // 2011: a victim whose nationality's name in the reference table is a questionnaire code
      plantedCase('2011-04-01', { victims: [victim('V1', { nationality: 'QQQ' })] }),
      // 2012: a conviction whose judgment (corrected round the case rules) is dated before its prosecution began
      plantedCase('2012-02-01', {
        ...concluded('2012-02-10'),
        defendants: [convictedDefendant('2012-06-01', '2012-09-01')],
      }),
      // 2013: thousands of victims; a person prosecuted in 2013 and convicted in 2014
      plantedCase('2013-03-01', {
        ...concluded('2013-04-01'),
        victims: Array.from({ length: 1234 }, (_, i) => victim(`V${i + 1}`, { age: i % 3 ? 25 : 15 })),
        defendants: [convictedDefendant('2013-05-01', '2014-02-01')],
      }),
    );
    await t.dataSource.query(
      `INSERT INTO countries (alpha3, alpha2, name) VALUES ('QQQ', 'QQ', $1), ('ZZF', 'ZF', $2)`,
      [tableNames.QQQ, tableNames.ZZF],
    );
    await insertCases(t.dataSource, cases);
    await t.dataSource.query(
      `UPDATE convictions SET judgment_date = '2012-03-01' WHERE judgment_date = '2012-09-01'
          AND prosecution_id IN (SELECT id FROM prosecutions WHERE prosecution_date = '2012-06-01')`,
    );
    // victims' own forms of exploitation (else their case's) and the sentences of convictions
    const r = rng(5);
    const FORM_CHOICES = [
      [],
      [],
      ['sexual_exploitation'],
      ['forced_labour', 'sexual_exploitation'],
      ['forced_begging'],
      ['bonded_labour'],
    ];
    const victims = cases.flatMap((c) => c.victims);
    for (const v of victims) victimForms.set(v.id, FORM_CHOICES[Math.floor(r() * FORM_CHOICES.length)]);
    await t.dataSource.query(
      `UPDATE victims SET exploitation_forms = string_to_array(given.forms, ',')
         FROM unnest($1::uuid[], $2::text[]) AS given(id, forms) WHERE victims.id = given.id`,
      [victims.map((v) => v.id), victims.map((v) => victimForms.get(v.id)!.join(','))],
    );
    const MONTHS = [null, 0, 6, 12, 59, 60, 119, 120, 300];
    const FINES = [null, 0, 50000];
    const convicted = cases.flatMap((c) =>
      c.defendants.filter((d) => d.prosecution?.outcome === 'convicted').map((d) => d.prosecution!.id),
    );
    for (const id of convicted)
      sentences.set(id, {
        months: MONTHS[Math.floor(r() * MONTHS.length)],
        fine: FINES[Math.floor(r() * FINES.length)],
      });
    await t.dataSource.query(
      `UPDATE convictions SET imprisonment_months = given.months, fine_pkr = given.fine
         FROM unnest($1::uuid[], $2::int[], $3::bigint[]) AS given(id, months, fine) WHERE convictions.prosecution_id = given.id`,
      [convicted, convicted.map((id) => sentences.get(id)!.months), convicted.map((id) => sentences.get(id)!.fine)],
    );
    // every month of 2013 approved by every active unit
    await t.dataSource.query(
      `INSERT INTO submissions (reporting_unit_code, month, status, first_submitted_at, submitted_at)
       SELECT unit.code, month::date, 'approved', now(), now()
         FROM reporting_units unit CROSS JOIN generate_series('2013-01-01'::date, '2013-12-01'::date, interval '1 month') month
        WHERE unit.active`,
    );
    analyst = await signIn(t, 'analyst');
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  it('has fixture data covering what the rules speak of', () => {
    const p = personsOf(2021);
    expect(p.victims.some((v) => v.sex === UNKNOWN) && p.victims.some((v) => v.age === UNKNOWN)).toBe(true);
    expect(p.victims.some((v) => v.citizenship === UNKNOWN) && p.victims.some((v) => v.form === UNKNOWN)).toBe(true);
    expect(p.victims.some((v) => v.citizenship === 'Afghanistan')).toBe(true);
    expect(p.convicted.length).toBeGreaterThan(2);
    expect(p.prosecuted.length).toBeGreaterThan(2);
  });

  it.each([2019, 2021, 2023])(
    'writes %i in the published columns and words, every value as counted from the cases',
    async (year) => {
      const res = await analyst.get(`/api/v1/exports/glotip?year=${year}&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="glotip-PAK-${year}-provisional.csv"`);
      const [header, ...rows] = readCsv(res.text);
      expect(header).toEqual(REFERENCE_COLUMNS);
      for (const name of ['Iso3_code', 'Country', 'Region', 'Subregion', 'Unit of measurement', 'Source'])
        expect(new Set(rows.map((r) => r[column(name)]))).toEqual(referenceValues(name));
      expect(new Set(rows.map((r) => r[column('Year')]))).toEqual(new Set([String(year)]));
      for (const name of ['Indicator', 'Dimension']) {
        const allowed = referenceValues(name);
        for (const r of rows)
          expect([name, r[column(name)], allowed.has(r[column(name)])]).toEqual([name, r[column(name)], true]);
      }
      for (const name of ['Sex', 'Age']) {
        const allowed = new Set([...referenceValues(name), UNKNOWN]);
        for (const r of rows) expect([name, allowed.has(r[column(name)])]).toEqual([name, true]);
      }
      const forms = new Set([
        ...REFERENCE_ROWS.filter((r) => r[column('Dimension')] === 'by form of exploitation').map(
          (r) => r[column('Category')],
        ),
        UNKNOWN,
      ]);
      for (const r of rows) {
        const category = r[column('Category')];
        const dimension = r[column('Dimension')];
        const ok =
          dimension === 'Total'
            ? category === 'Total'
            : dimension === 'by form of exploitation'
              ? forms.has(category)
              : category === 'Nationals' || category === UNKNOWN || COUNTRY_NAMES.has(category);
        expect([dimension, category, ok]).toEqual([dimension, category, true]);
      }
      expect(keyed(rows)).toEqual(expectedRows(year));
      expect(rows).toHaveLength(expectedRows(year).size);
    },
  );

  it('writes thousands as UNODC does, and says when every month of the year is approved', async () => {
    const res = await analyst.get('/api/v1/exports/glotip?year=2013');
    expect(res.status).toBe(200);
    expect(res.headers['x-figures-provisional']).toBe('false');
    expect(res.headers['x-provisional-months']).toBeUndefined();
    const rows = keyed(readCsv(res.text).slice(1));
    expect(rows.get('Detected trafficking victims|Total|Total|Total|Total')).toBe('1,234');
    expect(res.text).toContain('"1,234"');
    expect(rows).toEqual(expectedRows(2013));
    const checks = await analyst.get('/api/v1/exports/glotip/checks?year=2013');
    expect(checks.body).toMatchObject({ year: 2013, exportable: true, provisional: false, provisionalMonths: [] });
    expect(checks.body.checks.map((c: { code: string }) => c.code)).not.toContain('PROVISIONAL_MONTHS');
  });

  it('flags as provisional a year whose months are not approved, in the headers, the checks and the cover', async () => {
    const res = await analyst.get('/api/v1/exports/glotip?year=2021');
    expect(res.headers['x-figures-provisional']).toBe('true');
    const months = Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`);
    expect(res.headers['x-provisional-months']).toBe(months.join(','));
    const checks = await analyst.get('/api/v1/exports/glotip/checks?year=2021');
    expect(checks.status).toBe(200);
    expect(checks.body).toMatchObject({ exportable: true, provisional: true });
    expect(checks.body.provisionalMonths.map((m: { month: string }) => m.month)).toEqual(months);
    expect(checks.body.checks).toContainEqual(
      expect.objectContaining({ code: 'PROVISIONAL_MONTHS', severity: 'warning', figure: null }),
    );
    const xlsx = await binary(analyst.get('/api/v1/exports/glotip?year=2021&format=xlsx'));
    expect(xlsx.status).toBe(200);
    const book = await sheets(xlsx.body as Buffer);
    const cover = book.Cover.map((r) => r.join(' '));
    expect(cover).toContainEqual(expect.stringContaining('PROVISIONAL'));
    expect(cover).toContainEqual(expect.stringContaining('Not approved: 2021-01'));
    expect(cover).toContainEqual(expect.stringMatching(/^Persons convicted \(e\) Convictions/));
    const [head, ...rows] = book.GLOTIP;
    expect(head).toEqual(REFERENCE_COLUMNS);
    expect(keyed(rows.map((r) => r.map(String)))).toEqual(expectedRows(2021));
  });

  it('shows small counts as <5 with suppress=true, and every count it shows exactly', async () => {
    const res = await analyst.get('/api/v1/exports/glotip?year=2021&suppress=true');
    expect(res.status).toBe(200);
    const shown = keyed(readCsv(res.text).slice(1));
    const exact = expectedRows(2021);
    expect([...shown.keys()].sort()).toEqual([...exact.keys()].sort());
    let hidden = 0;
    for (const [key, value] of shown) {
      const n = Number(exact.get(key)!.replace(/,/g, ''));
      // 1 to 4: shown as <5, or withheld with its line (..) where <5 would narrow the counts it adds up
      if (n >= 1 && n <= 4) expect([key, ['<5', '..'].includes(value)]).toEqual([key, true]);
      if (value === '<5' || value === 'x' || value === '..') hidden++;
      else expect([key, value]).toEqual([key, exact.get(key)]);
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it('sends a conviction of a person prosecuted the year before, with a warning', async () => {
    const res = await analyst.get('/api/v1/exports/glotip?year=2014');
    expect(res.status).toBe(200);
    expect(keyed(readCsv(res.text).slice(1)).get('Persons convicted|Total|Total|Male|18 years or over')).toBe('1');
    const checks = await analyst.get('/api/v1/exports/glotip/checks?year=2014');
    expect(checks.body.exportable).toBe(true);
    expect(checks.body.checks).toContainEqual({
      code: 'CONVICTED_EXCEEDS_PROSECUTED',
      severity: 'warning',
      indicator: 'Persons convicted',
      figure: 'Persons convicted, Total, Total, Male, 18 years or over',
      message: expect.stringContaining('more than Persons prosecuted (0)'),
    });
  });

  it('refuses both exports while a conviction is dated before its prosecution, naming the check and the figure', async () => {
    const checks = await analyst.get('/api/v1/exports/glotip/checks?year=2012');
    expect(checks.status).toBe(200);
    expect(checks.body.exportable).toBe(false);
    const failing = {
      code: 'CONVICTED_BEFORE_PROSECUTION',
      severity: 'hard',
      indicator: 'Persons convicted',
      figure: 'Persons convicted, Total, Total, Male, 18 years or over',
      message: expect.stringContaining('judgment dated before their prosecution began'),
    };
    expect(checks.body.checks[0]).toEqual(failing);
    for (const url of [
      '/api/v1/exports/glotip?year=2012',
      '/api/v1/exports/glotip?year=2012&format=xlsx',
      '/api/v1/exports/untoc?year=2012',
    ]) {
      const res = await analyst.get(url);
      expectProblem(res, 409, 'INTERNATIONAL.CHECK_FAILED');
      expect(res.body.checks).toEqual([failing]);
    }
  });

  it('refuses a category that is a questionnaire code instead of a name', async () => {
    const res = await analyst.get('/api/v1/exports/glotip?year=2011');
    expectProblem(res, 409, 'INTERNATIONAL.CHECK_FAILED');
    expect(res.body.checks).toEqual([
      expect.objectContaining({
        code: 'CODE_LIKE_CATEGORY',
        severity: 'hard',
        figure: 'Detected trafficking victims, by citizenship, Q6.1_10s, Total, Total',
      }),
    ]);
  });

  it('defuses a name that a spreadsheet would run as a formula, in the csv and the xlsx', async () => {
    const csv = await analyst.get('/api/v1/exports/glotip?year=2010');
    expect(csv.status).toBe(200);
    const rows = readCsv(csv.text).slice(1);
    const categories = rows.map((r) => r[column('Category')]);
    expect(categories).toContain(`'${tableNames.ZZF}`);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const xlsx = await binary(analyst.get('/api/v1/exports/glotip?year=2010&format=xlsx'));
    const book = await sheets(xlsx.body as Buffer);
    expect(book.GLOTIP.map((r) => r[column('Category')])).toContain(`'${tableNames.ZZF}`);
  });

  it('makes the UNTOC tables from the same counts', async () => {
    const res = await binary(admin.get('/api/v1/exports/untoc?year=2021'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="untoc-PAK-2021-provisional.xlsx"');
    const book = await sheets(res.body as Buffer);
    const p = personsOf(2021);
    expect(book.Cases[2]).toEqual(['Registered (FIR date in the year)', p.offences]);
    const grid = (people: Person[]) =>
      SEXES.map((sex) => [
        sex,
        ...AGES.map(
          (age) =>
            people.filter((x) => (sex === 'Total' || x.sex === sex) && (age === 'Total' || x.age === age)).length,
        ),
      ]);
    expect(book.Prosecutions.slice(2)).toEqual(grid(p.prosecuted));
    expect(book.Convictions.slice(2)).toEqual(grid(p.convicted));
    expect(book.Suspects.slice(2)).toEqual(grid(p.contact));
    const band = (x: Person) =>
      x.months && x.months > 0
        ? x.months < 12
          ? 'Imprisonment under 1 year'
          : x.months < 60
            ? 'Imprisonment 1 to under 5 years'
            : x.months < 120
              ? 'Imprisonment 5 to under 10 years'
              : 'Imprisonment 10 years or more'
        : x.fine && x.fine > 0
          ? 'Fine only'
          : 'Not recorded';
    const sentences = book.Sentences.slice(2);
    expect(sentences.map((r) => r[0])).toEqual([
      'Imprisonment under 1 year',
      'Imprisonment 1 to under 5 years',
      'Imprisonment 5 to under 10 years',
      'Imprisonment 10 years or more',
      'Fine only',
      'Not recorded',
      'Total',
    ]);
    for (const r of sentences)
      expect(r).toEqual([
        r[0],
        ...SEXES.map(
          (sex) =>
            p.convicted.filter((x) => (sex === 'Total' || x.sex === sex) && (r[0] === 'Total' || band(x) === r[0]))
              .length,
        ),
      ]);
    expect(p.convicted.some((x) => band(x) !== 'Not recorded')).toBe(true);
    const byForm = new Map(book['Victims by form'].slice(2).map((r) => [r[0], r.at(-1)]));
    for (const form of ['Sexual exploitation', 'Forced labour', 'Other forms of exploitation', UNKNOWN])
      expect([form, byForm.get(form)]).toEqual([form, p.victims.filter((v) => v.form === form).length]);
    expect(byForm.get('Total')).toBe(p.victims.length);
    const byCitizenship = new Map(book['Victims by citizenship'].slice(2).map((r) => [r[0], r.at(-1)]));
    for (const c of new Set(p.victims.map((v) => v.citizenship)))
      expect([c, byCitizenship.get(c)]).toEqual([c, p.victims.filter((v) => v.citizenship === c).length]);
  });

  it('audits each export made', async () => {
    const before: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.glotip' AND actor_id = $1`,
      [analyst.id],
    );
    await analyst.get('/api/v1/exports/glotip?year=2021&format=xlsx');
    const after: Array<{ n: number; detail: unknown }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'export.glotip' AND actor_id = $1`,
      [analyst.id],
    );
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('is for NPB only: viewers and focal persons are refused, a future year or a bad format is a problem', async () => {
    const viewer = await signIn(t, 'viewer');
    const focal = await signIn(t, 'focal_person', 'PK-PB');
    for (const who of [viewer, focal])
      for (const url of [
        '/api/v1/exports/glotip?year=2021',
        '/api/v1/exports/glotip/checks?year=2021',
        '/api/v1/exports/untoc?year=2021',
      ])
        expectProblem(await who.get(url), 403, 'AUTH.FORBIDDEN');
    expectProblem(await analyst.get('/api/v1/exports/glotip?year=2099'), 400, 'INTERNATIONAL.FUTURE_YEAR');
    expectProblem(await analyst.get('/api/v1/exports/glotip?year=2021&format=pdf'), 400, 'COMMON.VALIDATION_FAILED');
    expectProblem(await analyst.get('/api/v1/exports/glotip'), 400, 'COMMON.VALIDATION_FAILED');
  });
});
