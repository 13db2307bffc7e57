import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { firYearProblems, resolveDistrict, resolveRoute } from 'src/cases/case-input';
import { CaseFacts, consistencyProblems, transitionProblem } from 'src/cases/case-rules';
import { CaseRecord } from 'src/cases/case.entity';
import { CreateCaseDto } from 'src/cases/dto/case.dto';
import { FieldProblem } from 'src/common/errors/domain-error';
import { normaliseCnic } from 'src/common/cnic';
import { CreateDefendantDto } from 'src/defendants/dto/defendant.dto';
import { DemoCase, DemoDataSet, DemoDistrict } from 'src/demo/demo-data';
import { generateDemoData } from 'src/demo/demo-generator';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';
import { ConvictionDto, CreateProsecutionDto } from 'src/prosecutions/dto/prosecution.dto';
import { CreateVictimDto } from 'src/victims/dto/victim.dto';

/** The districts the reference seed writes, read from its own files. */
function seededDistricts(): DemoDistrict[] {
  const rows = (file: string) =>
    readFileSync(join(__dirname, '../../seeds/data', file), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
  const iso = new Map(rows('pk_adm1_iso3166_2_crosswalk.csv').map((r) => [r[0], r[2]]));
  return rows('pk_districts_ocha_pcodes.csv').map((r) => ({ code: r[3], jurisdiction: iso.get(r[1])!, name: r[4] }));
}

const districts = seededDistricts();
const hashOf = (data: DemoDataSet) => createHash('sha256').update(JSON.stringify(data)).digest('hex');
/** Any day after the data set's last: nothing generated may be in the future. */
const TODAY = '2026-01-01';

function validationErrors(dto: new () => object, body: object): string[] {
  return validateSync(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true }).map(
    (e) => `${e.property}: ${JSON.stringify(e.constraints)}`,
  );
}

/** Every problem the API's DTOs, the case rules and the field checks find in one generated case. */
function problemsOf(c: DemoCase, lookup: DistrictLookup): string[] {
  const problems: string[] = [];
  const fields: FieldProblem[] = [];
  const body = {
    jurisdiction: c.jurisdiction,
    district: c.district,
    policeStation: c.policeStation,
    reportingAgency: c.reportingAgency,
    firNumber: c.firNumber,
    firYear: c.firYear,
    firDate: c.firDate,
    offenceFamily: c.offenceFamily,
    lawSections: c.lawSections,
    traffickingType: c.traffickingType,
    exploitationForms: c.exploitationForms,
    route: c.route.map((p) => ({
      kind: p.kind,
      country: p.country,
      ...(p.district ? { district: p.district } : {}),
      ...(p.place ? { place: p.place } : {}),
    })),
    status: c.status,
    statusDate: c.statusDate,
    investigationConcludedOn: c.investigationConcludedOn,
    remarks: c.remarks,
  };
  problems.push(...validationErrors(CreateCaseDto, body));
  resolveDistrict(lookup, c.jurisdiction, c.district, fields);
  resolveRoute(lookup, new Set(c.route.map((p) => p.country)), body.route, fields);
  firYearProblems({ firDate: c.firDate, firYear: c.firYear } as CaseRecord, fields);

  for (const v of c.victims) {
    const { residenceDistrict, ...rest } = v;
    problems.push(
      ...validationErrors(CreateVictimDto, { ...rest, ...(residenceDistrict ? { residenceDistrict } : {}) }).map(
        (e) => `${v.ref} ${e}`,
      ),
    );
    if (residenceDistrict && !lookup.find(residenceDistrict)) problems.push(`${v.ref}: unknown residence district`);
    if (v.identifiedOn && v.identifiedOn > TODAY) problems.push(`${v.ref}: identified in the future`);
  }
  const facts: CaseFacts = {
    firDate: c.firDate,
    status: c.status,
    statusDate: c.statusDate,
    investigationConcludedOn: c.investigationConcludedOn,
    prosecutions: c.defendants.flatMap((d) =>
      d.prosecution
        ? [
            {
              label: d.ref,
              prosecutionDate: d.prosecution.prosecutionDate,
              outcome: d.prosecution.outcome,
              outcomeDate: d.prosecution.outcomeDate,
              appealStatus: d.prosecution.conviction?.appealStatus ?? null,
            },
          ]
        : [],
    ),
  };
  for (const d of c.defendants) {
    const { prosecution: p, ...defendant } = d;
    problems.push(...validationErrors(CreateDefendantDto, defendant).map((e) => `${d.ref} ${e}`));
    if (d.cnic !== null && normaliseCnic(d.cnic) === null) problems.push(`${d.ref}: malformed CNIC`);
    if (!p) continue;
    const { conviction, outcome, ...prosecution } = p;
    const body = { defendantId: '00000000-0000-4000-8000-000000000000', ...prosecution };
    // a conviction is recorded through its own route, which sets the outcome
    problems.push(
      ...validationErrors(CreateProsecutionDto, outcome === 'convicted' ? body : { ...body, outcome }).map(
        (e) => `${d.ref} ${e}`,
      ),
    );
    if ((outcome === 'pending') !== (p.outcomeDate === null)) problems.push(`${d.ref}: outcome date and outcome`);
    if ((outcome === 'convicted') !== (conviction !== null)) problems.push(`${d.ref}: conviction and outcome`);
    if (conviction) {
      problems.push(...validationErrors(ConvictionDto, conviction).map((e) => `${d.ref} ${e}`));
      if (conviction.judgmentDate !== p.outcomeDate) problems.push(`${d.ref}: judgment date is not the outcome date`);
    }
  }
  fields.push(...consistencyProblems(facts, TODAY));

  const [first, ...moves] = c.history;
  if (first.from !== null || first.to !== 'registered' || first.date !== c.firDate)
    problems.push('history: not registered on the FIR date');
  let previous = first;
  for (const move of moves) {
    if (move.from !== previous.to) problems.push(`history: ${move.from} does not follow ${previous.to}`);
    if (move.date < previous.date) problems.push(`history: ${move.to} dated before ${previous.to}`);
    const problem = transitionProblem(previous.to, move.to, previous.date, facts);
    if (problem) problems.push(`history: ${problem}`);
    previous = move;
  }
  if (previous.to !== c.status || previous.date !== c.statusDate) problems.push('history: does not end at the status');
  return [...problems, ...fields.map((f) => `${f.field}: ${f.code} ${f.message}`)];
}

describe('the demonstration data set', () => {
  const data = generateDemoData({ cases: 3000, districts });
  const victims = data.cases.flatMap((c) => c.victims);
  const defendants = data.cases.flatMap((c) => c.defendants);

  it('is the same for the same seed and size, and another for another seed', () => {
    const again = generateDemoData({ cases: 3000, districts });
    expect(hashOf(again)).toBe(hashOf(data));
    expect(hashOf(generateDemoData({ cases: 3000, districts, seed: 7 }))).not.toBe(hashOf(data));
    // the order of the reference rows does not matter
    expect(hashOf(generateDemoData({ cases: 3000, districts: [...districts].reverse() }))).toBe(hashOf(data));
    expect(generateDemoData({ cases: 250, districts }).cases).toHaveLength(250);
  });

  it('passes the checks the API applies to every case, victim, defendant, prosecution and conviction', () => {
    const lookup = new DistrictLookup(
      districts.map((d) => ({ code: d.code, jurisdiction_code: d.jurisdiction, name: d.name, alias_key: null })),
    );
    const failing = data.cases
      .map((c) => ({ fir: `${c.jurisdiction} ${c.firNumber}/${c.firYear}`, problems: problemsOf(c, lookup) }))
      .filter((c) => c.problems.length);
    expect(failing.slice(0, 5)).toEqual([]);
  });

  it('has unique natural keys and refs, and is marked as demonstration data', () => {
    const keys = new Set(
      data.cases.map((c) => `${c.jurisdiction}|${c.district}|${c.policeStation}|${c.firNumber}|${c.firYear}`),
    );
    expect(keys.size).toBe(data.cases.length);
    for (const c of data.cases) {
      expect(new Set(c.victims.map((v) => v.ref)).size).toBe(c.victims.length);
      expect(new Set(c.defendants.map((d) => d.ref)).size).toBe(c.defendants.length);
      expect(c.remarks).toMatch(/^Demonstration data/);
      expect(c.policeStation).toMatch(/\(demo\)$/);
    }
    expect(defendants.filter((d) => d.name !== null).every((d) => /^Demo Defendant \d+$/.test(d.name!))).toBe(true);
    expect(defendants.filter((d) => d.cnic !== null).every((d) => d.cnic!.startsWith('00000-'))).toBe(true);
  });

  it('covers every jurisdiction by its share and three whole years', () => {
    const perJurisdiction = new Map<string, number>();
    for (const c of data.cases) perJurisdiction.set(c.jurisdiction, (perJurisdiction.get(c.jurisdiction) ?? 0) + 1);
    expect(Object.fromEntries(perJurisdiction)).toEqual({
      'PK-PB': 1560,
      'PK-SD': 660,
      'PK-KP': 420,
      'PK-BA': 150,
      'PK-IS': 90,
      'PK-JK': 75,
      'PK-GB': 45,
    });
    expect(new Set(data.cases.map((c) => c.firYear))).toEqual(new Set([2023, 2024, 2025]));
    expect(data.cases.every((c) => c.firDate >= '2023-01-01' && c.statusDate <= '2025-12-31')).toBe(true);
    // many districts, not a handful
    expect(new Set(data.cases.map((c) => c.district)).size).toBeGreaterThan(120);
  });

  it('looks like the cases Pakistan reports: children, exploitation forms, routes and attrition', () => {
    const aged = victims.filter((v) => v.age !== null);
    const childShare = aged.filter((v) => v.age! < 18).length / aged.length;
    expect(childShare).toBeGreaterThan(0.35);
    expect(childShare).toBeLessThan(0.47);
    const forms = new Set(data.cases.flatMap((c) => c.exploitationForms));
    for (const form of [
      'bonded_labour',
      'domestic_servitude',
      'sexual_exploitation',
      'forced_marriage',
      'forced_begging',
    ])
      expect(forms).toContain(form);
    const organRemoval = data.cases.filter((c) => c.exploitationForms.includes('organ_removal')).length;
    expect(organRemoval).toBeGreaterThan(0);
    expect(organRemoval).toBeLessThan(data.cases.length * 0.02);
    expect(data.cases.some((c) => c.route.some((p) => p.place === 'Brick kiln'))).toBe(true);

    const path = (c: DemoCase) => c.route.map((p) => p.country).join('>');
    const internal = data.cases.filter((c) => c.traffickingType === 'internal');
    expect(internal.length).toBeGreaterThan(data.cases.length / 2);
    expect(internal.every((c) => c.route.every((p) => p.country === 'PAK' && p.district))).toBe(true);
    const paths = new Set(data.cases.map(path));
    for (const p of ['PAK>SAU', 'PAK>ARE', 'PAK>OMN', 'PAK>QAT', 'PAK>IRN>TUR>GRC', 'AFG>PAK', 'PAK>AFG'])
      expect(paths).toContain(p);

    const prosecuted = data.cases.filter((c) => c.defendants.some((d) => d.prosecution)).length;
    const convicted = data.cases.filter((c) => c.defendants.some((d) => d.prosecution?.conviction)).length;
    expect(prosecuted).toBeLessThan(data.cases.length * 0.6);
    expect(convicted).toBeLessThan(prosecuted / 3);
    expect(convicted).toBeGreaterThan(0);
    const statuses = new Set(data.cases.map((c) => c.status));
    for (const status of ['under_investigation', 'under_trial', 'convicted', 'acquitted', 'cancelled', 'untraced'])
      expect(statuses).toContain(status);
    // some of the accused are accused again (repeat offenders, linked by CNIC)
    const cnics = defendants.flatMap((d) => (d.cnic ? [d.cnic] : []));
    expect(new Set(cnics).size).toBeLessThan(cnics.length);
  });
});
