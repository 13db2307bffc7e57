import { addMonths, deadlineOf } from 'src/submissions/submission-months';
import { todayInPakistan } from 'src/common/dto/iso-date';

const DAY_MS = 24 * 3600_000;

/** A month whose deadline is near: `YYYY-MM` and its deadline. */
export interface DueMonth {
  readonly month: string;
  readonly deadline: Date;
}

/**
 * The month a reminder is about at `now`: the one whose deadline (day `deadlineDay` of the
 * next month, end of day in Pakistan) lies no more than `daysBefore` days ahead and has not
 * passed. Null when no deadline is that near. Only the month before the current one (in
 * Pakistan) and, with a deadline early in the month, the current one can qualify.
 */
export function dueMonth(now: Date, deadlineDay: number, daysBefore: number): DueMonth | null {
  const current = todayInPakistan(now).slice(0, 7);
  for (const month of [addMonths(current, -1), current]) {
    const deadline = deadlineOf(month, deadlineDay);
    if (now.getTime() >= deadline.getTime() - daysBefore * DAY_MS && now.getTime() <= deadline.getTime())
      return { month, deadline };
  }
  return null;
}
