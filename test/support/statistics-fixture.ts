import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * A plain-object picture of many cases, written straight to the database, so that
 * statistics tests can compute every expected figure from these objects in TypeScript —
 * independently of the SQL under test.
 */
export interface FProsecution {
  id: string;
  date: string;
  outcome: 'pending' | 'convicted' | 'acquitted';
  outcomeDate: string | null;
}
export interface FPerson {
  id: string;
  ref: string;
  sex: 'male' | 'female' | 'transgender' | 'unknown';
  age: number | null;
  nationality: string | null;
}
export interface FVictim extends FPerson {
  identifiedOn: string | null;
  vulnerabilities: string[];
  residence: string | null;
}
export interface FDefendant extends FPerson {
  cnicHash: string | null;
  prosecution: FProsecution | null;
}
export interface FCase {
  id: string;
  jurisdiction: string;
  district: string;
  family: 'tip' | 'som' | 'mixed';
  forms: string[];
  traffickingType: 'internal' | 'transnational' | null;
  firDate: string;
  concludedOn: string | null;
  events: Array<{ to: string; date: string }>;
  deleted: boolean;
  victims: FVictim[];
  defendants: FDefendant[];
  route: Array<{ kind: 'origin' | 'transit' | 'destination'; country: string; district: string | null }>;
  /** The reporting unit; the jurisdiction's police (`POLICE-<jurisdiction>`) when unset. */
  unit?: { code: string; agency: 'police' | 'fia' | 'other' };
}

/** The reporting unit's code and agency of a fixture case. */
export const unitOf = (c: FCase) => c.unit ?? { code: `POLICE-${c.jurisdiction}`, agency: 'police' as const };

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const FORMS = ['sexual_exploitation', 'forced_labour', 'bonded_labour', 'domestic_servitude', 'forced_begging'];
const VULNS = ['child', 'poverty_debt', 'illiteracy', 'migrant_refugee'];
const NATS = ['PAK', 'PAK', 'PAK', 'AFG', 'BGD', null];
const SEXES = ['male', 'female', 'female', 'transgender', 'unknown'] as const;

export function buildCases(districts: Array<{ code: string; jurisdiction: string }>, count: number, seed = 7): FCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const cnicPool = Array.from({ length: 15 }, (_, i) => `hash${i}`.padEnd(64, '0'));
  const cases: FCase[] = [];
  for (let i = 0; i < count; i++) {
    const district = pick(districts);
    const firDate = addDays('2016-01-01', Math.floor(r() * 3400)); // to mid-2025
    const concludedOn = r() < 0.7 ? addDays(firDate, Math.floor(r() * 500)) : null;
    const events = [{ to: 'registered', date: firDate }];
    if (r() < 0.5) events.push({ to: 'under_investigation', date: addDays(firDate, 3) });
    const defendants: FDefendant[] = [];
    const nDef = Math.floor(r() * 3);
    for (let d = 0; d < nDef; d++) {
      let prosecution: FProsecution | null = null;
      if (concludedOn && r() < 0.6) {
        const date = addDays(concludedOn, Math.floor(r() * 200));
        const outcome = pick(['pending', 'convicted', 'acquitted'] as const);
        prosecution = {
          id: randomUUID(),
          date,
          outcome,
          outcomeDate: outcome === 'pending' ? null : addDays(date, Math.floor(r() * 400)),
        };
      }
      defendants.push({
        id: randomUUID(),
        ref: `D${d + 1}`,
        sex: pick(SEXES),
        age: r() < 0.2 ? null : 15 + Math.floor(r() * 55),
        nationality: pick(NATS),
        cnicHash: r() < 0.3 ? pick(cnicPool) : null,
        prosecution,
      });
    }
    if (concludedOn) {
      const ended = r() < 0.15 ? pick(['cancelled', 'untraced']) : 'challan_submitted';
      events.push({ to: ended, date: concludedOn });
      const decided = defendants
        .map((d) => d.prosecution)
        .filter((p): p is FProsecution => !!p && p.outcome !== 'pending');
      if (ended === 'challan_submitted' && decided.length) {
        const last = decided
          .map((p) => p.outcomeDate!)
          .sort()
          .at(-1)!;
        events.push({ to: decided.some((p) => p.outcome === 'convicted') ? 'convicted' : 'acquitted', date: last });
      }
    }
    const victims: FVictim[] = Array.from({ length: Math.floor(r() * 4) }, (_, v) => ({
      id: randomUUID(),
      ref: `V${v + 1}`,
      sex: pick(SEXES),
      age: r() < 0.25 ? null : Math.floor(r() * 70),
      nationality: pick(NATS),
      identifiedOn: r() < 0.6 ? addDays(firDate, Math.floor(r() * 60) - 20) : null,
      vulnerabilities:
        FORMS.length && r() < 0.7
          ? [pick(VULNS), ...(r() < 0.3 ? [pick(VULNS)] : [])].filter((x, k, a) => a.indexOf(x) === k)
          : [],
      residence: r() < 0.7 ? pick(districts).code : null,
    }));
    const transnational = r() < 0.4;
    const route: FCase['route'] =
      r() < 0.8
        ? [
            { kind: 'origin', country: 'PAK', district: pick(districts).code },
            ...(r() < 0.3 ? [{ kind: 'transit' as const, country: pick(['IRN', 'AFG']), district: null }] : []),
            transnational
              ? { kind: 'destination', country: pick(['OMN', 'ARE', 'SAU']), district: null }
              : { kind: 'destination', country: 'PAK', district: pick(districts).code },
          ]
        : [];
    cases.push({
      id: randomUUID(),
      jurisdiction: district.jurisdiction,
      district: district.code,
      family: r() < 0.7 ? 'tip' : r() < 0.67 ? 'som' : 'mixed',
      forms: FORMS.filter(() => r() < 0.3),
      traffickingType: route.length ? (transnational ? 'transnational' : 'internal') : null,
      firDate,
      concludedOn,
      events,
      deleted: r() < 0.05,
      victims,
      defendants,
      route,
    });
  }
  return cases;
}

const statusOf = (c: FCase) => c.events[c.events.length - 1];

export async function insertCases(db: DataSource, cases: FCase[]): Promise<void> {
  const col = <T>(f: (c: FCase) => T) => cases.map(f);
  await db.query(
    `INSERT INTO cases (id, jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date,
                        offence_family, exploitation_forms, trafficking_type, status, status_date, investigation_concluded_on, deleted_at,
                        reporting_agency, reporting_unit_code)
     SELECT id, j, d, 'PS Test', 'pstest', n, extract(year FROM f)::int, f, fam, string_to_array(forms, ','), tt, st, sd, co, CASE WHEN del THEN now() END, agency, unit
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::date[], $6::varchar[], $7::text[], $8::varchar[], $9::varchar[], $10::date[], $11::date[], $12::bool[], $13::varchar[], $14::varchar[])
         AS t(id, j, d, n, f, fam, forms, tt, st, sd, co, del, agency, unit)`,
    [
      col((c) => c.id),
      col((c) => c.jurisdiction),
      col((c) => c.district),
      cases.map(() => randomUUID().slice(0, 8)),
      col((c) => c.firDate),
      col((c) => c.family),
      col((c) => c.forms.join(',')),
      col((c) => c.traffickingType),
      col((c) => statusOf(c).to),
      col((c) => statusOf(c).date),
      col((c) => c.concludedOn),
      col((c) => c.deleted),
      col((c) => unitOf(c).agency),
      col((c) => unitOf(c).code),
    ],
  );
  const events = cases.flatMap((c) =>
    c.events.map((e, i) => ({ c: c.id, from: i ? c.events[i - 1].to : null, to: e.to, date: e.date })),
  );
  await db.query(
    `INSERT INTO case_status_events (case_id, from_status, to_status, status_date) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::date[])`,
    [events.map((e) => e.c), events.map((e) => e.from), events.map((e) => e.to), events.map((e) => e.date)],
  );
  const victims = cases.flatMap((c) => c.victims.map((v) => ({ ...v, caseId: c.id })));
  await db.query(
    `INSERT INTO victims (id, case_id, ref, sex, age, nationality, identified_on, vulnerabilities, residence_district_code)
     SELECT id, c, ref, sex, age, nat, ident, string_to_array(vul, ','), res
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::int[], $6::char(3)[], $7::date[], $8::text[], $9::varchar[])
         AS t(id, c, ref, sex, age, nat, ident, vul, res)`,
    [
      victims.map((v) => v.id),
      victims.map((v) => v.caseId),
      victims.map((v) => v.ref),
      victims.map((v) => v.sex),
      victims.map((v) => v.age),
      victims.map((v) => v.nationality),
      victims.map((v) => v.identifiedOn),
      victims.map((v) => v.vulnerabilities.join(',')),
      victims.map((v) => v.residence),
    ],
  );
  const defendants = cases.flatMap((c) => c.defendants.map((d) => ({ ...d, caseId: c.id })));
  await db.query(
    `INSERT INTO defendants (id, case_id, ref, sex, age, nationality, cnic_hash)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::int[], $6::char(3)[], $7::varchar[])`,
    [
      defendants.map((d) => d.id),
      defendants.map((d) => d.caseId),
      defendants.map((d) => d.ref),
      defendants.map((d) => d.sex),
      defendants.map((d) => d.age),
      defendants.map((d) => d.nationality),
      defendants.map((d) => d.cnicHash),
    ],
  );
  const prosecuted = defendants.filter((d) => d.prosecution);
  await db.query(
    `INSERT INTO prosecutions (id, case_id, defendant_id, prosecution_date, outcome, outcome_date)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::varchar[], $6::date[])`,
    [
      prosecuted.map((d) => d.prosecution!.id),
      prosecuted.map((d) => d.caseId),
      prosecuted.map((d) => d.id),
      prosecuted.map((d) => d.prosecution!.date),
      prosecuted.map((d) => d.prosecution!.outcome),
      prosecuted.map((d) => d.prosecution!.outcomeDate),
    ],
  );
  const convicted = prosecuted.filter((d) => d.prosecution!.outcome === 'convicted');
  await db.query(
    `INSERT INTO convictions (prosecution_id, judgment_date) SELECT * FROM unnest($1::uuid[], $2::date[])`,
    [convicted.map((d) => d.prosecution!.id), convicted.map((d) => d.prosecution!.outcomeDate)],
  );
  const points = cases.flatMap((c) => c.route.map((p, i) => ({ ...p, caseId: c.id, position: i })));
  await db.query(
    `INSERT INTO route_points (case_id, position, kind, country_code, district_code) SELECT * FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::char(3)[], $5::varchar[])`,
    [
      points.map((p) => p.caseId),
      points.map((p) => p.position),
      points.map((p) => p.kind),
      points.map((p) => p.country),
      points.map((p) => p.district),
    ],
  );
}

/*
 * The expected figures of the statistics tests, computed from the fixture objects in plain TypeScript,
 * following DESIGN §2 in words — never by the SQL under test.
 */
export interface Filter {
  from: string;
  to: string;
  jurisdiction?: string;
  offenceFamily?: 'tip' | 'som' | 'mixed' | 'all';
}

export const inPeriod = (d: string | null, f: Filter) => d !== null && d >= f.from && d <= f.to;
export const selected = (cases: FCase[], f: Filter) =>
  cases.filter(
    (c) =>
      !c.deleted &&
      (!f.jurisdiction || c.jurisdiction === f.jurisdiction) &&
      ((f.offenceFamily ?? 'tip') === 'all' || c.family === (f.offenceFamily ?? 'tip')),
  );
export const ageBand = (age: number | null) =>
  age === null
    ? 'unknown'
    : age < 12
      ? '0-11'
      : age < 18
        ? '12-17'
        : age <= 25
          ? '18-25'
          : age <= 40
            ? '26-40'
            : age <= 60
              ? '41-60'
              : '61+';
export const ageGroup = (age: number | null) => (age === null ? 'unknown' : age < 18 ? 'child' : 'adult');

export function expectedFigures(cases: FCase[], f: Filter) {
  const cs = selected(cases, f);
  const registered = cs.filter((c) => inPeriod(c.firDate, f));
  const prosecutions = cs.flatMap((c) =>
    c.defendants.filter((d) => d.prosecution && inPeriod(d.prosecution.date, f)).map((d) => ({ c, d })),
  );
  const convictions = cs.flatMap((c) =>
    c.defendants
      .filter((d) => d.prosecution?.outcome === 'convicted' && inPeriod(d.prosecution.outcomeDate, f))
      .map((d) => ({ c, d })),
  );
  return {
    casesRegistered: registered.length,
    casesInvestigated: cs.filter((c) => c.firDate <= f.to && (c.concludedOn === null || c.concludedOn >= f.from))
      .length,
    prosecutions: { persons: prosecutions.length, cases: new Set(prosecutions.map((p) => p.c.id)).size },
    convictions: { persons: convictions.length, cases: new Set(convictions.map((p) => p.c.id)).size },
    victimsIdentified: cs.flatMap((c) => c.victims.filter((v) => inPeriod(v.identifiedOn ?? c.firDate, f))).length,
    suspects: registered.reduce((n, c) => n + c.defendants.length, 0),
  };
}

export function statusAt(c: FCase, date: string): string {
  const before = c.events.filter((e) => e.date <= date);
  return before.length ? before[before.length - 1].to : 'registered';
}

export function demographics(
  cases: FCase[],
  f: Filter,
  population: 'victims' | 'defendants',
  scope: 'prosecuted' | 'all',
) {
  const cs = selected(cases, f).filter((c) =>
    scope === 'all'
      ? inPeriod(c.firDate, f)
      : c.defendants.some((d) => d.prosecution && inPeriod(d.prosecution.date, f)),
  );
  const counts = new Map<string, number>();
  for (const p of cs.flatMap((c): FPerson[] => (population === 'victims' ? c.victims : c.defendants))) {
    const key = [p.sex, ageGroup(p.age), ageBand(p.age), p.nationality ?? 'UNK'].join('|');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The statistics' eight parameters for a period's trafficking figures, national, with no other filter. */
export const nationalTip = (period: { from: string; to: string }) => [
  period.from,
  period.to,
  null,
  null,
  ['tip'],
  null,
  null,
  null,
];
