import { expect } from '@jest/globals';
import fc from 'fast-check';
import { age, cnic, CellProblem, date, sex, text } from 'src/imports/parsing/values';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';
import { listCountries, resolveCountry } from 'src/reference/countries';
import { anyCell } from 'test/support/cell-arbitraries';

/**
 * Properties of the cell readers over generated input: any cell is either read or refused
 * with a CellProblem (never another error), and what is read agrees with the rule, stated
 * here on its own terms rather than through the reader's code.
 */
const RUNS = { numRuns: 500 };

/** Runs `read`: its value, or the CellProblem it refused the cell with; any other error fails the property. */
function outcome<T>(read: () => T): { value: T } | { problem: CellProblem } {
  try {
    return { value: read() };
  } catch (error) {
    if (error instanceof CellProblem) return { problem: error };
    throw error;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The calendar and the years a record may name: 1900-01-01 to 2100-12-31. */
const isRecordDate = (y: number, m: number, d: number) =>
  y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]);

describe('cell readers, over generated cells', () => {
  it('read or refuse every cell with a problem, never another error', () => {
    fc.assert(
      fc.property(anyCell, fc.boolean(), (cell, date1904) => {
        const readers: Array<() => unknown> = [
          () => date(cell, date1904, 2026),
          () => age(cell),
          () => sex(cell),
          () => cnic(cell),
          () => text(cell),
        ];
        for (const read of readers) outcome(read);
      }),
      { numRuns: 1000 },
    );
  });

  it('take a written date only when it is a calendar date from 1900 to 2100, day first', () => {
    const written = fc.record({
      y: fc.integer({ min: 1800, max: 2300 }),
      m: fc.integer({ min: 0, max: 14 }),
      d: fc.integer({ min: 0, max: 33 }),
      form: fc.constantFrom('DD/MM/YYYY', 'DD-MM-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'),
    });
    fc.assert(
      fc.property(written, ({ y, m, d, form }) => {
        const typed = form === 'YYYY-MM-DD' ? `${y}-${pad(m)}-${pad(d)}` : `${pad(d)}${form[2]}${pad(m)}${form[2]}${y}`;
        const got = outcome(() => date(typed, false, 2026));
        expect([typed, got]).toEqual([
          typed,
          isRecordDate(y, m, d) ? { value: `${y}-${pad(m)}-${pad(d)}` } : { problem: expect.any(CellProblem) },
        ]);
      }),
      RUNS,
    );
  });

  it('take a date cell or a serial number only inside 1900–2100', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: false }), (cell) => {
        const t = cell.getTime();
        const ok = !Number.isNaN(t) && cell.getUTCFullYear() >= 1900 && cell.getUTCFullYear() <= 2100;
        const got = outcome(() => date(cell, false));
        expect(got).toEqual(ok ? { value: cell.toISOString().slice(0, 10) } : { problem: expect.any(CellProblem) });
      }),
      RUNS,
    );
    // 1900 system: day 1 is 1899-12-31 as this reader counts (Excel's day 60 is its phantom 29 Feb 1900)
    const first = (Date.UTC(1900, 0, 1) - Date.UTC(1899, 11, 30)) / 86400000;
    const last = (Date.UTC(2100, 11, 31) - Date.UTC(1899, 11, 30)) / 86400000;
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (serial) => {
        const ok = Math.floor(serial) >= first && Math.floor(serial) <= last;
        expect([serial, 'value' in outcome(() => date(serial, false))]).toEqual([serial, ok]);
      }),
      RUNS,
    );
  });

  it('take an age only as a whole number of years from 0 to 120', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -200, max: 200, noNaN: true }))
          .filter((n) => !Object.is(n, -0)),
        fc.constantFrom('', ' yrs', ' years', 'y'),
        fc.boolean(),
        (n, unit, asText) => {
          const cell = asText ? `${n}${unit}` : n;
          const ok = Number.isInteger(n) && n >= 0 && n <= 120 && (!asText || /^\d+$/.test(String(n)));
          expect([cell, outcome(() => age(cell))]).toEqual([
            cell,
            ok ? { value: n } : { problem: expect.any(CellProblem) },
          ]);
        },
      ),
      RUNS,
    );
  });

  it('take a CNIC only as 13 digits, plain or grouped 5-7-1 with dashes, in Western or Urdu digits', () => {
    const URDU = '۰۱۲۳۴۵۶۷۸۹';
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^\d{1,14}$/), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('-', ' ', '.', '/', '--'),
        fc.boolean(),
        (groups, separator, urdu) => {
          const typed = groups.join(separator);
          const cell = urdu ? typed.replace(/\d/g, (d) => URDU[Number(d)]) : typed;
          const lengths = groups.map((g) => g.length).join(',');
          const ok = lengths === '13' || (lengths === '5,7,1' && separator === '-');
          expect([cell, outcome(() => cnic(cell))]).toEqual([
            cell,
            ok ? { value: groups.join('') } : { problem: expect.any(CellProblem) },
          ]);
        },
      ),
      RUNS,
    );
  });

  it('read the sexes in any case and spacing, and refuse any other word', () => {
    const SPELLINGS: Record<string, string[]> = {
      male: ['M', 'Male', 'Man', 'Boy'],
      female: ['F', 'Female', 'Woman', 'Girl'],
      transgender: ['T', 'TG', 'Transgender', 'Khawaja Sira', 'Khwaja Sira', 'X'],
      unknown: ['U', 'Unknown', 'Not known'],
    };
    const spelt = fc.constantFrom(...Object.entries(SPELLINGS).flatMap(([v, ws]) => ws.map((w) => [v, w] as const)));
    fc.assert(
      fc.property(spelt, fc.boolean(), fc.constantFrom('', ' ', '  '), ([value, word], upper, around) => {
        const cell = `${around}${upper ? word.toUpperCase() : word.toLowerCase()}${around}`;
        expect(sex(cell)).toBe(value);
      }),
      RUNS,
    );
    // no sex is written with twelve or more letters
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{12,30}$/), (word) => {
        expect(outcome(() => sex(word))).toEqual({ problem: expect.any(CellProblem) });
      }),
      RUNS,
    );
  });

  it('find a district by its code or by its name or alias however it is spaced and cased, and nothing else', () => {
    const rows = [
      { code: 'PK633', jurisdiction_code: 'PK-PB', name: 'Rahim Yar Khan', alias_key: 'ryk' },
      { code: 'PK723', jurisdiction_code: 'PK-SD', name: 'Sukkur', alias_key: null },
      { code: 'PK206', jurisdiction_code: 'PK-KP', name: 'D. I. Khan', alias_key: 'dikhan' },
    ];
    const lookup = new DistrictLookup(rows);
    // the district a text names, by letters and digits alone
    const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    const named = (s: string) =>
      rows.find((r) => r.code === s.trim().toUpperCase() || [bare(r.name), r.alias_key].includes(bare(s)))?.code ??
      null;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[ a-zA-Z0-9.-]{0,20}$/),
          fc
            .tuple(fc.constantFrom('Rahim Yar Khan', 'RYK', 'sukkur', 'DI Khan', 'pk633', 'PK723'), fc.boolean())
            .map(([n, up]) => (up ? n.toUpperCase() : n.replace(/ /g, '  '))),
        ),
        (typed) => {
          expect([typed, lookup.find(typed)?.code ?? null]).toEqual([typed, named(typed)]);
        },
      ),
      RUNS,
    );
  });

  it('read every country by name, alpha-2 and alpha-3 in any case, and no number as a country', () => {
    const countries = listCountries();
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.constantFrom<'name' | 'alpha2' | 'alpha3'>('name', 'alpha2', 'alpha3'),
        fc.boolean(),
        (country, field, upper) => {
          const typed = upper ? country[field].toUpperCase() : country[field].toLowerCase();
          expect([typed, resolveCountry(typed)]).toEqual([typed, country.alpha3]);
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[\d .,/-]{0,12}$/), (typed) => expect(resolveCountry(typed)).toBeNull()),
      RUNS,
    );
  });

  it('keep an identifier typed as a number as its digits, never in exponent form', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().filter((n) => n >= 0),
        (n) => {
          const read = text(n);
          expect(read).toMatch(/^\d+$/);
          expect(Number(read)).toBe(n);
        },
      ),
      RUNS,
    );
  });
});
