import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Agent, signIn } from 'test/support/agent';
import { expectFieldProblem, expectProblem } from 'test/support/problem';
import { buildCases, FCase, FDefendant, FVictim, insertCases } from 'test/support/statistics-fixture';
import { createTestApp, TestApp } from 'test/support/test-app';

/*
 * The case list drilled down from a statistic lists exactly the cases behind the figure: for
 * the same parameters, its total equals the statistics endpoint's figure, and both equal a
 * count computed here from the fixture objects in plain TypeScript (DESIGN §2 in words, never
 * the SQL under test). The case-level export with the same filters holds the same cases.
 */
/** Districts of the reference seed (OCHA P-codes): Attock and Bahawalnagar (Punjab), Badin (Sindh), Abbottabad (KP). */
const [PB1, PB2, SD1, KP1] = ['PK601', 'PK602', 'PK701', 'PK501'];

type Family = 'tip' | 'som' | 'mixed' | 'all';
type Level = 'country' | 'jurisdiction' | 'district';
interface Drill {
  from: string;
  to: string;
  offenceFamily: Family;
  jurisdiction?: string;
  district?: string;
  exploitationForm?: string;
  traffickingType?: 'internal' | 'transnational';
}

const STATUSES = [
  'registered',
  'under_investigation',
  'challan_submitted',
  'under_trial',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
  'transferred',
  'closed_other',
];

const within = (date: string | null, f: { from: string; to: string }) =>
  date !== null && date >= f.from && date <= f.to;
const scoped = (cases: FCase[], f: Drill) =>
  cases.filter(
    (c) =>
      !c.deleted &&
      (!f.jurisdiction || c.jurisdiction === f.jurisdiction) &&
      (!f.district || c.district === f.district) &&
      (f.offenceFamily === 'all' || c.family === f.offenceFamily) &&
      (!f.exploitationForm || c.forms.includes(f.exploitationForm)) &&
      (!f.traffickingType || c.traffickingType === f.traffickingType),
  );
const prosecutedIn = (d: FDefendant, f: Drill) => !!d.prosecution && within(d.prosecution.date, f);
const convictedIn = (d: FDefendant, f: Drill) =>
  d.prosecution?.outcome === 'convicted' && within(d.prosecution.outcomeDate, f);
const identifiedIn = (v: FVictim, c: FCase, f: Drill) => within(v.identifiedOn ?? c.firDate, f);
/**
 * The status on `date` (DESIGN §2 f): the current status when it took effect by then, else the
 * latest change dated by then, the later recorded of a day (a case starts registered).
 */
const statusOn = (c: FCase, date: string) => {
  const current = c.events.at(-1)!;
  if (current.date <= date) return current.to;
  const before = c.events.filter((e) => e.date <= date);
  return (
    before.reduce<{ to: string; date: string } | null>(
      (latest, e) => (latest && latest.date > e.date ? latest : e),
      null,
    )?.to ?? 'registered'
  );
};

/** Which cases each basis selects, in words: the rules the statistics count by. */
const BASES = {
  registered: (c: FCase, f: Drill) => within(c.firDate, f),
  investigated: (c: FCase, f: Drill) => c.firDate <= f.to && (c.concludedOn === null || c.concludedOn >= f.from),
  prosecuted: (c: FCase, f: Drill) => c.defendants.some((d) => prosecutedIn(d, f)),
  convicted: (c: FCase, f: Drill) => c.defendants.some((d) => convictedIn(d, f)),
  victims: (c: FCase, f: Drill) => c.victims.some((v) => identifiedIn(v, c, f)),
};
type Basis = keyof typeof BASES;

describe('the case list drilled down from a statistic', () => {
  let t: TestApp;
  let analyst: Agent;
  let punjab: Agent;
  let cases: FCase[];
  const named: Record<string, FCase> = {};
  let districtOf: Map<string, string>;

  /** A place of a route point at a level, as GET /statistics/routes names it. */
  const placeOf = (p: FCase['route'][number], level: Level) =>
    level === 'country' || p.country !== 'PAK' || !p.district
      ? p.country
      : level === 'jurisdiction'
        ? districtOf.get(p.district)!
        : p.district;
  const originOf = (c: FCase, level: Level) => {
    const point = c.route.find((p) => p.kind === 'origin');
    return point ? placeOf(point, level) : 'unknown';
  };
  const destinationOf = (c: FCase, level: Level) => {
    const point = c.route.filter((p) => p.kind === 'destination').at(-1);
    return point ? placeOf(point, level) : 'unknown';
  };

  beforeAll(async () => {
    t = await createTestApp();
    const districts: Array<{ code: string; jurisdiction: string }> = await t.dataSource.query(
      'SELECT code, jurisdiction_code AS jurisdiction FROM districts ORDER BY code',
    );
    districtOf = new Map(districts.map((d) => [d.code, d.jurisdiction]));
    expect([PB1, PB2, SD1, KP1].map((d) => districtOf.get(d))).toEqual(['PK-PB', 'PK-PB', 'PK-SD', 'PK-KP']);

    const victim = (identifiedOn: string | null, residence: string | null, ref = 'V1'): FVictim => ({
      id: randomUUID(),
      ref,
      sex: 'female',
      age: 15,
      nationality: 'PAK',
      identifiedOn,
      vulnerabilities: [],
      residence,
    });
    const defendant = (ref: string, prosecution?: [string, 'pending' | 'convicted' | 'acquitted', string?]) => ({
      id: randomUUID(),
      ref,
      sex: 'male' as const,
      age: 40,
      nationality: 'PAK',
      cnicHash: null,
      prosecution: prosecution
        ? { id: randomUUID(), date: prosecution[0], outcome: prosecution[1], outcomeDate: prosecution[2] ?? null }
        : null,
    });
    const kase = (name: string, c: Partial<FCase> & { firDate: string }) => {
      named[name] = {
        id: randomUUID(),
        jurisdiction: 'PK-PB',
        district: PB1,
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
    // the boundaries of 2024 (and of 10 Feb – 20 Nov 2024), case by case
    kase('firFirstDay', {
      firDate: '2024-01-01',
      forms: ['sexual_exploitation'],
      traffickingType: 'internal',
      victims: [victim(null, PB2)],
      route: [
        { kind: 'origin', country: 'PAK', district: PB1 },
        { kind: 'destination', country: 'PAK', district: SD1 },
      ],
    });
    kase('firDayBefore', {
      firDate: '2023-12-31',
      events: [
        { to: 'registered', date: '2023-12-31' },
        { to: 'under_investigation', date: '2024-06-01' },
      ],
      victims: [victim('2024-01-05', PB2), victim('2023-12-31', PB2, 'V2')],
    });
    kase('firLastDay', { firDate: '2024-12-31', family: 'som', victims: [victim('2025-01-02', PB2)] });
    kase('firDayAfter', { firDate: '2025-01-01', family: 'mixed', victims: [victim('2024-12-30', SD1)] });
    kase('concludedBefore', {
      firDate: '2022-05-01',
      concludedOn: '2023-12-31',
      events: [
        { to: 'registered', date: '2022-05-01' },
        { to: 'challan_submitted', date: '2023-12-31' },
        { to: 'convicted', date: '2024-01-01' },
      ],
      defendants: [defendant('D1', ['2023-12-31', 'convicted', '2024-01-01'])],
      forms: ['sexual_exploitation'],
    });
    kase('concludedFirstDay', {
      firDate: '2022-06-01',
      concludedOn: '2024-01-01',
      events: [
        { to: 'registered', date: '2022-06-01' },
        { to: 'challan_submitted', date: '2024-01-01' },
        { to: 'convicted', date: '2025-01-01' },
      ],
      defendants: [defendant('D1', ['2024-01-01', 'convicted', '2025-01-01'])],
    });
    kase('twoProsecutedLastDay', {
      firDate: '2023-03-01',
      concludedOn: '2024-12-01',
      events: [
        { to: 'registered', date: '2023-03-01' },
        { to: 'challan_submitted', date: '2024-12-01' },
        { to: 'under_trial', date: '2024-12-31' },
      ],
      defendants: [defendant('D1', ['2024-12-31', 'pending']), defendant('D2', ['2024-12-31', 'pending'])],
    });
    kase('twoConvictedSindh', {
      firDate: '2023-01-10',
      jurisdiction: 'PK-SD',
      district: SD1,
      concludedOn: '2023-06-01',
      events: [
        { to: 'registered', date: '2023-01-10' },
        { to: 'challan_submitted', date: '2023-06-01' },
        { to: 'convicted', date: '2024-12-31' },
      ],
      defendants: [
        defendant('D1', ['2023-06-10', 'convicted', '2024-12-31']),
        defendant('D2', ['2023-06-10', 'convicted', '2024-03-15']),
        defendant('D3'),
      ],
    });
    kase('statusChangedAfterTo', {
      firDate: '2024-05-01',
      concludedOn: '2025-02-01',
      events: [
        { to: 'registered', date: '2024-05-01' },
        { to: 'under_investigation', date: '2024-06-01' },
        { to: 'challan_submitted', date: '2025-02-01' },
      ],
      traffickingType: 'transnational',
      route: [
        { kind: 'origin', country: 'AFG', district: null },
        { kind: 'transit', country: 'IRN', district: null },
        { kind: 'destination', country: 'PAK', district: PB2 },
      ],
    });
    kase('cancelledSindh', {
      firDate: '2024-02-10',
      jurisdiction: 'PK-SD',
      district: SD1,
      concludedOn: '2024-03-01',
      events: [
        { to: 'registered', date: '2024-02-10' },
        { to: 'cancelled', date: '2024-03-01' },
      ],
      victims: [victim('2024-11-20', KP1), victim(null, KP1, 'V2')],
      traffickingType: 'transnational',
      route: [
        { kind: 'origin', country: 'PAK', district: null },
        { kind: 'destination', country: 'ARE', district: null },
      ],
    });
    kase('twoOriginsTwoDestinations', {
      firDate: '2024-11-20',
      traffickingType: 'transnational',
      route: [
        { kind: 'origin', country: 'PAK', district: SD1 },
        { kind: 'origin', country: 'PAK', district: PB2 },
        { kind: 'transit', country: 'IRN', district: null },
        { kind: 'destination', country: 'OMN', district: null },
        { kind: 'destination', country: 'SAU', district: null },
      ],
    });
    kase('destinationOnly', {
      firDate: '2024-11-21',
      route: [{ kind: 'destination', country: 'PAK', district: PB1 }],
    });
    // the Sankey's legs: several transit places, two transits in one jurisdiction, a place named twice, no origin or destination
    kase('threeTransitsAbroad', {
      firDate: '2024-04-10',
      traffickingType: 'transnational',
      route: [
        { kind: 'origin', country: 'PAK', district: KP1 },
        { kind: 'transit', country: 'IRN', district: null },
        { kind: 'transit', country: 'TUR', district: null },
        { kind: 'transit', country: 'IRN', district: null },
        { kind: 'destination', country: 'GRC', district: null },
      ],
    });
    kase('twoTransitsInPunjab', {
      firDate: '2024-07-15',
      traffickingType: 'transnational',
      route: [
        { kind: 'origin', country: 'PAK', district: SD1 },
        { kind: 'transit', country: 'PAK', district: PB1 },
        { kind: 'transit', country: 'PAK', district: PB2 },
        { kind: 'destination', country: 'ARE', district: null },
      ],
    });
    kase('transitOnly', { firDate: '2024-08-01', route: [{ kind: 'transit', country: 'IRN', district: null }] });
    kase('originOnlyKp', {
      firDate: '2024-02-09',
      jurisdiction: 'PK-KP',
      district: KP1,
      route: [{ kind: 'origin', country: 'PAK', district: KP1 }],
      victims: [victim('2024-02-12', KP1)],
    });
    kase('deleted', {
      firDate: '2024-06-01',
      deleted: true,
      victims: [victim(null, PB2)],
      defendants: [defendant('D1', ['2024-06-02', 'convicted', '2024-07-01'])],
      route: [{ kind: 'origin', country: 'AFG', district: null }],
    });
    cases = [...Object.values(named), ...buildCases(districts, 300, 31)];
    await insertCases(t.dataSource, cases);
    analyst = await signIn(t, 'analyst');
    punjab = await signIn(t, 'focal_person', 'PK-PB');
  });
  afterAll(() => t.close());

  const query = (params: object) =>
    new URLSearchParams(
      Object.entries(params)
        .filter((e) => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
  const statistics = async (path: string, params: object, who = analyst) => {
    const res = await who.get(`/api/v1/statistics/${path}?${query(params)}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const list = async (params: object, who = analyst) => {
    const res = await who.get(`/api/v1/cases?${query({ pageSize: 100, ...params })}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: Array<{ id: string }>; victimCount?: number; personCount?: number };
  };
  /** Every case id the list selects, page by page. */
  const listedIds = async (params: object) => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const body = await list({ ...params, page, sort: 'firDate', order: 'asc' });
      ids.push(...body.items.map((c) => c.id));
      if (ids.length >= body.total) return ids.sort();
    }
  };
  const expectedIds = (f: Drill, rule: (c: FCase) => boolean) =>
    scoped(cases, f)
      .filter(rule)
      .map((c) => c.id)
      .sort();

  it('has fixture cases on each side of every boundary', () => {
    const f: Drill = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' };
    const inBasis = (name: string, basis: Basis) => BASES[basis](named[name], f);
    expect([inBasis('firFirstDay', 'registered'), inBasis('firDayBefore', 'registered')]).toEqual([true, false]);
    expect([inBasis('firLastDay', 'registered'), inBasis('firDayAfter', 'registered')]).toEqual([true, false]);
    expect([inBasis('concludedBefore', 'investigated'), inBasis('concludedFirstDay', 'investigated')]).toEqual([
      false,
      true,
    ]);
    expect([inBasis('concludedBefore', 'prosecuted'), inBasis('concludedFirstDay', 'prosecuted')]).toEqual([
      false,
      true,
    ]);
    expect([inBasis('concludedBefore', 'convicted'), inBasis('concludedFirstDay', 'convicted')]).toEqual([true, false]);
    expect([inBasis('firDayAfter', 'victims'), inBasis('firLastDay', 'victims')]).toEqual([true, false]);
    expect([statusOn(named.statusChangedAfterTo, f.to), named.statusChangedAfterTo.events.at(-1)!.to]).toEqual([
      'under_investigation',
      'challan_submitted',
    ]);
  });

  const drills: Drill[] = [
    // whole months: the statistics answer from the monthly cube
    { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' },
    { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB' },
    { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'som' },
    { from: '2018-01-01', to: '2025-06-30', offenceFamily: 'mixed', traffickingType: 'transnational' },
    { from: '2016-01-01', to: '2025-12-31', offenceFamily: 'tip', exploitationForm: 'sexual_exploitation' },
    // other periods and a district: from the case tables
    { from: '2024-02-10', to: '2024-11-20', offenceFamily: 'all' },
    { from: '2019-03-15', to: '2024-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB', district: PB1 },
    { from: '2020-06-02', to: '2023-08-17', offenceFamily: 'all', traffickingType: 'internal' },
  ];

  it.each(drills)('lists for each basis the cases the summary counts: %o', async (f) => {
    const summary = await statistics('summary', f);
    const figures: Record<Basis, number> = {
      registered: summary.casesRegistered,
      investigated: summary.casesInvestigated,
      prosecuted: summary.prosecutions.cases,
      convicted: summary.convictions.cases,
      victims: -1, // victims are counted, not their cases: checked through victimCount below
    };
    for (const basis of Object.keys(BASES) as Basis[]) {
      const expected = expectedIds(f, (c) => BASES[basis](c, f));
      const body = await list({ ...f, basis });
      if (basis !== 'victims') expect([basis, body.total]).toEqual([basis, figures[basis]]);
      expect([basis, body.total]).toEqual([basis, expected.length]);
      if (expected.length <= 100) expect(body.items.map((c) => c.id).sort()).toEqual(expected);
    }
    const cs = scoped(cases, f);
    expect((await list({ ...f, basis: 'prosecuted' })).personCount).toBe(summary.prosecutions.persons);
    expect(summary.prosecutions.persons).toBe(cs.flatMap((c) => c.defendants.filter((d) => prosecutedIn(d, f))).length);
    expect((await list({ ...f, basis: 'convicted' })).personCount).toBe(summary.convictions.persons);
    expect(summary.convictions.persons).toBe(cs.flatMap((c) => c.defendants.filter((d) => convictedIn(d, f))).length);
    expect((await list({ ...f, basis: 'victims' })).victimCount).toBe(summary.victimsIdentified);
    expect(summary.victimsIdentified).toBe(cs.flatMap((c) => c.victims.filter((v) => identifiedIn(v, c, f))).length);
    // without a basis, a period is the cases registered in it
    expect((await list(f)).total).toBe(summary.casesRegistered);
  });

  it.each(drills.slice(0, 3).concat(drills.slice(5, 7)))(
    'lists for each status the cases counted in it as at `to`: %o',
    async (f) => {
      const [summary, status] = await Promise.all([statistics('summary', f), statistics('status', f)]);
      for (const s of STATUSES) {
        const expected = expectedIds(f, (c) => c.firDate <= f.to && statusOn(c, f.to) === s);
        const body = await list({ ...f, basis: 'status', status: s });
        expect([s, body.total]).toEqual([s, summary.statusAtEnd[s]]);
        expect([s, body.total]).toEqual([s, status.total[s]]);
        expect([s, body.total]).toEqual([s, expected.length]);
      }
    },
  );

  it.each<Drill>([
    { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' },
    { from: '2018-01-01', to: '2022-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB' },
    { from: '2019-04-10', to: '2023-09-30', offenceFamily: 'all', exploitationForm: 'forced_labour' },
  ])('lists the registered cases that reached each stage of the attrition: %o', async (f) => {
    const attrition = await statistics('attrition', f);
    const ever = (c: FCase, statuses: string[]) => c.events.some((e) => statuses.includes(e.to));
    const stages: Array<[string, string, (c: FCase) => boolean]> = [
      ['concluded', 'investigationConcluded', (c) => c.concludedOn !== null],
      ['challan', 'challanSubmitted', (c) => ever(c, ['challan_submitted', 'under_trial', 'convicted', 'acquitted'])],
      ['prosecuted', 'prosecuted', (c) => c.defendants.some((d) => d.prosecution)],
      ['convicted', 'convicted', (c) => c.defendants.some((d) => d.prosecution?.outcome === 'convicted')],
      ['acquitted', 'acquitted', (c) => ever(c, ['acquitted'])],
      ['cancelled', 'cancelled', (c) => ever(c, ['cancelled'])],
      ['untraced', 'untraced', (c) => ever(c, ['untraced'])],
    ];
    for (const [stage, figure, reached] of stages) {
      const expected = expectedIds(f, (c) => BASES.registered(c, f) && reached(c));
      const body = await list({ ...f, stage });
      expect([stage, body.total]).toEqual([stage, attrition[figure]]);
      expect([stage, body.total]).toEqual([stage, expected.length]);
      expect((await list({ ...f, stage, basis: 'registered' })).total).toBe(body.total);
    }
  });

  it('reads status as the status on `to`, and otherwise as the current status', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' };
    const asAtEnd = await listedIds({ ...f, basis: 'status', status: 'under_investigation' });
    expect(asAtEnd).toContain(named.statusChangedAfterTo.id);
    expect(asAtEnd).toContain(named.firDayBefore.id);
    const current = await listedIds({ ...f, status: 'under_investigation' });
    expect(current).not.toContain(named.statusChangedAfterTo.id);
    expect(await listedIds({ ...f, status: 'challan_submitted' })).toContain(named.statusChangedAfterTo.id);
    // the status on `to` does not depend on `from`
    expect(await listedIds({ to: f.to, offenceFamily: 'all', basis: 'status', status: 'under_investigation' })).toEqual(
      asAtEnd,
    );
    const convictedAtEnd = await listedIds({ ...f, basis: 'status', status: 'convicted' });
    expect(convictedAtEnd).toContain(named.concludedBefore.id);
    expect(convictedAtEnd).not.toContain(named.concludedFirstDay.id);
  });

  it.each<[Level, Drill]>([
    ['country', { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' }],
    ['jurisdiction', { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' }],
    ['district', { from: '2024-02-10', to: '2024-11-20', offenceFamily: 'all' }],
    ['jurisdiction', { from: '2019-01-01', to: '2024-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB' }],
    ['country', { from: '2016-01-01', to: '2025-12-31', offenceFamily: 'tip', traffickingType: 'transnational' }],
  ])('lists the cases of each route at the %s level: %o', async (level, f) => {
    const routes = await statistics('routes', { ...f, level, limit: 500 });
    expect(routes.flows.length).toBeGreaterThan(2);
    const registered = scoped(cases, f).filter((c) => BASES.registered(c, f));
    for (const flow of routes.flows as Array<{ origin: string; destination: string; cases: number }>) {
      const expected = registered.filter(
        (c) => originOf(c, level) === flow.origin && destinationOf(c, level) === flow.destination,
      ).length;
      const body = await list({ ...f, origin: flow.origin, destination: flow.destination, routeLevel: level });
      expect([flow, body.total]).toEqual([flow, flow.cases]);
      expect([flow, body.total]).toEqual([flow, expected]);
    }
    for (const transit of routes.transits as Array<{ place: string; cases: number }>) {
      const expected = registered.filter((c) =>
        c.route.some((p) => p.kind === 'transit' && placeOf(p, level) === transit.place),
      ).length;
      const body = await list({ ...f, transit: transit.place, routeLevel: level });
      expect([transit, body.total]).toEqual([transit, transit.cases]);
      expect([transit, body.total]).toEqual([transit, expected]);
    }
  });

  /**
   * A case's legs at a level, in words: origin → each distinct transit place → destination, or
   * origin → destination without a transit point (none for a route without any point).
   */
  const legsOf = (c: FCase, level: Level): string[] => {
    const origin = originOf(c, level);
    const destination = destinationOf(c, level);
    const transits = new Set(c.route.filter((p) => p.kind === 'transit').map((p) => placeOf(p, level)));
    if (transits.size)
      return [...transits].flatMap((place) => [
        `origin-transit ${origin} ${place}`,
        `transit-destination ${place} ${destination}`,
      ]);
    return origin === 'unknown' && destination === 'unknown' ? [] : [`origin-destination ${origin} ${destination}`];
  };
  type Leg = { leg: string; from: string; to: string; cases: number };
  /** The list's parameters for a leg's cases. */
  const legDrill = (l: Leg) =>
    l.leg === 'origin-transit'
      ? { origin: l.from, transit: l.to }
      : l.leg === 'transit-destination'
        ? { transit: l.from, destination: l.to }
        : { origin: l.from, destination: l.to, transit: 'none' };

  it.each<[Level, Drill]>([
    ['country', { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' }],
    ['jurisdiction', { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' }],
    ['district', { from: '2024-02-10', to: '2024-11-20', offenceFamily: 'all' }],
    ['jurisdiction', { from: '2019-01-01', to: '2024-12-31', offenceFamily: 'tip', traffickingType: 'transnational' }],
  ])(
    'counts the legs origin → transit → destination at the %s level and lists the cases of each: %o',
    async (level, f) => {
      const routes = await statistics('routes', { ...f, level, limit: 500 });
      const expected = new Map<string, number>();
      for (const c of scoped(cases, f).filter((x) => BASES.registered(x, f)))
        for (const leg of legsOf(c, level)) expected.set(leg, (expected.get(leg) ?? 0) + 1);
      const legs = routes.legs as Leg[];
      expect(legs.map((l) => `${l.leg} ${l.from} ${l.to} ${l.cases}`).sort()).toEqual(
        [...expected].map(([leg, n]) => `${leg} ${n}`).sort(),
      );
      expect(legs.some((l) => l.leg === 'origin-transit')).toBe(true);
      expect(legs.map((l) => l.cases)).toEqual(legs.map((l) => l.cases).sort((a, b) => b - a));
      for (const leg of legs) {
        const body = await list({ ...f, ...legDrill(leg), routeLevel: level });
        expect([leg, body.total]).toEqual([leg, leg.cases]);
      }
    },
  );

  it('counts a case once per distinct transit place of a leg, and a route with transits but no ends as unknown', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' };
    const legsAt = async (level: Level) => (await statistics('routes', { ...f, level, limit: 500 })).legs as Leg[];
    const ids = (params: object) => listedIds({ ...f, ...params });
    const country = await legsAt('country');
    const byKey = (legs: Leg[], key: string) => legs.find((l) => `${l.leg} ${l.from} ${l.to}` === key);
    // passing Iran twice is one case on the leg Pakistan → Iran; Turkey has its own legs
    expect(await ids({ ...legDrill(byKey(country, 'origin-transit PAK IRN')!), routeLevel: 'country' })).toContain(
      named.threeTransitsAbroad.id,
    );
    expect(byKey(country, 'transit-destination TUR GRC')?.cases).toBeGreaterThanOrEqual(1);
    expect(await ids({ transit: 'TUR', destination: 'GRC' })).toEqual([named.threeTransitsAbroad.id]);
    expect(await ids({ origin: 'unknown', transit: 'IRN' })).toContain(named.transitOnly.id);
    expect(await ids({ transit: 'IRN', destination: 'unknown' })).toContain(named.transitOnly.id);
    // a case with transits is never on a direct leg
    expect(await ids({ origin: 'PAK', destination: 'GRC', transit: 'none' })).not.toContain(
      named.threeTransitsAbroad.id,
    );
    expect(await ids({ origin: 'PAK', destination: 'ARE', transit: 'none' })).toContain(named.cancelledSindh.id);
    // two transits in Punjab: once at the jurisdiction level, in each district's legs at the district level
    const jurisdiction = await legsAt('jurisdiction');
    const sindhPunjab = byKey(jurisdiction, 'origin-transit PK-SD PK-PB')!;
    expect(sindhPunjab.cases).toBe(
      (await ids({ origin: 'PK-SD', transit: 'PK-PB', routeLevel: 'jurisdiction' })).length,
    );
    const district = await legsAt('district');
    for (const transit of [PB1, PB2])
      expect(
        await ids({ ...legDrill(byKey(district, `origin-transit ${SD1} ${transit}`)!), routeLevel: 'district' }),
      ).toContain(named.twoTransitsInPunjab.id);
  });

  it('takes the first origin and the last destination, and `unknown` for a route without one', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' };
    const ids = (params: object) => listedIds({ ...f, ...params });
    expect(await ids({ origin: 'PK-SD', destination: 'SAU', routeLevel: 'jurisdiction' })).toContain(
      named.twoOriginsTwoDestinations.id,
    );
    expect(await ids({ origin: 'PK-PB', routeLevel: 'jurisdiction' })).not.toContain(
      named.twoOriginsTwoDestinations.id,
    );
    expect(await ids({ destination: 'OMN' })).not.toContain(named.twoOriginsTwoDestinations.id);
    expect(await ids({ origin: 'unknown', destination: PB1, routeLevel: 'district' })).toContain(
      named.destinationOnly.id,
    );
    expect(await ids({ origin: KP1, destination: 'unknown', routeLevel: 'district' })).toContain(named.originOnlyKp.id);
    // a point in Pakistan without a district stays the country at every level
    expect(await ids({ origin: 'PAK', destination: 'ARE', routeLevel: 'district' })).toContain(named.cancelledSindh.id);
    expect(await ids({ origin: 'AFG' })).not.toContain(named.deleted.id);
  });

  it.each<Drill>([
    { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' },
    { from: '2024-02-10', to: '2024-11-20', offenceFamily: 'all' },
    { from: '2016-01-01', to: '2025-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB' },
  ])('lists the cases of each residence hotspot, with its victims counted: %o', async (f) => {
    const { hotspots } = await statistics('vulnerabilities', f);
    expect(hotspots.length).toBeGreaterThan(0);
    for (const h of hotspots as Array<{ district: string; victims: number }>) {
      const victims = scoped(cases, f).flatMap((c) =>
        c.victims.filter((v) => identifiedIn(v, c, f) && v.residence === h.district).map(() => c.id),
      );
      const body = await list({ ...f, residenceDistrict: h.district });
      expect([h.district, body.victimCount]).toEqual([h.district, h.victims]);
      expect([h.district, body.victimCount]).toEqual([h.district, victims.length]);
      expect([h.district, body.total]).toEqual([h.district, new Set(victims).size]);
      expect((await list({ ...f, residenceDistrict: h.district, basis: 'victims' })).total).toBe(body.total);
    }
    if (f.from === '2024-01-01') {
      // two victims of one case live in the district: the victims outnumber their cases
      const kp = await list({ ...f, residenceDistrict: KP1 });
      expect(kp.victimCount! - kp.total).toBeGreaterThanOrEqual(1);
      const ids = await listedIds({ ...f, residenceDistrict: KP1 });
      expect(ids).toEqual(expect.arrayContaining([named.cancelledSindh.id, named.originOnlyKp.id]));
    }
  });

  it('lists the cases behind each bar of a trend (its period, clipped to the one asked)', async () => {
    const f: Drill = { from: '2023-02-15', to: '2024-12-31', offenceFamily: 'all' };
    const metrics = [
      ['casesRegistered', 'registered', 'total'],
      ['casesInvestigated', 'investigated', 'total'],
      ['prosecutions', 'prosecuted', 'personCount'],
      ['convictions', 'convicted', 'personCount'],
      ['victims', 'victims', 'victimCount'],
    ] as const;
    for (const [metric, basis, figure] of metrics) {
      const { series } = await statistics('trends', { ...f, metric, interval: 'quarter' });
      for (const point of series[0].points as Array<{ period: string; value: number }>) {
        const [year, quarter] = point.period.split('-Q').map(Number);
        const start = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
        const end = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
        const bar = { ...f, from: start < f.from ? f.from : start, to: end > f.to ? f.to : end };
        const body = await list({ ...bar, basis });
        expect([metric, point.period, body[figure]]).toEqual([metric, point.period, point.value]);
      }
    }
  });

  it('lists the cases and persons behind each bar of a grouped trend, by sex, province, form or offence', async () => {
    const f: Drill = { from: '2023-02-15', to: '2024-12-31', offenceFamily: 'all' };
    const metrics = [
      ['casesRegistered', 'registered', 'total'],
      ['prosecutions', 'prosecuted', 'personCount'],
      ['convictions', 'convicted', 'personCount'],
      ['victims', 'victims', 'victimCount'],
    ] as const;
    /** The persons a bar of a metric counts in a case, of a sex when given (computed from the fixture). */
    const personsOf = (metric: string, c: FCase, bar: Drill, sex?: string) =>
      metric === 'victims'
        ? c.victims.filter((v) => identifiedIn(v, c, bar) && (!sex || v.sex === sex)).length
        : c.defendants.filter(
            (d) => (metric === 'prosecutions' ? prosecutedIn(d, bar) : convictedIn(d, bar)) && (!sex || d.sex === sex),
          ).length;
    let unspecified = 0;
    for (const [metric, basis, figure] of metrics) {
      const groups = metric === 'casesRegistered' ? ['exploitationForm'] : ['sex', 'jurisdiction', 'exploitationForm'];
      for (const groupBy of [...groups, 'offenceFamily']) {
        const { series } = await statistics('trends', { ...f, metric, interval: 'year', groupBy });
        for (const s of series as Array<{ key: string; points: Array<{ period: string; value: number }> }>) {
          for (const point of s.points.filter((p) => p.value > 0)) {
            const year = Number(point.period);
            const bar = { ...f, from: year === 2023 ? f.from : `${year}-01-01`, to: `${year}-12-31` };
            const detail = { [groupBy]: s.key };
            const body = await list({ ...bar, basis, ...detail });
            const label = [metric, groupBy, s.key, point.period];
            expect([...label, body[figure]]).toEqual([...label, point.value]);
            if (groupBy === 'sex') {
              const persons = scoped(cases, bar).map((c) => personsOf(metric, c, bar, s.key));
              expect([...label, body[figure], body.total]).toEqual([
                ...label,
                persons.reduce((a, b) => a + b, 0),
                persons.filter((n) => n > 0).length,
              ]);
            }
            if (s.key === 'unspecified') unspecified++;
          }
        }
      }
    }
    expect(unspecified).toBeGreaterThan(0);
    // sex alone narrows the persons of a basis that counts persons only
    expectFieldProblem(
      await analyst.get(`/api/v1/cases?${query({ ...f, basis: 'registered', sex: 'female' })}`),
      'sex',
      'COMMON.NOT_ALLOWED',
    );
  });

  it('keeps a focal person in their jurisdiction whatever is asked', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all' };
    for (const basis of ['registered', 'convicted', 'victims'] as const) {
      const own = await list({ ...f, basis }, punjab);
      const summary = await statistics('summary', f, punjab);
      const figure =
        basis === 'registered' ? summary.casesRegistered : basis === 'convicted' ? summary.convictions.cases : -1;
      const expected = expectedIds({ ...f, jurisdiction: 'PK-PB' } as Drill, (c) => BASES[basis](c, f as Drill));
      expect(own.total).toBe(expected.length);
      if (figure >= 0) expect(own.total).toBe(figure);
    }
    expectProblem(
      await punjab.get(`/api/v1/cases?${query({ ...f, jurisdiction: 'PK-SD' })}`),
      403,
      'AUTH.JURISDICTION_FORBIDDEN',
    );
    // another jurisdiction's places select only their own cases going there
    const toSindh = await listedIds({ ...f, destination: 'PK-SD', routeLevel: 'jurisdiction' });
    const own = (await list({ ...f, destination: 'PK-SD', routeLevel: 'jurisdiction' }, punjab)).items.map((c) => c.id);
    expect(own).toContain(named.firFirstDay.id);
    expect(own.every((id) => cases.find((c) => c.id === id)!.jurisdiction === 'PK-PB')).toBe(true);
    expect(toSindh.length).toBeGreaterThanOrEqual(own.length);
    const kpResidents = await list({ ...f, residenceDistrict: KP1 }, punjab);
    const expected = expectedIds({ ...f, jurisdiction: 'PK-PB' } as Drill, (c) =>
      c.victims.some((v) => identifiedIn(v, c, f as Drill) && v.residence === KP1),
    );
    expect(kpResidents.total).toBe(expected.length);
    expect(kpResidents.items.map((c) => c.id)).not.toContain(named.cancelledSindh.id);
  });

  it('keeps the other filters working with a drill-down, and lists every family without offenceFamily', async () => {
    const f = { from: '2024-01-01', to: '2024-12-31' };
    const all = await statistics('summary', { ...f, offenceFamily: 'all' });
    expect((await list(f)).total).toBe(all.casesRegistered);
    expect((await list({ ...f, offenceFamily: 'all' })).total).toBe(all.casesRegistered);
    const year2024 = await listedIds({ firYear: 2024 });
    const byFir = await listedIds({ firDateFrom: '2024-01-01', firDateTo: '2024-12-31' });
    expect(await listedIds(f)).toEqual(byFir);
    expect(year2024).toEqual(byFir);
    const convicted = await listedIds({ ...f, basis: 'convicted' });
    const convictedFir2022 = await listedIds({ ...f, basis: 'convicted', firYear: 2022 });
    expect(convictedFir2022).toContain(named.concludedBefore.id);
    expect(convictedFir2022).toEqual(
      convicted.filter((id) => cases.find((c) => c.id === id)!.firDate.startsWith('2022')).sort(),
    );
    expect(await listedIds({ ...f, basis: 'convicted', search: 'no such station' })).toEqual([]);
  });

  it('exports the same cases as the list with the same filters', async () => {
    const filters = [
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all', basis: 'convicted' },
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'tip', jurisdiction: 'PK-PB', basis: 'investigated' },
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all', basis: 'status', status: 'under_investigation' },
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all', origin: 'PK-PB', routeLevel: 'jurisdiction' },
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all', residenceDistrict: PB2 },
      {
        from: '2016-01-01',
        to: '2025-12-31',
        offenceFamily: 'som',
        basis: 'victims',
        exploitationForm: 'forced_labour',
      },
      // a search by police station, and by part of the FIR numbers (random hexadecimal here)
      { from: '2024-01-01', to: '2024-12-31', offenceFamily: 'all', basis: 'victims', search: 'ps test' },
      { search: 'a' },
    ];
    for (const params of filters) {
      const listed = await listedIds(params);
      expect(listed.length).toBeGreaterThan(0);
      const csv = await analyst.get(`/api/v1/exports/cases?${query({ ...params, format: 'csv' })}`);
      expect(csv.status).toBe(200);
      const rows: string[][] = parse(csv.text.replace(/^\uFEFF/, ''));
      expect(rows[0][0]).toBe('Case id');
      expect([
        params,
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
      ]).toEqual([params, listed]);
    }
  });

  it('refuses filters that do not go together, naming each field, in the list and the export', async () => {
    const bad: Array<[object, string, string | undefined]> = [
      [{ from: '2024-01-01', to: '2024-12-31', basis: 'status' }, 'status', 'COMMON.REQUIRED'],
      [{ from: '2024-12-31', to: '2024-01-01' }, 'to', 'STATISTICS.BEFORE_FROM'],
      [{ basis: 'convicted' }, 'from', 'COMMON.REQUIRED'],
      [{ from: '2024-01-01' }, 'to', 'COMMON.REQUIRED'],
      [{ to: '2024-01-01', basis: 'victims' }, 'from', 'COMMON.REQUIRED'],
      [{ residenceDistrict: PB1 }, 'from', 'COMMON.REQUIRED'],
      [
        { from: '2024-01-01', to: '2024-12-31', basis: 'registered', residenceDistrict: PB1 },
        'residenceDistrict',
        'COMMON.NOT_ALLOWED',
      ],
      [{ stage: 'convicted' }, 'from', 'COMMON.REQUIRED'],
      [{ from: '2024-01-01', to: '2024-12-31', basis: 'convicted', stage: 'convicted' }, 'stage', 'COMMON.NOT_ALLOWED'],
      [{ from: '2024-01-01', to: '2024-12-31', stage: 'sentenced' }, 'stage', 'COMMON.IS_IN'],
      [{ from: '2024-12-31', to: '2024-01-01', basis: 'status', status: 'convicted' }, 'to', 'STATISTICS.BEFORE_FROM'],
      [{ origin: 'PK-PB' }, 'origin', 'COMMON.INVALID'],
      [{ destination: PB1, routeLevel: 'jurisdiction' }, 'destination', 'COMMON.INVALID'],
      [{ origin: 'PK-PB', routeLevel: 'district' }, 'origin', 'COMMON.INVALID'],
      [{ transit: 'unknown' }, 'transit', 'COMMON.INVALID'],
      [{ origin: 'none' }, 'origin', 'COMMON.INVALID'],
      [{ basis: 'everything', from: '2024-01-01', to: '2024-12-31' }, 'basis', 'COMMON.IS_IN'],
      [{ routeLevel: 'tehsil' }, 'routeLevel', 'COMMON.IS_IN'],
      [{ offenceFamily: 'any' }, 'offenceFamily', 'COMMON.IS_IN'],
      [{ traffickingType: 'sideways' }, 'traffickingType', 'COMMON.IS_IN'],
      [{ from: '2024-02-30', to: '2024-12-31' }, 'from', undefined],
    ];
    for (const [params, field, code] of bad) {
      expectFieldProblem(await analyst.get(`/api/v1/cases?${query(params)}`), field, code as never);
      const exported = await analyst.get(`/api/v1/exports/cases?${query({ ...params, format: 'csv' })}`);
      expectFieldProblem(exported, field, code as never);
      expect(exported.headers['content-disposition']).toBeUndefined();
    }
    // a route level alone, or with places of its shape, is fine
    expect((await analyst.get('/api/v1/cases?routeLevel=district')).status).toBe(200);
    expect((await analyst.get(`/api/v1/cases?origin=AFG&destination=${PB1}&routeLevel=district`)).status).toBe(200);
  });
});
