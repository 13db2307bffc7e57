import { dueMonth } from 'src/reminders/due-month';

/** Pakistan time (UTC+5) written out, so each case reads as the clock on an office wall. */
const pkt = (local: string) => new Date(`${local}+05:00`);

describe('dueMonth', () => {
  it('names last month from three days before its deadline until the deadline day ends', () => {
    // the deadline of November 2026 (day 10) is 10 December 2026, 23:59:59.999 in Pakistan
    const deadline = pkt('2026-12-10T23:59:59.999');
    expect(dueMonth(pkt('2026-12-07T23:59:59.999'), 10, 3)).toEqual({ month: '2026-11', deadline });
    expect(dueMonth(pkt('2026-12-08T09:00:00'), 10, 3)).toEqual({ month: '2026-11', deadline });
    expect(dueMonth(pkt('2026-12-10T23:59:59.999'), 10, 3)).toEqual({ month: '2026-11', deadline });
  });

  it('names no month before the window opens or after the deadline has passed', () => {
    expect(dueMonth(pkt('2026-12-07T23:59:59.998'), 10, 3)).toBeNull();
    expect(dueMonth(pkt('2026-12-05T09:00:00'), 10, 3)).toBeNull();
    expect(dueMonth(pkt('2026-12-11T00:00:00'), 10, 3)).toBeNull();
    expect(dueMonth(pkt('2026-12-25T09:00:00'), 10, 3)).toBeNull();
  });

  it('reads the day in Pakistan, not in UTC', () => {
    // 1 January 2027, 02:00 in Pakistan is still 31 December in UTC; with deadline day 1 the window
    // of December 2026 runs from 29 December, 23:59:59.999 to 1 January, 23:59:59.999
    expect(dueMonth(pkt('2027-01-01T02:00:00'), 1, 3)?.month).toBe('2026-12');
    // and before the month has ended, the current month is the one due
    expect(dueMonth(pkt('2026-12-30T09:00:00'), 1, 3)?.month).toBe('2026-12');
    expect(dueMonth(pkt('2026-12-28T09:00:00'), 1, 3)).toBeNull();
  });

  it('crosses the year: December is due in January', () => {
    expect(dueMonth(pkt('2027-01-09T09:00:00'), 10, 3)).toEqual({
      month: '2026-12',
      deadline: pkt('2027-01-10T23:59:59.999'),
    });
  });

  it('follows the configured deadline day and lead time', () => {
    expect(dueMonth(pkt('2026-12-15T09:00:00'), 20, 7)?.month).toBe('2026-11');
    expect(dueMonth(pkt('2026-12-15T09:00:00'), 20, 3)).toBeNull();
  });
});
