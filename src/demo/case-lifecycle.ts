import { addDays, daysBetween } from 'src/demo/demo-dates';
import { DemoConviction, DemoProsecution, DemoStatusEvent } from 'src/demo/demo-data';
import { DemoRandom } from 'src/demo/demo-random';
import { DISPOSALS, LAST_DAY } from 'src/demo/demo-patterns';
import { AppealStatus, CaseStatus, CustodyStatus, ProsecutionOutcome } from 'src/reference/code-lists';

/** What happened to a case up to LAST_DAY: its dated statuses, its prosecutions and where its defendants are. */
export interface Lifecycle {
  readonly status: CaseStatus;
  readonly statusDate: string;
  readonly investigationConcludedOn: string | null;
  readonly history: DemoStatusEvent[];
  /** One per defendant, in order: null for a defendant not sent to court. */
  readonly prosecutions: Array<DemoProsecution | null>;
  readonly custody: CustodyStatus[];
}

export interface LifecycleInput {
  readonly firDate: string;
  readonly defendants: number;
  readonly charges: string[];
  readonly court: string;
}

/**
 * Plays a case forward from its FIR: an investigation of a few weeks to several months,
 * ending in a challan (about half), a cancellation, an untraced report, a transfer or
 * another closure; a challan leads to a trial of a year or more, most ending in acquittal.
 * Whatever has not happened by LAST_DAY is still pending. Every move is one the case rules
 * allow, dated in order.
 */
export function playLifecycle(random: DemoRandom, input: LifecycleInput): Lifecycle {
  const history: DemoStatusEvent[] = [{ from: null, to: 'registered', date: input.firDate }];
  let status: CaseStatus = 'registered';
  let statusDate = input.firDate;
  const move = (to: CaseStatus, date: string) => {
    history.push({ from: status, to, date });
    status = to;
    statusDate = date;
  };
  const n = input.defendants;
  const prosecutions: Array<DemoProsecution | null> = new Array<DemoProsecution | null>(n).fill(null);
  const custodyOf = (weights: ReadonlyArray<readonly [CustodyStatus, number]>) =>
    Array.from({ length: n }, () => random.weighted(weights));
  const result = (custody: CustodyStatus[], concluded: string | null = null): Lifecycle => ({
    status,
    statusDate,
    investigationConcludedOn: concluded,
    history,
    prosecutions,
    custody,
  });

  if (daysBetween(input.firDate, LAST_DAY) < 3 && random.chance(0.6)) return result(custodyOf(INVESTIGATING));
  move('under_investigation', addDays(input.firDate, Math.min(random.int(0, 2), daysBetween(input.firDate, LAST_DAY))));
  const concluded = addDays(input.firDate, 12 + random.wait(80));
  if (concluded > LAST_DAY) return result(custodyOf(INVESTIGATING));

  const disposal = random.weighted(DISPOSALS);
  if (disposal === 'transferred' || disposal === 'closed_other') {
    move(disposal, concluded);
    return result(
      custodyOf([
        ['suspect', 0.5],
        ['released', 0.5],
      ]),
    );
  }
  move(disposal, concluded);
  if (disposal === 'cancelled')
    return result(
      custodyOf([
        ['released', 0.8],
        ['suspect', 0.2],
      ]),
      concluded,
    );
  if (disposal === 'untraced') return result(custodyOf(NOT_TRACED), concluded);

  // challan: some of the accused are sent to court, all on the same day and tried together
  const sent = Array.from({ length: n }, () => random.chance(0.78));
  if (!sent.includes(true)) sent[0] = true;
  const custody = sent.map((inCourt) => random.weighted(inCourt ? IN_COURT : AT_LARGE));
  const started = addDays(concluded, 3 + random.wait(30));
  if (started > LAST_DAY) return result(custody, concluded);
  move('under_trial', started);
  const judged = addDays(started, 90 + random.wait(380));
  const pending = (): DemoProsecution => ({
    court: input.court,
    charges: input.charges,
    prosecutionDate: started,
    outcome: 'pending',
    outcomeDate: null,
    conviction: null,
  });
  if (judged > LAST_DAY) {
    sent.forEach((inCourt, i) => (prosecutions[i] = inCourt ? pending() : null));
    return result(custody, concluded);
  }

  const convicts = random.chance(0.34);
  const outcomes = sent.map((inCourt): ProsecutionOutcome | null =>
    !inCourt ? null : convicts && random.chance(0.8) ? 'convicted' : random.weighted(NOT_CONVICTED),
  );
  if (convicts && !outcomes.includes('convicted')) outcomes[sent.indexOf(true)] = 'convicted';
  const appealed = addDays(judged, 150 + random.wait(250));
  const overturned = convicts && random.chance(0.1) && appealed <= LAST_DAY;
  outcomes.forEach((outcome, i) => {
    if (!outcome) return;
    prosecutions[i] = {
      ...pending(),
      outcome,
      outcomeDate: judged,
      conviction: outcome === 'convicted' ? conviction(random, input.charges, judged, overturned) : null,
    };
    custody[i] = outcome === 'convicted' && !overturned ? 'arrested' : 'released';
  });
  if (convicts) {
    move('convicted', judged);
    if (overturned) move('acquitted', appealed);
  } else {
    move('acquitted', judged);
  }
  return result(custody, concluded);
}

function conviction(random: DemoRandom, charges: string[], judged: string, overturned: boolean): DemoConviction {
  const decidedLongAgo = daysBetween(judged, LAST_DAY) > 300;
  const appealStatus: AppealStatus = overturned
    ? 'overturned'
    : random.weighted<AppealStatus>([
        ['none', 0.35],
        ['pending', decidedLongAgo ? 0.45 : 0.65],
        ['upheld', decidedLongAgo ? 0.2 : 0],
      ]);
  return {
    judgmentDate: judged,
    sections: charges.slice(0, random.int(1, charges.length)),
    imprisonmentMonths: random.weighted([
      [24, 0.15],
      [36, 0.2],
      [48, 0.15],
      [60, 0.15],
      [84, 0.2],
      [120, 0.1],
      [168, 0.05],
    ]),
    finePkr: random.chance(0.85) ? random.int(5, 100) * 10_000 : null,
    appealStatus,
  };
}

const INVESTIGATING: ReadonlyArray<readonly [CustodyStatus, number]> = [
  ['arrested', 0.45],
  ['suspect', 0.25],
  ['absconding', 0.2],
  ['on_bail', 0.1],
];
const NOT_TRACED: ReadonlyArray<readonly [CustodyStatus, number]> = [
  ['absconding', 0.5],
  ['proclaimed_offender', 0.3],
  ['suspect', 0.2],
];
const IN_COURT: ReadonlyArray<readonly [CustodyStatus, number]> = [
  ['on_bail', 0.55],
  ['arrested', 0.45],
];
const AT_LARGE: ReadonlyArray<readonly [CustodyStatus, number]> = [
  ['absconding', 0.5],
  ['proclaimed_offender', 0.5],
];
const NOT_CONVICTED: ReadonlyArray<readonly [ProsecutionOutcome, number]> = [
  ['acquitted', 0.75],
  ['discharged', 0.15],
  ['withdrawn', 0.1],
];
