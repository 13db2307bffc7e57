import { normaliseCnic } from 'src/common/cnic';
import { EARLIEST_DATE, LATEST_DATE } from 'src/common/dto/iso-date';
import { ImportFieldCode, ImportFieldCodes } from 'src/common/errors/field-codes';
import { textProblem } from 'src/common/text-safety';
import { Cell } from 'src/imports/reading/sheet-rows';
import { nameKey } from 'src/reference/name-key';
import { LAW_SECTIONS } from 'src/reference/code-lists';

/**
 * How people write values in provincial spreadsheets, and what each means. Each parser
 * returns the value or throws a CellProblem whose message says what was expected — never
 * what was found, which may be personal data.
 */
export class CellProblem extends Error {
  constructor(
    readonly code: ImportFieldCode,
    message: string,
  ) {
    super(message);
  }
}

const ODD_SPACES = /[\u00A0\u202F]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
const UNUSUAL = /[\u00A0\u202F\u200B-\u200D\u2060\uFEFF]/;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/;

/**
 * Text as people paste it: non-breaking spaces are spaces and zero-width characters are
 * dropped — but in Urdu or Arabic text the joiner and non-joiner (U+200C, U+200D), which
 * shape its words, stay.
 */
export function cleanText(value: string): string {
  if (!UNUSUAL.test(value)) return value;
  return value.replace(ARABIC_SCRIPT.test(value) ? INVISIBLE : ZERO_WIDTH, '').replace(ODD_SPACES, ' ');
}

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Arabic-Indic (٠–٩) and Urdu/Persian (۰–۹) digits as 0–9: both blocks put 0 at a code point ending in 0. */
export function westernDigits(value: string): string {
  return value.replace(EASTERN_DIGITS, (d) => String(d.charCodeAt(0) & 0x0f));
}

/** The Excel error values; any other text in an error cell is not repeated. */
const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
]);

/** The digits of a number, never in exponent form (an identifier typed as a number: 3520298765431, 77). */
function numberText(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/** A formula without a saved value or an Excel error value: never a value to read. */
function refuseComputed(cell: object): never {
  if ('error' in cell) {
    const name =
      typeof cell.error === 'string' && EXCEL_ERRORS.has(cell.error.toUpperCase()) ? cell.error.toUpperCase() : null;
    throw new CellProblem(
      ImportFieldCodes.ERROR_VALUE,
      `the cell shows an Excel error${name ? ` (${name})` : ' such as #N/A'}; correct the formula or type the value`,
    );
  }
  throw new CellProblem(
    ImportFieldCodes.FORMULA_WITHOUT_VALUE,
    'the formula has no saved value; open the file in Excel, let it calculate, and save it — or type the value',
  );
}

/**
 * A text cell, trimmed; a number typed into an identifier column keeps its digits exactly
 * (77 is "77", 3520298765431 its 13 digits), text keeps its own (`077` stays `077`).
 */
/**
 * Text as typed, spaces cleaned, refused when it holds control characters (line breaks only
 * in `multiline` text such as remarks) or bidirectional controls, as every free-text field is.
 */
export function text(cell: Cell, maxLength = 500, multiline = false): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) throw new CellProblem(ImportFieldCodes.INVALID_TEXT, 'expected text, found a date');
  if (typeof cell === 'object') refuseComputed(cell);
  const value = (
    typeof cell === 'string' ? cleanText(cell) : typeof cell === 'number' ? numberText(cell) : String(cell)
  ).trim();
  if (value === '') return null;
  if (value.length > maxLength) throw new CellProblem(ImportFieldCodes.TOO_LONG, `at most ${maxLength} characters`);
  const problem = textProblem(value, { multiline });
  if (problem) throw new CellProblem(ImportFieldCodes.INVALID_TEXT, problem.message);
  return value;
}

/** Text whose digits may be written in Urdu or Arabic-Indic digits (numbers, dates, ages, CNICs). */
function digitsText(cell: Cell, maxLength?: number): string | null {
  const value = text(cell, maxLength);
  return value === null ? null : westernDigits(value);
}

const SEX: Record<string, 'male' | 'female' | 'transgender' | 'unknown'> = {};
for (const w of ['m', 'male', 'man', 'boy']) SEX[w] = 'male';
for (const w of ['f', 'female', 'woman', 'girl']) SEX[w] = 'female';
for (const w of ['t', 'tg', 'transgender', 'khawajasira', 'khwajasira', 'x']) SEX[w] = 'transgender';
for (const w of ['u', 'unknown', 'notknown']) SEX[w] = 'unknown';

export function sex(cell: Cell): 'male' | 'female' | 'transgender' | 'unknown' {
  const value = text(cell);
  if (value === null) return 'unknown';
  const found = SEX[nameKey(value)];
  if (!found)
    throw new CellProblem(
      ImportFieldCodes.UNKNOWN_CODE,
      'expected M/Male/Man/Boy, F/Female/Woman/Girl, T/TG/Transgender/Khawaja Sira/X or U/Unknown',
    );
  return found;
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoOf(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** The forms date() reads, for messages and the template's instructions. */
export const DATE_FORMS =
  'an Excel date, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, YYYY-MM-DD, or with the month named (15-Mar-2024, 15 March 2024, Mar 15, 2024)';

const MONTHS: Record<string, number> = {};
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, i) => {
  MONTHS[name] = MONTHS[name.slice(0, 3)] = i + 1;
});
MONTHS.sept = 9;

/** 15-Mar-2024, 15 March 2024, 15/Mar/2024, 15th Mar, 2024, 15-Mar-24 */
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([a-z]+)\.?,?[\s/.-]+(\d{4}|\d{2})$/i;
/** Mar 15, 2024, March 15 2024 */
const MONTH_DAY_YEAR = /^([a-z]+)\.?[\s/.-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s/.-]+(\d{4}|\d{2})$/i;

/**
 * A two-digit year: the one year from 1947 to this year that ends in those digits (24 is
 * 2024, 65 is 1965); none for 27–46 in 2026.
 */
function fullYear(written: string, thisYear: number): number | null {
  if (written.length === 4) return Number(written);
  const yy = Number(written);
  const year = 2000 + yy <= thisYear ? 2000 + yy : 1900 + yy;
  return year >= 1947 && year <= thisYear ? year : null;
}

function namedMonthDate(day: string, month: string, year: string, thisYear: number): string | null {
  const m = MONTHS[month.toLowerCase()];
  const y = fullYear(year, thisYear);
  return m && y !== null ? isoOf(y, m, Number(day)) : null;
}

/** A date outside the years any record may name (as the API refuses them): a typing error, never read as written. */
function inRange(iso: string): string {
  if (iso < EARLIEST_DATE || iso > LATEST_DATE)
    throw new CellProblem(ImportFieldCodes.INVALID_DATE, `expected a date from ${EARLIEST_DATE} to ${LATEST_DATE}`);
  return iso;
}

/**
 * Real Excel dates (either date system), serial numbers, or text written day first, ISO, or
 * with the month named in English (15-Mar-2024, 15 March 2024, Mar 15, 2024), in any digits;
 * from 1900 to 2100.
 */
export function date(cell: Cell, date1904: boolean, thisYear = new Date().getUTCFullYear()): string | null {
  const iso = calendarDate(cell, date1904, thisYear);
  return iso === null ? null : inRange(iso);
}

function calendarDate(cell: Cell, date1904: boolean, thisYear: number): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) throw new CellProblem(ImportFieldCodes.INVALID_DATE, 'expected a date');
    return cell.toISOString().slice(0, 10);
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2958465)
      throw new CellProblem(ImportFieldCodes.INVALID_DATE, 'expected a date');
    const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
    return new Date(epoch + Math.floor(cell) * 86400000).toISOString().slice(0, 10);
  }
  const value = digitsText(cell);
  if (value === null) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  let iso: string | null = null;
  if (m) iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value))) iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = DAY_MONTH_YEAR.exec(value))) iso = namedMonthDate(m[1], m[2], m[3], thisYear);
  else if ((m = MONTH_DAY_YEAR.exec(value))) iso = namedMonthDate(m[2], m[1], m[3], thisYear);
  if (!iso) throw new CellProblem(ImportFieldCodes.INVALID_DATE, `expected a date: ${DATE_FORMS}`);
  return iso;
}

export function age(cell: Cell): number | null {
  if (cell === null) return null;
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const value = digitsText(cell);
    if (value === null || /^(unknown|unk|n\/?a|-)$/i.test(value)) return null;
    const m = /^(\d{1,3})\s*(y|yr|yrs|year|years)?\.?$/i.exec(value);
    if (!m)
      throw new CellProblem(ImportFieldCodes.INVALID_AGE, 'expected an age in whole years (17, 17 yrs) or unknown');
    n = Number(m[1]);
  }
  if (!Number.isInteger(n) || n < 0 || n > 120)
    throw new CellProblem(ImportFieldCodes.INVALID_AGE, 'an age is a whole number from 0 to 120');
  return n;
}

export function yesNo(cell: Cell): boolean | null {
  if (cell === null) return null;
  if (typeof cell === 'boolean') return cell;
  const value = nameKey(text(cell) ?? '');
  if (value === '') return null;
  if (['y', 'yes', '1', 'true'].includes(value)) return true;
  if (['n', 'no', '0', 'false'].includes(value)) return false;
  throw new CellProblem(ImportFieldCodes.UNKNOWN_CODE, 'expected Y/N, Yes/No or 1/0');
}

/** A whole number ≥ 0, written plainly or with thousands separators (1,500,000). */
export function count(cell: Cell, max: number): number | null {
  if (cell === null) return null;
  let n: number;
  if (typeof cell === 'number') n = cell;
  else if (cell instanceof Date) n = NaN;
  else {
    const value = digitsText(cell);
    if (value === null) return null;
    n = /^[\d,]+$/.test(value) ? Number(value.replace(/,/g, '')) : NaN;
  }
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new CellProblem(ImportFieldCodes.INVALID_NUMBER, `expected a whole number from 0 to ${max}`);
  return n;
}

/** The 13 digits of a CNIC: XXXXX-XXXXXXX-X or 13 digits, typed as text (any digits) or as a number. */
export function cnic(cell: Cell): string | null {
  const value = digitsText(cell, 20);
  if (value === null) return null;
  const digits = normaliseCnic(value);
  if (!digits)
    throw new CellProblem(
      ImportFieldCodes.INVALID_CNIC,
      'a CNIC is 13 digits, written XXXXX-XXXXXXX-X or without dashes',
    );
  return digits;
}

type CodeItems<T extends string> = ReadonlyArray<T | { code: T; label: string }>;
const CODE_KEYS = new WeakMap<CodeItems<string>, Map<string, string>>();

/** code and label keys of a list, built once per list */
function codeKeys<T extends string>(items: CodeItems<T>): Map<string, T> {
  let keys = CODE_KEYS.get(items);
  if (!keys) {
    keys = new Map();
    for (const item of items) {
      const c = typeof item === 'string' ? item : item.code;
      if (typeof item !== 'string') keys.set(nameKey(item.label), c);
      keys.set(nameKey(c), c);
    }
    CODE_KEYS.set(items, keys);
  }
  return keys as Map<string, T>;
}

/** A coded value by its code or label, any case, spaces, underscores and hyphens alike. */
export function code<T extends string>(cell: Cell, items: CodeItems<T>, what: string): T | null {
  const value = text(cell);
  if (value === null) return null;
  const found = codeKeys(items).get(nameKey(value));
  if (!found) throw new CellProblem(ImportFieldCodes.UNKNOWN_CODE, `not a known ${what}`);
  return found;
}

export function codeList<T extends string>(cell: Cell, items: CodeItems<T>, what: string): T[] {
  const value = text(cell, 2000);
  if (value === null) return [];
  const out: T[] = [];
  for (const part of value
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const found = code(part, items, what)!;
    if (!out.includes(found)) out.push(found);
  }
  return out;
}

const SECTION_BY_KEY = new Map(LAW_SECTIONS.map((s) => [nameKey(s.code), s.code]));

/** `PTPA 3, PPC 371-A` → `PTPA-3`, `PPC-371A`. */
export function lawSections(cell: Cell): string[] {
  const value = text(cell, 2000);
  if (value === null) return [];
  const out: string[] = [];
  for (const part of value
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const found = SECTION_BY_KEY.get(nameKey(part.replace(/^(s|sec|section)\.?\s*/i, '')));
    if (!found)
      throw new CellProblem(ImportFieldCodes.UNKNOWN_CODE, 'not a known law section (e.g. PTPA 3, PPC 371-A)');
    if (!out.includes(found)) out.push(found);
  }
  return out;
}
