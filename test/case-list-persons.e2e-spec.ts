import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Agent, signIn } from 'test/support/agent';
import { expectFieldProblem } from 'test/support/problem';
import { buildCases, FCase, FDefendant, FPerson, FVictim, insertCases } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

/*
 * The case list drilled down from a person figure (GET /statistics/demographics, GET
 * /statistics/vulnerabilities) counts the persons behind it: its victimCount / personCount
 * equals the figure, and both equal a count computed here from the fixture objects in plain
 * TypeScript (DESIGN §2 in words, never the SQL under test).
 */
const PERIOD = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' } as const;
type Population = 'victims' | 'defendants';
type Scope = 'prosecuted' | 'all';

const within = (date: string | null) => date !== null && date >= PERIOD.from && date <= PERIOD.to;
/** The age band at the offence, in words: under 12, 12 to 17, 18 to 25, 26 to 40, 41 to 60, over 60. */
const bandOf = (age: number | null) => {
  if (age === null) return 'unknown';
  if (age <= 11) return '0-11';
  if (age <= 17) return '12-17';
  if (age <= 25) return '18-25';
  if (age <= 40) return '26-40';
  if (age <= 60) return '41-60';
  return '61+';
};
const groupOf = (age: number | null) => (age === null ? 'unknown' : age < 18 ? 'child' : 'adult');
const nationalityOf = (p: FPerson) => p.nationality ?? 'UNK';

interface DemographicRow {
  sex: string;
  ageGroup: string;
  ageBand: string;
  nationality: string;
  count: number;
}
interface VulnerabilityRow {
  vulnerability: string;
  sex: string;
  ageGroup: string;
  count: number;
}
interface Cell {
  sex?: string;
  ageBand?: string;
  ageGroup?: string;
  nationality?: string;
}

describe('the case list drilled down from a person figure', () => {
  let t: TestApp;
  let analyst: Agent;
  let cases: FCase[];
  const named: Record<string, FCase> = {};

  const person = (sex: FPerson['sex'], age: number | null, nationality: string | null) => ({
    id: randomUUID(),
    ref: `P${Object.keys(named).length}${Math.floor(Math.random() * 1e6)}`,
    sex,
    age,
    nationality,
  });
  const victim = (
    p: ReturnType<typeof person>,
    identifiedOn: string | null,
    vulnerabilities: string[] = [],
  ): FVictim => ({ ...p, identifiedOn, vulnerabilities, residence: null });
  const defendant = (p: ReturnType<typeof person>, prosecutedOn?: string): FDefendant => ({
    ...p,
    cnicHash: null,
    prosecution: prosecutedOn ? { id: randomUUID(), date: prosecutedOn, outcome: 'pending', outcomeDate: null } : null,
  });
  const kase = (name: string, c: Partial<FCase> & { firDate: string }) => {
    named[name] = {
      id: randomUUID(),
      jurisdiction: 'PK-PB',
      district: 'PK601',
      family: 'tip',
      forms: [],
      traffickingType: null,
      concludedOn: null,
      events: [{ to: 'registered', date: c.firDate }],
      deleted: false,
      victims: [],
      defendants: [],
      route: [],
      ...c,
    };
  };

  /** The cases of a scope in words: registered in the period, or with a prosecution beginning in it. */
  const inScope = (c: FCase, scope: Scope) =>
    !c.deleted && (scope === 'all' ? within(c.firDate) : c.defendants.some((d) => within(d.prosecution?.date ?? null)));
  const matches = (p: FPerson, cell: Cell) =>
    (!cell.sex || p.sex === cell.sex) &&
    (!cell.ageBand || bandOf(p.age) === cell.ageBand) &&
    (!cell.ageGroup || groupOf(p.age) === cell.ageGroup) &&
    (!cell.nationality || nationalityOf(p) === cell.nationality);
  /** The persons a demographics cell counts, with their cases. */
  const expectedPersons = (population: Population, scope: Scope, cell: Cell) => {
    const found = cases
      .filter((c) => inScope(c, scope))
      .map((c) => ({
        c,
        persons: (population === 'victims' ? c.victims : c.defendants).filter((p) => matches(p, cell)),
      }))
      .filter((x) => x.persons.length > 0);
    return { persons: found.reduce((n, x) => n + x.persons.length, 0), cases: found.length };
  };
  /** The victims identified in the period with a vulnerability (of an age group), with their cases. */
  const expectedVulnerable = (vulnerability: string, cell: Cell) => {
    const found = cases
      .filter((c) => !c.deleted)
      .map((c) => ({
        c,
        victims: c.victims.filter(
          (v) => within(v.identifiedOn ?? c.firDate) && v.vulnerabilities.includes(vulnerability) && matches(v, cell),
        ),
      }))
      .filter((x) => x.victims.length > 0);
    return { victims: found.reduce((n, x) => n + x.victims.length, 0), cases: found.length };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts ORDER BY code',
    );
    // registered in 2024; one defendant prosecuted in it, one just after
    kase('registeredProsecuted', {
      firDate: '2024-03-01',
      victims: [
        victim(person('female', 17, 'PAK'), '2024-03-05', ['child', 'poverty_debt']),
        victim(person('female', 18, 'AFG'), null, ['poverty_debt']),
        victim(person('male', null, null), null),
      ],
      defendants: [
        defendant(person('male', 17, 'PAK'), '2024-06-01'),
        defendant(person('male', 18, 'IND'), '2025-01-01'),
      ],
    });
    // registered before 2024, prosecution beginning on its first day
    kase('earlierProsecutedFirstDay', {
      firDate: '2023-06-01',
      victims: [
        victim(person('male', 11, 'BGD'), null, ['child', 'orphan_street_connected']),
        victim(person('transgender', 12, 'PAK'), '2024-02-01', ['disability']),
      ],
      defendants: [defendant(person('male', 61, null), '2024-01-01'), defendant(person('female', null, 'AFG'))],
    });
    // registered on the last day, prosecuted the day before the period
    kase('registeredLastDay', {
      firDate: '2024-12-31',
      victims: [victim(person('female', 25, 'PAK'), null), victim(person('female', 26, null), null, ['unemployment'])],
      defendants: [defendant(person('male', 60, 'PAK'), '2023-12-31')],
    });
    // registered after the period, prosecuted on its last day
    kase('laterProsecutedLastDay', {
      firDate: '2025-01-01',
      victims: [victim(person('female', 41, 'PAK'), '2024-12-31', ['poverty_debt'])],
      defendants: [defendant(person('male', 40, 'PAK'), '2024-12-31')],
    });
    kase('deleted', {
      firDate: '2024-05-01',
      deleted: true,
      victims: [victim(person('female', 17, 'PAK'), null, ['child'])],
      defendants: [defendant(person('male', 30, 'PAK'), '2024-05-02')],
    });
    cases = [...Object.values(named), ...buildCases(districts, 200, 23)];
    await insertCases(t.dataSource, cases);
    analyst = await signIn(t, 'analyst');
  });
  afterAll(() => t.close());

  const query = (params: object) =>
    new URLSearchParams(
      Object.entries(params)
        .filter((e) => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
  const statistics = async <T>(path: string, params: object): Promise<T> => {
    const res = await analyst.get(`/api/v1/statistics/${path}?${query({ ...PERIOD, ...params })}`);
    expect(res.status).toBe(200);
    return res.body as T;
  };
  const list = async (params: object) => {
    const res = await analyst.get(`/api/v1/cases?${query({ ...PERIOD, pageSize: 100, ...params })}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: Array<{ id: string }>; victimCount?: number; personCount?: number };
  };
  const sum = <R extends { count: number }>(rows: R[], keep: (r: R) => boolean) =>
    rows.filter(keep).reduce((n, r) => n + r.count, 0);
  const unique = (values: string[]) => [...new Set(values)].sort();

  it('has fixture persons on each side of every boundary', () => {
    const a = named.registeredProsecuted;
    expect(a.victims.map((v) => bandOf(v.age))).toEqual(['12-17', '18-25', 'unknown']);
    expect(a.victims.map((v) => groupOf(v.age))).toEqual(['child', 'adult', 'unknown']);
    expect([inScope(a, 'all'), inScope(a, 'prosecuted')]).toEqual([true, true]);
    const b = named.earlierProsecutedFirstDay;
    expect([inScope(b, 'all'), inScope(b, 'prosecuted')]).toEqual([false, true]);
    const c = named.registeredLastDay;
    expect([inScope(c, 'all'), inScope(c, 'prosecuted')]).toEqual([true, false]);
    const d = named.laterProsecutedLastDay;
    expect([inScope(d, 'all'), inScope(d, 'prosecuted')]).toEqual([false, true]);
    expect([inScope(named.deleted, 'all'), inScope(named.deleted, 'prosecuted')]).toEqual([false, false]);
  });

  for (const population of ['victims', 'defendants'] as const)
    for (const scope of ['prosecuted', 'all'] as const)
      it(`counts the ${population} (${scope}) of each pyramid cell and each nationality as the demographics do`, async () => {
        const { rows } = await statistics<{ rows: DemographicRow[] }>('demographics', { population, scope });
        const countKey = population === 'victims' ? 'victimCount' : 'personCount';
        const cells: Cell[] = [
          ...unique(rows.map((r) => `${r.sex}|${r.ageBand}`)).map((k) => {
            const [sex, ageBand] = k.split('|');
            return { sex, ageBand };
          }),
          ...unique(rows.map((r) => r.nationality)).map((nationality) => ({ nationality })),
        ];
        expect(cells.length).toBeGreaterThan(5);
        for (const cell of cells) {
          const figure = sum(rows, (r) => cellHas(r, cell));
          const expected = expectedPersons(population, scope, cell);
          const body = await list({ population, scope, ...cell });
          expect([cell, body[countKey], body.total]).toEqual([cell, figure, expected.cases]);
          expect([cell, figure]).toEqual([cell, expected.persons]);
        }
        // a cell no person is in: no cases, nothing counted
        const empty = await list({ population, scope, nationality: 'ZZZ' });
        expect([empty.total, empty[countKey]]).toEqual([0, 0]);
      });

  /** Whether a demographics row falls in a cell (the cell's own fields only). */
  function cellHas(r: DemographicRow, cell: Cell) {
    return (
      (!cell.sex || r.sex === cell.sex) &&
      (!cell.ageBand || r.ageBand === cell.ageBand) &&
      (!cell.nationality || r.nationality === cell.nationality)
    );
  }

  it('counts the persons at the age boundaries in their own bands', async () => {
    const a = named.registeredProsecuted;
    // the victim aged 17 at the offence is a girl of 12-17, the one aged 18 is of 18-25
    const girls = await list({ population: 'victims', scope: 'all', sex: 'female', ageBand: '12-17', pageSize: 100 });
    const young = await list({
      population: 'victims',
      scope: 'all',
      sex: 'female',
      ageBand: '18-25',
      nationality: 'AFG',
    });
    expect(young.items.map((i) => i.id)).toContain(a.id);
    expect(girls.victimCount).toBe(expectedPersons('victims', 'all', { sex: 'female', ageBand: '12-17' }).persons);
    // a person without a nationality is counted as UNK, without an age as unknown
    const unknown = await list({ population: 'victims', scope: 'prosecuted', ageBand: 'unknown', nationality: 'UNK' });
    expect(unknown.items.map((i) => i.id)).toContain(a.id);
    // all the defendants of a prosecuted case are counted, the one prosecuted after the period too
    const indians = await list({ population: 'defendants', scope: 'prosecuted', nationality: 'IND' });
    expect(indians.items.map((i) => i.id)).toContain(a.id);
    // the deleted case is never listed
    const deleted = await list({ population: 'defendants', scope: 'all', ageBand: '26-40', pageSize: 100 });
    expect(deleted.items.map((i) => i.id)).not.toContain(named.deleted.id);
  });

  it('counts the victims of each vulnerability, and of each age group, as the vulnerabilities do', async () => {
    const { rows } = await statistics<{ rows: VulnerabilityRow[] }>('vulnerabilities', {});
    const vulnerabilities = unique(rows.map((r) => r.vulnerability));
    expect(vulnerabilities.length).toBeGreaterThan(3);
    for (const vulnerability of vulnerabilities) {
      for (const ageGroup of [undefined, 'child', 'adult', 'unknown']) {
        const figure = sum(rows, (r) => r.vulnerability === vulnerability && (!ageGroup || r.ageGroup === ageGroup));
        const expected = expectedVulnerable(vulnerability, { ageGroup });
        const body = await list({ basis: 'victims', vulnerability, ageGroup });
        expect([vulnerability, ageGroup, body.victimCount, body.total]).toEqual([
          vulnerability,
          ageGroup,
          figure,
          expected.cases,
        ]);
        expect([vulnerability, ageGroup, figure]).toEqual([vulnerability, ageGroup, expected.victims]);
      }
    }
    // the victim with two vulnerabilities is counted under each; the one identified before the period under none
    const a = named.registeredProsecuted;
    for (const vulnerability of ['child', 'poverty_debt'])
      expect((await list({ vulnerability, ageGroup: 'child', pageSize: 100 })).items.map((i) => i.id)).toContain(a.id);
    const orphans = await list({ vulnerability: 'orphan_street_connected', pageSize: 100 });
    expect(orphans.items.map((i) => i.id)).not.toContain(named.earlierProsecutedFirstDay.id);
  });

  it('exports the same cases as the list for a person figure', async () => {
    const params = { ...PERIOD, population: 'victims', scope: 'all', ageBand: '12-17' };
    const listed = await list({ ...params, pageSize: 100 });
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.total).toBeLessThanOrEqual(100);
    const csv = await analyst.get(`/api/v1/exports/cases?${query({ ...params, format: 'csv' })}`);
    expect(csv.status).toBe(200);
    const rows: string[][] = parse(csv.text.replace(/^\uFEFF/, ''));
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(listed.items.map((i) => i.id).sort());
  });

  it('refuses person filters that do not go together, naming each field, in the list and the export', async () => {
    const bad: Array<[object, string, string | undefined]> = [
      [{ population: 'victims' }, 'from', 'COMMON.REQUIRED'],
      [{ ...PERIOD, population: 'victims', basis: 'convicted' }, 'basis', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, population: 'victims', scope: 'all', basis: 'prosecuted' }, 'basis', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, population: 'victims', vulnerability: 'child' }, 'vulnerability', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, scope: 'all' }, 'scope', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, ageBand: '12-17' }, 'ageBand', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, nationality: 'PAK' }, 'nationality', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, sex: 'female' }, 'sex', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, ageGroup: 'child' }, 'ageGroup', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, vulnerability: 'child', ageBand: '0-11' }, 'ageBand', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, vulnerability: 'child', basis: 'registered' }, 'vulnerability', 'COMMON.NOT_ALLOWED'],
      [{ ...PERIOD, population: 'suspects' }, 'population', 'COMMON.IS_IN'],
      [{ ...PERIOD, population: 'victims', ageBand: '12-18' }, 'ageBand', 'COMMON.IS_IN'],
      [{ ...PERIOD, population: 'victims', nationality: 'pk' }, 'nationality', undefined],
      [{ ...PERIOD, vulnerability: 'shyness' }, 'vulnerability', 'COMMON.IS_IN'],
    ];
    for (const [params, field, code] of bad) {
      expectFieldProblem(await analyst.get(`/api/v1/cases?${query(params)}`), field, code as never);
      const exported = await analyst.get(`/api/v1/exports/cases?${query({ ...params, format: 'csv' })}`);
      expectFieldProblem(exported, field, code as never);
    }
  });
});
