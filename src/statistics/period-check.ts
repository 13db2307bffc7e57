import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { StatisticsErrors } from 'src/common/errors/error-codes';
import { StatisticsFieldCodes } from 'src/common/errors/field-codes';

/** The longest period a figure or an export may span. */
export const MAX_SPAN_YEARS = 50;

/** Refuses a period (`YYYY-MM-DD`, both days included) that ends before it begins or spans more than 50 years. */
export function assertPeriod(q: { from: string; to: string }): void {
  const problems: FieldProblem[] = [];
  if (q.from > q.to)
    problems.push({ field: 'to', code: StatisticsFieldCodes.BEFORE_FROM, message: 'to must not be before from' });
  const limit = `${Number(q.from.slice(0, 4)) + MAX_SPAN_YEARS}${q.from.slice(4)}`;
  if (q.to > limit)
    problems.push({
      field: 'to',
      code: StatisticsFieldCodes.SPAN_TOO_LONG,
      message: `the period spans at most ${MAX_SPAN_YEARS} years`,
    });
  if (problems.length)
    throw new DomainError(StatisticsErrors.INVALID_PERIOD, 'The period is not valid', { errors: problems });
}
