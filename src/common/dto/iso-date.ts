import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date written `YYYY-MM-DD` that exists (no 2024-02-30). */
export const IsIsoDate = () =>
  applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }), IsISO8601({ strict: true }));

/** Today's date in Pakistan (UTC+5), the calendar the records are kept in. */
export function todayInPakistan(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}
