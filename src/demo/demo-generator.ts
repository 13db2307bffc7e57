import { playLifecycle } from 'src/demo/case-lifecycle';
import { addDays } from 'src/demo/demo-dates';
import { DemoCase, DemoDataSet, DemoDefendant, DemoDistrict, DemoVictim } from 'src/demo/demo-data';
import { AccusedRegistry, makeVictim, VictimContext, victimCount } from 'src/demo/demo-people';
import {
  ACCUSED_NATIONALITY,
  ACCUSED_SEX,
  AGENCY_ABROAD,
  AGENCY_HOME,
  DEFENDANT_COUNTS,
  DISTRICT_WEIGHTS,
  INTERNAL_FORMS,
  JURISDICTION_SHARES,
  OFFENCE_FAMILIES,
  RECRUITER_SEX,
  SECTIONS_BY_FORM,
  STATION_NAMES,
  TRANSNATIONAL_FORMS,
  TRANSNATIONAL_SHARE,
  Weights,
  YEARS,
} from 'src/demo/demo-patterns';
import { DemoRandom } from 'src/demo/demo-random';
import { caseRoute } from 'src/demo/demo-routes';
import { DistrictPicker } from 'src/demo/district-picker';
import { OffenceFamily } from 'src/reference/code-lists';

/** The seed of the data set `npm run demo` loads. */
export const DEMO_SEED = 2018;

/** Written on every demonstration case (the remarks field). */
export const DEMO_REMARK = 'Demonstration data: a synthetic case, not a real FIR.';

export interface DemoOptions {
  readonly seed?: number;
  /** How many cases (about 3,000 for the demo; fewer in tests). */
  readonly cases: number;
  /** The districts of the reference tables: every case is in one of them. */
  readonly districts: readonly DemoDistrict[];
}

/**
 * Makes the demonstration data set: the same seed and districts give the same cases, in the
 * same order, every time. Cases are spread over the jurisdictions by their shares (exactly,
 * so a small set still has every jurisdiction) and over 2023–2025.
 */
export function generateDemoData(options: DemoOptions): DemoDataSet {
  const seed = options.seed ?? DEMO_SEED;
  const random = new DemoRandom(seed);
  const places = new DistrictPicker(options.districts);
  const accused = new AccusedRegistry(random);
  const jurisdictions = random.shuffle(allot(options.cases, JURISDICTION_SHARES));
  const drafts = jurisdictions.map((jurisdiction) => makeCase(random, places, accused, jurisdiction));
  // FIR numbers run in date order within each jurisdiction and year, as police stations number them
  const order = drafts.map((c, i) => ({ c, i })).sort((a, b) => a.c.firDate.localeCompare(b.c.firDate) || a.i - b.i);
  const sequence = new Map<string, number>();
  const numbered = new Map<number, DemoCase>();
  for (const { c, i } of order) {
    const key = `${c.jurisdiction}/${c.firYear}`;
    const n = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, n);
    numbered.set(i, { ...c, firNumber: `DEMO-${String(n).padStart(4, '0')}` });
  }
  return { seed, cases: drafts.map((_, i) => numbered.get(i)!) };
}

/** `n` items shared out by weight, largest remainders first: the shares hold exactly. */
function allot<T>(n: number, shares: Weights<T>): T[] {
  const total = shares.reduce((sum, [, w]) => sum + w, 0);
  const exact = shares.map(([item, w]) => ({ item, exact: (n * w) / total }));
  const counts = exact.map((e) => Math.floor(e.exact));
  let left = n - counts.reduce((a, b) => a + b, 0);
  for (const i of exact.map((e, i) => i).sort((a, b) => (exact[b].exact % 1) - (exact[a].exact % 1) || a - b)) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  return exact.flatMap((e, i) => new Array<T>(counts[i]).fill(e.item));
}

function makeCase(
  random: DemoRandom,
  places: DistrictPicker,
  registry: AccusedRegistry,
  jurisdiction: string,
): DemoCase {
  const home = places.in(random, jurisdiction);
  const year = random.weighted(YEARS);
  const firDate = addDays(`${year}-01-01`, random.int(0, year % 4 === 0 ? 365 : 364));
  const family: OffenceFamily = random.weighted(OFFENCE_FAMILIES);
  const transnational = family !== 'tip' || random.chance(TRANSNATIONAL_SHARE[jurisdiction] ?? 0.25);
  const forms = family === 'som' ? [] : caseForms(random, transnational, family);
  const form = forms[0] ?? 'none';
  const inbound =
    family === 'tip' &&
    transnational &&
    INBOUND_FORMS.has(form) &&
    random.chance(jurisdiction === 'PK-KP' || jurisdiction === 'PK-BA' ? 0.3 : 0.12);

  const { route, origin, foreignOrigin } = caseRoute(random, places, {
    jurisdiction,
    home,
    family,
    form,
    transnational,
    inbound,
  });

  const context: VictimContext = {
    jurisdiction,
    firDate,
    form,
    forms,
    homeDistrict: home.code,
    originDistrict: origin?.code ?? null,
    foreignOrigin,
    abroad: transnational && !inbound,
  };
  const victims: DemoVictim[] = Array.from({ length: victimCount(random, form) }, (_, i) =>
    makeVictim(random, context, i),
  );

  const agency = random.weighted(transnational ? AGENCY_ABROAD : AGENCY_HOME);
  const stations = STATION_NAMES.slice(
    0,
    Math.min(STATION_NAMES.length, 2 + Math.round(2 * (DISTRICT_WEIGHTS[home.name] ?? 1))),
  );
  const policeStation =
    agency === 'fia' ? 'FIA Anti-Human Trafficking Circle (demo)' : `PS ${random.pick(stations)} (demo)`;

  // smuggling networks have one more
  const defendantCount = random.weighted(DEFENDANT_COUNTS) + (family === 'tip' ? 0 : 1);
  const groupName = defendantCount >= 3 && random.chance(0.35) ? `Demo network ${random.int(1, 40)}` : null;
  const lawSections = sections(random, family, forms, victims, groupName !== null, inbound);
  const life = playLifecycle(random, {
    firDate,
    defendants: defendantCount,
    charges: lawSections,
    court: `Sessions Court ${home.name} (demo)`,
  });
  const sexes = form === 'sexual_exploitation' || form === 'domestic_servitude' ? RECRUITER_SEX : ACCUSED_SEX;
  const defendants: DemoDefendant[] = life.prosecutions.map((prosecution, i) => {
    const person = registry.next(jurisdiction, sexes);
    return {
      ref: `D${i + 1}`,
      name: random.chance(life.status === 'untraced' ? 0.5 : 0.08) ? null : person.name,
      cnic: person.cnic,
      sex: person.sex,
      age: person.age,
      nationality: foreignOrigin && random.chance(0.4) ? foreignOrigin : random.weighted(ACCUSED_NATIONALITY),
      role: random.weighted(i === 0 ? (transnational ? FIRST_ROLE_ABROAD : FIRST_ROLE_HOME) : OTHER_ROLES),
      custodyStatus: life.custody[i],
      groupName,
      prosecution,
    };
  });

  return {
    jurisdiction,
    district: home.code,
    policeStation,
    reportingAgency: agency,
    firNumber: '',
    firYear: year,
    firDate,
    offenceFamily: family,
    lawSections,
    traffickingType: transnational ? 'transnational' : 'internal',
    exploitationForms: forms,
    route,
    status: life.status,
    statusDate: life.statusDate,
    investigationConcludedOn: life.investigationConcludedOn,
    remarks: DEMO_REMARK,
    history: life.history,
    victims,
    defendants,
  };
}

const INBOUND_FORMS = new Set(['sexual_exploitation', 'domestic_servitude', 'forced_labour', 'forced_begging']);

/** The case's forms: one, sometimes with a second that goes with it. */
function caseForms(random: DemoRandom, transnational: boolean, family: OffenceFamily): string[] {
  const first =
    family === 'mixed'
      ? random.weighted([
          ['forced_labour', 0.6],
          ['sexual_exploitation', 0.25],
          ['domestic_servitude', 0.15],
        ])
      : random.weighted(transnational ? TRANSNATIONAL_FORMS : INTERNAL_FORMS);
  const companion = COMPANIONS[first];
  return companion && random.chance(0.3) ? [first, companion] : [first];
}

const COMPANIONS: Readonly<Record<string, string>> = {
  bonded_labour: 'forced_labour',
  domestic_servitude: 'child_labour',
  forced_begging: 'child_labour',
  sexual_exploitation: 'forced_marriage',
  forced_labour: 'bonded_labour',
};

/** The law sections a case cites: PTPA 3 (and the special laws of its forms) for trafficking, PSMA 3 for smuggling. */
function sections(
  random: DemoRandom,
  family: OffenceFamily,
  forms: string[],
  victims: DemoVictim[],
  organised: boolean,
  inbound: boolean,
): string[] {
  const cited: string[] = [];
  if (family !== 'som') {
    cited.push('PTPA-3');
    const child = victims.some((v) => v.age !== null && v.age < 18);
    if (child && random.chance(0.5)) cited.push('PTPA-4');
    if (organised) cited.push('PTPA-5');
    for (const form of forms) {
      const special = SECTIONS_BY_FORM[form] ?? [];
      if (special.length && random.chance(0.7)) cited.push(random.pick(special));
    }
    const minorGirl = victims.some((v) => v.sex === 'female' && v.age !== null && v.age < 18);
    if (forms.includes('sexual_exploitation') && minorGirl && random.chance(0.4)) cited.push('PPC-366A');
    if (inbound && victims.some((v) => v.sex === 'female') && random.chance(0.4)) cited.push('PPC-366B');
  }
  if (family !== 'tip') {
    cited.push('PSMA-3');
    if (random.chance(0.4)) cited.push('PSMA-5');
    if (random.chance(0.1)) cited.push('PSMA-4');
    if (random.chance(0.3)) cited.push('EO-17');
  }
  return [...new Set(cited)];
}

const FIRST_ROLE_HOME: Weights<string> = [
  ['recruiter', 0.4],
  ['exploiter', 0.35],
  ['harbourer_receiver', 0.1],
  ['transporter', 0.1],
  ['other', 0.05],
];
const FIRST_ROLE_ABROAD: Weights<string> = [
  ['agent_intermediary', 0.4],
  ['recruiter', 0.35],
  ['document_forger', 0.1],
  ['transporter', 0.1],
  ['financier', 0.05],
];
const OTHER_ROLES: Weights<string> = [
  ['recruiter', 0.2],
  ['transporter', 0.2],
  ['harbourer_receiver', 0.15],
  ['exploiter', 0.2],
  ['financier', 0.07],
  ['document_forger', 0.06],
  ['agent_intermediary', 0.08],
  ['public_official', 0.015],
  ['other', 0.025],
];
