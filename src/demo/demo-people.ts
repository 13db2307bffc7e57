import { addDays, earlier } from 'src/demo/demo-dates';
import { DemoVictim } from 'src/demo/demo-data';
import { DemoRandom } from 'src/demo/demo-random';
import { CHILD_SHARE, LAST_DAY, VICTIM_SEX, Weights } from 'src/demo/demo-patterns';
import { Referral, Sex, VULNERABILITIES } from 'src/reference/code-lists';

/** What the victims of a case share: how and where they were exploited. */
export interface VictimContext {
  readonly jurisdiction: string;
  readonly firDate: string;
  /** The case's first exploitation form; 'none' for smuggling. */
  readonly form: string;
  readonly forms: string[];
  readonly homeDistrict: string;
  /** The route's origin in Pakistan, if any (where the victims lived). */
  readonly originDistrict: string | null;
  /** Victims brought into Pakistan: their country. */
  readonly foreignOrigin: string | null;
  /** Taken out of Pakistan (they may have come back). */
  readonly abroad: boolean;
}

const LABOUR = new Set(['forced_labour', 'bonded_labour', 'child_labour', 'forced_criminality']);

/** How many victims a case has: mostly one, bonded-labour families and smuggled groups more. */
export function victimCount(random: DemoRandom, form: string): number {
  if (form === 'bonded_labour')
    return random.weighted([
      [1, 0.3],
      [2, 0.15],
      [3, 0.15],
      [random.int(4, 12), 0.4],
    ]);
  if (form === 'none')
    return random.weighted([
      [1, 0.35],
      [2, 0.2],
      [random.int(3, 9), 0.45],
    ]);
  return random.weighted([
    [1, 0.6],
    [2, 0.18],
    [3, 0.1],
    [random.int(4, 7), 0.12],
  ]);
}

export function makeVictim(random: DemoRandom, ctx: VictimContext, index: number): DemoVictim {
  const child = random.chance(CHILD_SHARE[ctx.form] ?? 0.3);
  const age = random.chance(0.04) ? null : child ? childAge(random, ctx.form) : adultAge(random);
  const sexes: Weights<Sex> = VICTIM_SEX[ctx.form] ?? (LABOUR.has(ctx.form) ? VICTIM_SEX.labour : VICTIM_SEX.other);
  const sex = random.weighted(age !== null && age < 16 ? sexes.filter(([s]) => s !== 'transgender') : sexes);
  const foreign = ctx.foreignOrigin && random.chance(0.9) ? ctx.foreignOrigin : null;
  const afghanShare = ctx.jurisdiction === 'PK-KP' || ctx.jurisdiction === 'PK-BA' ? 0.08 : 0.02;
  const nationality =
    foreign ??
    random.weighted<string | null>([
      ['PAK', 0.99 - afghanShare],
      ['AFG', afghanShare],
      [null, 0.01],
    ]);
  const identified = random.weighted<string | null>([
    [ctx.firDate, 0.62],
    [earlier(addDays(ctx.firDate, random.int(1, 10)), LAST_DAY), 0.23],
    [null, 0.15],
  ]);
  return {
    ref: `V${index + 1}`,
    sex,
    age,
    ageEstimated: age !== null && random.chance(0.18),
    nationality,
    residenceDistrict: nationality === 'PAK' ? (ctx.originDistrict ?? ctx.homeDistrict) : null,
    residenceCountry: nationality,
    exploitationForms: ctx.forms,
    vulnerabilities: vulnerabilities(random, ctx, { age, sex, nationality }),
    identifiedOn: identified,
    referredTo: referral(random, ctx.form, age),
    repatriated: ctx.abroad
      ? random.weighted<boolean | null>([
          [true, 0.6],
          [false, 0.2],
          [null, 0.2],
        ])
      : foreign
        ? random.weighted<boolean | null>([
            [true, 0.3],
            [false, 0.5],
            [null, 0.2],
          ])
        : null,
  };
}

/** Children's ages lean to the teens; younger for begging and child labour. */
function childAge(random: DemoRandom, form: string): number {
  if (form === 'forced_marriage' || form === 'armed_group_recruitment') return random.int(12, 17);
  if (form === 'forced_begging' || form === 'child_labour') return random.int(5, 15);
  return 17 - Math.floor(random.next() ** 1.5 * 13);
}

function adultAge(random: DemoRandom): number {
  return 18 + Math.floor(random.next() ** 1.7 * 45);
}

function referral(random: DemoRandom, form: string, age: number | null): Referral | null {
  if (form === 'none')
    return random.weighted<Referral | null>([
      ['none', 0.6],
      [null, 0.4],
    ]);
  const child = age !== null && age < 18;
  return random.weighted<Referral | null>(
    child
      ? [
          ['shelter', 0.55],
          ['ngo', 0.25],
          ['none', 0.1],
          [null, 0.1],
        ]
      : [
          ['shelter', 0.2],
          ['ngo', 0.25],
          ['none', 0.45],
          [null, 0.1],
        ],
  );
}

function vulnerabilities(
  random: DemoRandom,
  ctx: VictimContext,
  person: { age: number | null; sex: Sex; nationality: string | null },
): string[] {
  const child = person.age !== null && person.age < 18;
  const bonded = ctx.form === 'bonded_labour';
  const found = new Set<string>();
  const maybe = (code: string, probability: number) => random.chance(probability) && found.add(code);
  if (child) found.add('child');
  maybe('poverty_debt', bonded ? 0.9 : 0.5);
  maybe('illiteracy', 0.35);
  if (!child) maybe('unemployment', 0.3);
  if (child) maybe('orphan_street_connected', ctx.form === 'forced_begging' ? 0.4 : 0.05);
  if (person.nationality && person.nationality !== 'PAK') found.add('migrant_refugee');
  maybe('religious_minority', bonded ? 0.25 : 0.06);
  if (person.sex === 'transgender') found.add('transgender');
  if (bonded) maybe('bonded_labour_family', 0.85);
  maybe('displacement_disaster', ctx.jurisdiction === 'PK-SD' || ctx.jurisdiction === 'PK-BA' ? 0.06 : 0.02);
  maybe('disability', 0.03);
  return VULNERABILITIES.map((v) => v.code).filter((code) => found.has(code));
}

/** A person accused in the demonstration cases: some are accused again in later cases (linked by CNIC). */
interface Accused {
  readonly number: number;
  readonly name: string;
  readonly cnic: string | null;
  readonly sex: Sex;
  readonly age: number | null;
  readonly jurisdiction: string;
}

/** Numbers the accused and keeps those with a CNIC, so that a few are accused again (repeat offenders). */
export class AccusedRegistry {
  private count = 0;
  private readonly known: Accused[] = [];

  constructor(private readonly random: DemoRandom) {}

  /** A new person, or (about one in thirty) one accused before, preferably in the same jurisdiction. */
  next(jurisdiction: string, sexes: Weights<Sex>): Accused {
    const random = this.random;
    if (this.known.length > 20 && random.chance(0.03)) {
      const local = this.known.filter((a) => a.jurisdiction === jurisdiction);
      return random.pick(local.length && random.chance(0.8) ? local : this.known);
    }
    const number = ++this.count;
    const accused: Accused = {
      number,
      name: `Demo Defendant ${number}`,
      // 00000 begins no real CNIC
      cnic: random.chance(0.6) ? `00000-${String(number).padStart(7, '0')}-${number % 10}` : null,
      sex: random.weighted(sexes),
      age: random.chance(0.1) ? null : random.int(20, 62),
      jurisdiction,
    };
    if (accused.cnic) this.known.push(accused);
    return accused;
  }
}
