import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy } from 'class-validator';

/** The dates any record or query may name: earlier or later ones are typing errors (and beyond what PostgreSQL's date type handles well). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** Compares the date part as text (`YYYY-MM-DD` sorts as it counts); a value of another shape is left to the format rule. */
const InDateRange = () =>
  ValidateBy({
    name: 'dateInRange',
    validator: {
      validate: (value: unknown) => {
        const day = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] : undefined;
        return day === undefined || (day >= EARLIEST_DATE && day <= LATEST_DATE);
      },
      defaultMessage: (args) => `${args?.property ?? 'date'} must lie between ${EARLIEST_DATE} and ${LATEST_DATE}`,
    },
  });

/** A calendar date written `YYYY-MM-DD` that exists (no 2024-02-30), between 1900 and 2100. */
export const IsIsoDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    InDateRange(),
  );

/**
 * A date (`YYYY-MM-DD`) or a date and time (`YYYY-MM-DDTHH:MM[:SS[.fff]]`, with `Z` or an
 * offset) that exists, between 1900 and 2100. Week and ordinal dates are refused.
 */
export const IsIsoDateTime = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
      message: '$property must be a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM:SSZ)',
    }),
    IsISO8601({ strict: true }),
    InDateRange(),
  );

/** Today's date in Pakistan (UTC+5), the calendar the records are kept in. */
export function todayInPakistan(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}
