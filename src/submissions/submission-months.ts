/** Months of the cycle, written `YYYY-MM` outside and as their first day (`YYYY-MM-01`) inside. */

/** The first and last day of a `YYYY-MM` month. */
export function monthSpan(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month `n` months after `month` (`YYYY-MM`; n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 600; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The end of the deadline day of `month`: the `day`th of the next month, 23:59:59.999 in Pakistan (UTC+5). */
export function deadlineOf(month: string, day: number): Date {
  const next = addMonths(month, 1);
  return new Date(`${next}-${String(day).padStart(2, '0')}T23:59:59.999+05:00`);
}
