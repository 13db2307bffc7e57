import { t } from '../../i18n/i18n';
import type { Audience } from './workbook-queries';

export const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export const AUDIENCES: readonly Audience[] = ['ministry', 'internal'];
/** The first year offered in the year choices. */
const FIRST_YEAR = 2010;

export function monthName(month: string): string {
  return t(`workbooks.month.${month}` as never);
}

/** `2024-06` as `June 2024`. */
export function monthText(yearMonth: string): string {
  const [year, month] = yearMonth.split('-');
  return t('workbooks.monthYear', { month: monthName(month), year });
}

export function audienceText(audience: Audience): string {
  return t(`workbooks.audience.${audience}`);
}

/** This month in Pakistan, `YYYY-MM`. */
export function thisMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi', year: 'numeric', month: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}`;
}

/** The month before this one in Pakistan, `YYYY-MM`: the one a workbook is usually wanted for. */
export function lastMonth(now = new Date()): string {
  const [year, month] = thisMonth(now).split('-').map(Number);
  return new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
}

/** This year back to the first year offered, newest first. */
export function yearChoices(now = new Date()): number[] {
  const current = Number(thisMonth(now).slice(0, 4));
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}
