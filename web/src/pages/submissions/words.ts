import { formatNumber, hasMessage, t } from '../../i18n/i18n';
import { monthText } from '../workbooks/workbook-words';

export { monthText };

export const STATUSES = ['missing', 'not_due', 'submitted', 'returned', 'approved', 'reopened'] as const;
export type CellStatus = (typeof STATUSES)[number];

/** The state in words (`Returned for correction`); `short` for the grid's cells. */
export function statusText(status: string, short = false): string {
  const key = `submissions.${short ? 'statusShort' : 'status'}.${status}`;
  return hasMessage(key) ? t(key) : status;
}

export function checkTitle(code: string): string {
  const key = `submissions.check.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export function metricText(metric: string): string {
  const key = `submissions.metric.${metric}`;
  return hasMessage(key) ? t(key) : metric;
}

export function stepText(action: string): string {
  const key = `submissions.step.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/** A rate (0–1) as a percentage, or words when nothing was expected. */
export function rateText(rate: number | null): string {
  if (rate === null) return t('submissions.completeness.noRate');
  return `${formatNumber(Math.round(rate * 1000) / 10)}%`;
}

/** The month `n` months after `month` (`YYYY-MM`; n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** Months from `from` to `to`, both included; [] when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 600; m = addMonths(m, 1)) out.push(m);
  return out;
}
