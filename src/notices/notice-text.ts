/** The deadline's day as a person reads it: `10 December 2026` (the day in Pakistan). */
export function deadlineDate(deadline: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Karachi',
  }).format(deadline);
}

/** `December 2026` for `2026-12`. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The sentence of a submission-due notice: which month of which unit is due by when. Never any figure. */
export function submissionDueText(month: string, unitName: string, deadline: Date): string {
  return `The monthly report of ${unitName} for ${monthName(month)} is due by ${deadlineDate(deadline)} and has not been submitted yet.`;
}
