/** Calendar days as `YYYY-MM-DD`, counted in Pakistan's calendar (a day there is a day of the records). */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The service answers periods of at most 50 years. */
export const MAX_SPAN_YEARS = 50;

export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['lastMonth', 'thisYear', 'lastYear', 'last12Months'] as const;
export type Preset = (typeof PRESETS)[number];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** Today in Pakistan. */
export function todayInPakistan(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Karachi',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whether `day` is a real calendar date written as YYYY-MM-DD. */
export function isDay(day: string | null | undefined): day is string {
  return !!day && DAY.test(day) && iso(utc(day)) === day;
}

export function addDays(day: string, days: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The first day of the month `months` after the month of `day`. */
function monthStart(day: string, months = 0): string {
  const d = utc(day);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

const monthEnd = (day: string) => addDays(monthStart(day, 1), -1);

export function presetPeriod(preset: Preset, today: string): Period {
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'lastMonth':
      return { from: monthStart(today, -1), to: addDays(monthStart(today), -1) };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'last12Months':
      // twelve whole months, ending with the last one completed
      return { from: monthStart(today, -12), to: addDays(monthStart(today), -1) };
  }
}

/** The preset a period is, or null for custom dates. */
export function presetOf(period: Period, today: string): Preset | null {
  return (
    PRESETS.find((p) => {
      const candidate = presetPeriod(p, today);
      return candidate.from === period.from && candidate.to === period.to;
    }) ?? null
  );
}

/** A period the service accepts: real dates, in order, at most 50 years. */
export function isValidPeriod(period: Partial<Period>): period is Period {
  if (!isDay(period.from) || !isDay(period.to) || period.from > period.to) return false;
  const limit = `${Number(period.from.slice(0, 4)) + MAX_SPAN_YEARS}${period.from.slice(4)}`;
  return period.to <= limit;
}

/**
 * The period of the same length just before: as many whole months when the period is whole
 * months (2024 → 2023), else as many days.
 */
export function previousPeriod({ from, to }: Period): Period {
  if (from === monthStart(from) && to === monthEnd(to)) {
    const months =
      (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    return { from: monthStart(from, -months), to: addDays(from, -1) };
  }
  const days = Math.round((utc(to).getTime() - utc(from).getTime()) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/**
 * The part of a trend's period (`2024-03`, `2024-Q1`, `2024`) inside the period asked: the
 * first and last are clipped to it, as the service counts them.
 */
export function trendPeriodRange(label: string, asked: Period): Period {
  let from: string;
  let to: string;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    from = `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    to = monthEnd(monthStart(from, 2));
  } else if (/^\d{4}$/.test(label)) {
    from = `${label}-01-01`;
    to = `${label}-12-31`;
  } else {
    from = `${label}-01`;
    to = monthEnd(from);
  }
  return { from: from < asked.from ? asked.from : from, to: to > asked.to ? asked.to : to };
}
